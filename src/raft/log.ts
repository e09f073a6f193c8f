import type { Entry } from './types';

/**
 * The in-memory Raft log with its compacted prefix (Figure 13).
 *
 * Logical indices start at 1. Everything up to `snapshotIndex` has been replaced by a snapshot;
 * `entries[i]` holds logical index `snapshotIndex + 1 + i` (the lab's "physical vs logical index").
 * Invariant: snapshotIndex <= lastIndex.
 */
export class RaftLog<C> {
  private entries: Entry<C>[];
  private _snapshotIndex: number;
  private _snapshotTerm: number;

  constructor(snapshotIndex = 0, snapshotTerm = 0, entries: readonly Entry<C>[] = []) {
    this._snapshotIndex = snapshotIndex;
    this._snapshotTerm = snapshotTerm;
    this.entries = entries.slice();
  }

  get snapshotIndex(): number {
    return this._snapshotIndex;
  }

  get snapshotTerm(): number {
    return this._snapshotTerm;
  }

  get firstIndex(): number {
    return this._snapshotIndex + 1;
  }

  get lastIndex(): number {
    return this._snapshotIndex + this.entries.length;
  }

  get lastTerm(): number {
    const n = this.entries.length;
    return n === 0 ? this._snapshotTerm : this.entries[n - 1]!.term;
  }

  /** The term at `index`, or undefined if the index is compacted away or past the end. */
  termAt(index: number): number | undefined {
    if (index === this._snapshotIndex) return this._snapshotTerm;
    if (index < this._snapshotIndex || index > this.lastIndex) return undefined;
    return this.entries[index - this._snapshotIndex - 1]!.term;
  }

  entryAt(index: number): Entry<C> {
    const entry = this.entries[index - this._snapshotIndex - 1];
    if (index <= this._snapshotIndex || entry === undefined) {
      throw new RangeError(`log has no entry ${index} (holds ${this.firstIndex}..${this.lastIndex})`);
    }
    return entry;
  }

  /** Entries [from, toExclusive), which must all be held. */
  slice(from: number, toExclusive: number): Entry<C>[] {
    if (from <= this._snapshotIndex || toExclusive > this.lastIndex + 1) {
      throw new RangeError(`log slice ${from}..${toExclusive - 1} outside ${this.firstIndex}..${this.lastIndex}`);
    }
    return this.entries.slice(from - this._snapshotIndex - 1, toExclusive - this._snapshotIndex - 1);
  }

  append(entry: Entry<C>): number {
    this.entries.push(entry);
    return this.lastIndex;
  }

  /** Delete the entry at `index` and all that follow it (Figure 2, AppendEntries step 3). */
  truncateFrom(index: number): void {
    if (index <= this._snapshotIndex) throw new RangeError(`cannot truncate compacted index ${index}`);
    this.entries.length = Math.max(0, index - this._snapshotIndex - 1);
  }

  /** Replace entries up to and including `index` by a snapshot boundary, keeping what follows. */
  compactThrough(index: number, term: number): void {
    const drop = Math.min(index - this._snapshotIndex, this.entries.length);
    this.entries.splice(0, Math.max(0, drop));
    if (index > this._snapshotIndex + drop) this.entries = [];
    this._snapshotIndex = index;
    this._snapshotTerm = term;
  }

  /** Figure 13 step 7: discard the entire log; the snapshot now ends at `index`. */
  resetToSnapshot(index: number, term: number): void {
    this.entries = [];
    this._snapshotIndex = index;
    this._snapshotTerm = term;
  }

  /** The first index holding `term`, scanning back from `from` while the term holds. */
  firstIndexOfTermRun(from: number): number {
    const term = this.termAt(from);
    let index = from;
    while (index - 1 > this._snapshotIndex && this.termAt(index - 1) === term) index--;
    return index;
  }

  /** The last index whose entry has `term`, or 0 if the held log has none. */
  lastIndexOfTerm(term: number): number {
    for (let index = this.lastIndex; index > this._snapshotIndex; index--) {
      const t = this.termAt(index)!;
      if (t === term) return index;
      if (t < term) return 0;
    }
    return 0;
  }
}

/** The log as readers outside the core see it: no method that changes it (RaftCore.log). */
export type ReadonlyRaftLog<C> = Pick<RaftLog<C>,
  'snapshotIndex' | 'snapshotTerm' | 'firstIndex' | 'lastIndex' | 'lastTerm' | 'termAt' | 'entryAt' | 'slice' | 'firstIndexOfTermRun' | 'lastIndexOfTerm'>;
