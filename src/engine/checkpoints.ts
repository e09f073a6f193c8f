import { atOrBefore, itemsOf, type Cursor } from './recorder';

/** Start with a checkpoint every this many scheduled events (measured: bench/time-travel.bench.ts). */
export const CHECKPOINT_EVERY_STEPS = 8000;
/** Keep at most this many; past it, every other one goes and the interval doubles (a long run stays bounded). */
export const MAX_CHECKPOINTS = 48;

export interface Checkpoint<W> {
  readonly cursor: Cursor;
  /** A copy of the world at `cursor`, never touched: restoring copies it again. */
  readonly world: W;
}

/**
 * Time travel's checkpoints (issue 9, item 3): copies of the simulated world at intervals of steps,
 * so that going to any moment is restoring the nearest one at or before it and replaying the
 * recorded run from there. Bounded: when there are too many, every other one is dropped and the
 * interval doubles, so a run of any length keeps MAX_CHECKPOINTS, spread over all of it.
 */
export class Checkpoints<W> {
  private list: Checkpoint<W>[] = [];
  private every: number;

  constructor(private readonly copy: (world: W) => W, everySteps = CHECKPOINT_EVERY_STEPS) {
    this.every = everySteps;
  }

  get count(): number {
    return this.list.length;
  }

  get interval(): number {
    return this.every;
  }

  /** Whether the world at `cursor` should be kept: the first, or a full interval after the last. */
  due(cursor: Cursor): boolean {
    const last = this.list[this.list.length - 1];
    return !last || cursor.step - last.cursor.step >= this.every;
  }

  /** Keep a copy of `world`, which stands at `cursor` (after every checkpoint held). */
  add(cursor: Cursor, world: W): void {
    const last = this.list[this.list.length - 1];
    if (last && !(itemsOf(last.cursor) < itemsOf(cursor))) return;
    this.list.push({ cursor, world: this.copy(world) });
    if (this.list.length > MAX_CHECKPOINTS) this.thin();
  }

  /** The latest checkpoint at or before `target` (the run's first is at its start, so there is one). */
  before(target: Cursor): Checkpoint<W> | undefined {
    for (let i = this.list.length - 1; i >= 0; i--) if (atOrBefore(this.list[i]!.cursor, target)) return this.list[i];
    return undefined;
  }

  /** The same, by virtual time alone. */
  beforeTime(at: number): Checkpoint<W> | undefined {
    for (let i = this.list.length - 1; i >= 0; i--) if (this.list[i]!.cursor.at <= at) return this.list[i];
    return undefined;
  }

  /** The same, by position among the run's items (events and actions). */
  beforeItem(item: number): Checkpoint<W> | undefined {
    for (let i = this.list.length - 1; i >= 0; i--) if (itemsOf(this.list[i]!.cursor) <= item) return this.list[i];
    return undefined;
  }

  /** A fork at `cursor` drops the old future: every checkpoint past it goes. */
  dropAfter(cursor: Cursor): void {
    this.list = this.list.filter((c) => atOrBefore(c.cursor, cursor));
  }

  /** Keep the first and every other one after it; the interval doubles. */
  private thin(): void {
    this.list = this.list.filter((_, i) => i % 2 === 0);
    this.every *= 2;
  }
}
