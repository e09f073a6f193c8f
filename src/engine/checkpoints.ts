import { atOrBefore, itemsOf, type Cursor } from './recorder';

/** Start with a checkpoint every this many scheduled events (measured: bench/time-travel.bench.ts). */
export const CHECKPOINT_EVERY_STEPS = 8000;
/** Keep at most this many; past it, every other one goes and the interval doubles (a long run stays bounded). */
export const MAX_CHECKPOINTS = 48;
/**
 * And at most this much held in all of them, in the caller's unit of weight (the simulated engine
 * counts log and storage entries: a checkpoint's copies of them are most of its memory, 8 bytes or
 * less an entry, the entries themselves being shared). 4M entries: 32 MB at most.
 */
export const MAX_CHECKPOINT_WEIGHT = 4_000_000;

export interface Checkpoint<W> {
  readonly cursor: Cursor;
  readonly weight: number;
  /** A copy of the world at `cursor`, never touched: restoring copies it again. */
  readonly world: W;
}

/**
 * Time travel's checkpoints (issue 9, item 3): copies of the simulated world at intervals of steps,
 * so that going to any moment is restoring the nearest one at or before it and replaying the
 * recorded run from there. Bounded: when there are too many, or they hold too much, every other one
 * is dropped and the interval doubles, so a run of any length keeps a bounded number, spread over all of it.
 */
export class Checkpoints<W> {
  private list: Checkpoint<W>[] = [];
  private every: number;
  private weight = 0;

  constructor(
    private readonly copy: (world: W) => W,
    private readonly weigh: (world: W) => number,
    everySteps = CHECKPOINT_EVERY_STEPS,
    private readonly maxWeight = MAX_CHECKPOINT_WEIGHT,
  ) {
    this.every = everySteps;
  }

  get count(): number {
    return this.list.length;
  }

  get interval(): number {
    return this.every;
  }

  /** What all of them hold, in the unit of `weigh`. */
  get totalWeight(): number {
    return this.weight;
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
    const weight = this.weigh(world);
    this.list.push({ cursor, weight, world: this.copy(world) });
    this.weight += weight;
    while (this.list.length > 2 && (this.list.length > MAX_CHECKPOINTS || this.weight > this.maxWeight)) this.thin();
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
    this.keep(this.list.filter((c) => atOrBefore(c.cursor, cursor)));
  }

  /** Keep the first and every other one after it; the interval doubles. */
  private thin(): void {
    this.keep(this.list.filter((_, i) => i % 2 === 0));
    this.every *= 2;
  }

  private keep(list: Checkpoint<W>[]): void {
    this.list = list;
    this.weight = list.reduce((sum, c) => sum + c.weight, 0);
  }
}
