import { RUN_FORMAT_VERSION, type RunAction, type RunFile, type RunPosition, type RunStart, type TimedAction } from './run';

/** A place in a run: virtual time, scheduled events run, and recorded actions applied. */
export interface Cursor {
  readonly at: number;
  readonly step: number;
  readonly actions: number;
}

/** A run's items are its events and its actions: a cursor's index among them. */
export function itemsOf(cursor: Cursor): number {
  return cursor.step + cursor.actions;
}

/** Whether cursor `a` stands at or before `b` in the run (events and actions both count). */
export function atOrBefore(a: Cursor, b: Cursor): boolean {
  return a.step <= b.step && a.actions <= b.actions && a.at <= b.at;
}

/**
 * The run so far, as data (src/engine/run.ts): how it started, every user action with the step and
 * the virtual time it was applied at, and how far the run has reached. The simulated engine is a
 * function of these, so the recorded future can be replayed from any checkpoint; acting in the
 * past forks: the recorded future after that moment is dropped.
 */
export class RunRecorder {
  private list: TimedAction[];
  /** The furthest the run has reached. */
  private reached: Cursor;
  private forkCount = 0;

  constructor(readonly start: RunStart, actions: readonly TimedAction[] = [], endAt = 0, endStep = 0) {
    this.list = [...actions];
    this.reached = { at: endAt, step: endStep, actions: this.list.length };
  }

  get actions(): readonly TimedAction[] {
    return this.list;
  }

  get end(): Cursor {
    return this.reached;
  }

  get forks(): number {
    return this.forkCount;
  }

  /** Cursor `now` lies before the run's end: acting there forks. */
  inPast(now: Cursor): boolean {
    return now.actions < this.list.length || now.step < this.reached.step || now.at < this.reached.at;
  }

  /** The run has gone on to `now` (beyond its end, the end moves with it). */
  reach(now: Cursor): void {
    if (now.actions < this.list.length) return;
    if (now.at >= this.reached.at && now.step >= this.reached.step) this.reached = now;
  }

  /**
   * The user acted at `now`. In the past, the recorded future after `now` is dropped first (a fork).
   * True if it forked.
   */
  record(now: Cursor, action: RunAction): boolean {
    const forked = this.inPast(now);
    if (forked) {
      this.list.length = now.actions;
      this.forkCount++;
    }
    this.list.push({ at: now.at, step: now.step, action });
    this.reached = { at: now.at, step: now.step, actions: this.list.length };
    return forked;
  }

  /** An action recorded without a step (the live engine's) was replayed at `step`: keep it exact from now on. */
  pin(index: number, step: number): void {
    const item = this.list[index];
    if (item && item.step === null) this.list[index] = { ...item, step };
  }

  position(now: Cursor): RunPosition {
    const end = this.reached;
    return { at: now.at, endAt: Math.max(end.at, now.at), step: now.step, endStep: Math.max(end.step, now.step), inPast: this.inPast(now), forks: this.forkCount };
  }

  file(note?: string): RunFile {
    return {
      format: 'raftlab-run', version: RUN_FORMAT_VERSION, start: this.start, actions: [...this.list], endAt: this.reached.at, endStep: this.reached.step,
      ...(note !== undefined ? { note } : {}),
    };
  }
}
