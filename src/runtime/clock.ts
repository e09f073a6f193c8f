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
  return clock.paused ? clock.anchorVirtualMs : clock.anchorVirtualMs + (wallMs - clock.anchorWallMs) * clock.speed;
}

/** Real milliseconds until virtual time `at`, or Infinity while paused. */
export function realDelayUntil(clock: ClockState, wallMs: number, at: number): number {
  if (clock.paused || at === Infinity) return Infinity;
  return Math.max(0, (at - virtualAt(clock, wallMs)) / clock.speed);
}

/** Freeze virtual time: timers stop and messages in flight are held until resume. */
export function pauseClock(clock: ClockState, wallMs: number): ClockState {
  if (clock.paused) return clock;
  return { ...clock, anchorWallMs: wallMs, anchorVirtualMs: virtualAt(clock, wallMs), paused: true };
}

export function resumeClock(clock: ClockState, wallMs: number): ClockState {
  if (!clock.paused) return clock;
  return { ...clock, anchorWallMs: wallMs, paused: false };
}

/** Change the speed from now on; virtual time stays continuous. */
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
