/**
 * The cluster's shared virtual clock. The Raft core is pure and reads time only through its
 * inputs; in the browser every worker computes `now` from the same ClockState, so message
 * timestamps taken in one thread mean the same instant in another.
 *
 *   virtual(wall) = anchorVirtualMs + (wall - anchorWallMs) × speed     (running)
 *   virtual(wall) = anchorVirtualMs                                      (paused)
 *
 * Wall time is `performance.timeOrigin + performance.now()`, which the page and its workers share.
 */
export interface ClockState {
  readonly anchorWallMs: number;
  readonly anchorVirtualMs: number;
  /** Virtual milliseconds per real millisecond. */
  readonly speed: number;
  readonly paused: boolean;
  /**
   * A step in progress (the user's "advance a little while paused"): time runs from the anchor as
   * usual but stops at this virtual instant, in every thread at once. Absent otherwise.
   */
  readonly until?: number;
}

/** The range of speed factors the controls accept. */
export const MIN_SPEED = 0.05;
export const MAX_SPEED = 4;

export function wallNow(): number {
  return performance.timeOrigin + performance.now();
}

export function startClock(wallMs: number, speed = 1, virtualMs = 0): ClockState {
  return { anchorWallMs: wallMs, anchorVirtualMs: virtualMs, speed: checkSpeed(speed), paused: false };
}

export function virtualAt(clock: ClockState, wallMs: number): number {
  if (clock.paused) return clock.anchorVirtualMs;
  const running = clock.anchorVirtualMs + (wallMs - clock.anchorWallMs) * clock.speed;
  return clock.until === undefined ? running : Math.min(running, clock.until);
}

/** Real milliseconds until virtual time `at`, or Infinity while paused. */
export function realDelayUntil(clock: ClockState, wallMs: number, at: number): number {
  if (clock.paused || at === Infinity || (clock.until !== undefined && at > clock.until)) return Infinity;
  return Math.max(0, (at - virtualAt(clock, wallMs)) / clock.speed);
}

/** Freeze virtual time: timers stop and messages in flight are held until resume. */
export function pauseClock(clock: ClockState, wallMs: number): ClockState {
  if (clock.paused) return clock;
  return { anchorWallMs: wallMs, anchorVirtualMs: virtualAt(clock, wallMs), speed: clock.speed, paused: true };
}

/** Let time run freely again (a step in progress becomes a plain run). */
export function resumeClock(clock: ClockState, wallMs: number): ClockState {
  if (!clock.paused && clock.until === undefined) return clock;
  return { anchorWallMs: wallMs, anchorVirtualMs: virtualAt(clock, wallMs), speed: clock.speed, paused: false };
}

/**
 * Advance `virtualMs` more and stop there: from a pause, time runs for that long (at the current
 * speed, so a message in flight visibly moves) and stops; while running, it stops `virtualMs` from now.
 */
export function stepClock(clock: ClockState, wallMs: number, virtualMs: number): ClockState {
  if (!(virtualMs > 0 && Number.isFinite(virtualMs))) throw new RangeError(`a step must be a positive number of ms (got ${virtualMs})`);
  const from = clock.until ?? virtualAt(clock, wallMs);
  return { anchorWallMs: wallMs, anchorVirtualMs: virtualAt(clock, wallMs), speed: clock.speed, paused: false, until: from + virtualMs };
}

/** A step has reached its end: time stands still although the clock is not marked paused yet. */
export function stepDone(clock: ClockState, wallMs: number): boolean {
  return clock.until !== undefined && virtualAt(clock, wallMs) >= clock.until;
}

/** Change the speed from now on; virtual time stays continuous (a step keeps its end). */
export function setClockSpeed(clock: ClockState, wallMs: number, speed: number): ClockState {
  return { ...clock, anchorWallMs: wallMs, anchorVirtualMs: virtualAt(clock, wallMs), speed: checkSpeed(speed) };
}

function checkSpeed(speed: number): number {
  if (!(speed >= MIN_SPEED && speed <= MAX_SPEED)) {
    throw new RangeError(`speed must be between ${MIN_SPEED}× and ${MAX_SPEED}× (got ${speed})`);
  }
  return speed;
}

/**
 * One thread's reading of the shared clock. Threads receive a new ClockState a little apart, so a
 * reading can step back by a hair when a pause arrives; the core must never see time go back.
 */
export class MonotonicClock {
  private last = -Infinity;

  constructor(public state: ClockState, private readonly wall: () => number = wallNow) {}

  now(): number {
    const t = virtualAt(this.state, this.wall());
    if (t > this.last) this.last = t;
    return this.last;
  }

  realDelayUntil(at: number): number {
    return realDelayUntil(this.state, this.wall(), at);
  }
}
