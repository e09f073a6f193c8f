import { stepDone, virtualAt, wallNow, type ClockState } from '../../runtime/clock';

/** What a drawer is given each frame. */
export interface Frame {
  /** Virtual ms on the cluster clock (what message and timer times are in). */
  readonly now: number;
  /** Real ms (performance.now), for effects that must play whatever the speed. */
  readonly real: number;
  /** Time is running: things move. */
  readonly running: boolean;
}

/** Draws one frame by writing attributes on elements React rendered; returns whether it wants another. */
export type Drawer = (frame: Frame) => boolean;

/** Under `prefers-reduced-motion: reduce`, frames come at most this often: dots and rings step, they do not glide. */
export const REDUCED_MOTION_FRAME_MS = 250;

/**
 * The next animation frame, or (when the user asked for reduced motion, WCAG 2.3.3) the first
 * frame after REDUCED_MOTION_FRAME_MS: the picture still follows the cluster, at a few frames a
 * second, which also spares a slow machine most of the painting.
 */
export function nextFrame(callback: (t: number) => void): number {
  if (!reducedMotion()) return requestAnimationFrame(callback);
  return window.setTimeout(() => requestAnimationFrame(callback), REDUCED_MOTION_FRAME_MS);
}

let reducedMotionQuery: MediaQueryList | null | undefined;
function reducedMotion(): boolean {
  if (reducedMotionQuery === undefined) {
    reducedMotionQuery = typeof matchMedia === 'function' ? matchMedia('(prefers-reduced-motion: reduce)') : null;
  }
  return reducedMotionQuery?.matches ?? false;
}

/**
 * The page's one requestAnimationFrame loop. Message dots and timer rings move here, from
 * timestamps, without React renders. It runs only while some drawer wants frames: when the
 * cluster is paused and nothing fades, no frame is requested at all (an idle page stays idle).
 * With reduced motion it draws a few frames a second (nextFrame).
 */
export class FrameLoop {
  private readonly drawers = new Set<Drawer>();
  private handle: number | null = null;

  constructor(
    private readonly clock: () => ClockState | null,
    private readonly schedule: (callback: (t: number) => void) => number = nextFrame,
  ) {}

  add(drawer: Drawer): () => void {
    this.drawers.add(drawer);
    this.wake();
    return () => { this.drawers.delete(drawer); };
  }

  /** Something changed (a report, a message, the clock): draw at the next frame. */
  wake(): void {
    if (this.handle === null) this.handle = this.schedule(this.tick);
  }

  get running(): boolean {
    return this.handle !== null;
  }

  private readonly tick = (): void => {
    this.handle = null;
    const frame = frameAt(this.clock(), wallNow(), performance.now());
    let more = false;
    for (const draw of this.drawers) more = draw(frame) || more;
    if (more) this.wake();
  };
}

export function frameAt(clock: ClockState | null, wall: number, real: number): Frame {
  if (!clock) return { now: 0, real, running: false };
  return { now: virtualAt(clock, wall), real, running: !clock.paused && !stepDone(clock, wall) };
}
