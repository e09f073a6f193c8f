import type { CommandCodec, Entry, HardState, PersistBatch, PersistedState, Snapshot } from '../raft/types';
import {
  HARD_STATE_KEY, SNAPSHOT_KEY, StorageCorruption, decodeHardState, decodeSegment, decodeSnapshot,
  encodeHardState, encodeSegment, encodeSnapshot, type StoredSegment,
} from './storage-codec';

/**
 * How a node's log lies in its store: a run of disjoint, contiguous segments, one per write, keyed
 * by their first index. Appending a Ready's entries is one put; truncating (Figure 2, AppendEntries
 * step 3) deletes the segments at or after the cut and rewrites the one it splits; a snapshot
 * (Figure 13) deletes the segments it covers whole. Invariant: segments are sorted, disjoint and
 * contiguous, and the last one ends at the stored log's last index.
 *
 * This file only plans the writes (pure, testable); idb-storage.ts runs them in one transaction.
 */
export type StorageOp =
  | { readonly op: 'put'; readonly key: string | number; readonly value: unknown }
  /** Delete the segments keyed from..to, both included. */
  | { readonly op: 'deleteSegments'; readonly from: number; readonly to: number };

export class SegmentLayout<C> {
  private segments: StoredSegment<C>[];
  private snapshotIndex: number;

  constructor(snapshotIndex: number, segments: readonly StoredSegment<C>[], private readonly codec: CommandCodec<C>) {
    this.snapshotIndex = snapshotIndex;
    this.segments = segments.filter((s) => s.from + s.entries.length - 1 > snapshotIndex);
  }

  get lastIndex(): number {
    const last = this.segments[this.segments.length - 1];
    return last ? Math.max(this.snapshotIndex, last.from + last.entries.length - 1) : this.snapshotIndex;
  }

  get segmentCount(): number {
    return this.segments.length;
  }

  /** The operations that make these batches durable, in order: snapshot → entries → hard state per batch. */
  plan(batches: readonly PersistBatch<C>[]): StorageOp[] {
    const ops: StorageOp[] = [];
    for (const batch of batches) {
      if (batch.snapshot) this.planSnapshot(batch.snapshot, ops);
      if (batch.entries) this.planEntries(batch.entries.fromIndex, batch.entries.entries, ops);
      if (batch.hardState) ops.push({ op: 'put', key: HARD_STATE_KEY, value: encodeHardState(batch.hardState) });
    }
    return ops;
  }

  /** Figure 13: save the snapshot; drop the segments it covers entirely (a straddling one stays). */
  private planSnapshot(snapshot: Snapshot, ops: StorageOp[]): void {
    ops.push({ op: 'put', key: SNAPSHOT_KEY, value: encodeSnapshot(snapshot) });
    const covered = this.segments.filter((s) => s.from + s.entries.length - 1 <= snapshot.lastIncludedIndex);
    if (covered.length > 0) {
      ops.push({ op: 'deleteSegments', from: 0, to: covered[covered.length - 1]!.from });
      this.segments = this.segments.slice(covered.length);
    }
    this.snapshotIndex = snapshot.lastIncludedIndex;
  }

  /** Drop every stored entry >= fromIndex, then append `entries` (PersistBatch.entries). */
  private planEntries(fromIndex: number, entries: readonly Entry<C>[], ops: StorageOp[]): void {
    if (fromIndex > this.lastIndex + 1) {
      throw new RangeError(`storage write at index ${fromIndex} leaves a gap (stored log ends at ${this.lastIndex})`);
    }
    if (fromIndex <= this.snapshotIndex) {
      entries = entries.slice(this.snapshotIndex + 1 - fromIndex);
      fromIndex = this.snapshotIndex + 1;
    }
    // Scan from the end: appends (the common case) touch no segment.
    let firstLater = this.segments.length;
    while (firstLater > 0 && this.segments[firstLater - 1]!.from >= fromIndex) firstLater--;
    if (firstLater < this.segments.length) {
      ops.push({ op: 'deleteSegments', from: fromIndex, to: Infinity });
      this.segments = this.segments.slice(0, firstLater);
    }
    const last = this.segments[this.segments.length - 1];
    if (last && last.from + last.entries.length > fromIndex) {
      const kept: StoredSegment<C> = { from: last.from, entries: last.entries.slice(0, fromIndex - last.from) };
      ops.push({ op: 'put', key: kept.from, value: encodeSegment(kept.from, kept.entries, this.codec) });
      this.segments[this.segments.length - 1] = kept;
    }
    if (entries.length === 0) return;
    ops.push({ op: 'put', key: fromIndex, value: encodeSegment(fromIndex, entries, this.codec) });
    this.segments.push({ from: fromIndex, entries: entries.slice() });
  }
}

/** What load() found: the state to start the node from, and the layout for later writes. */
export interface DecodedStore<C> {
  readonly persisted: PersistedState<C>;
  readonly layout: SegmentLayout<C>;
}

/** Decode every record of a node's store; any record that does not decode is a StorageCorruption. */
export function decodeStore<C>(records: readonly (readonly [unknown, unknown])[], codec: CommandCodec<C>): DecodedStore<C> {
  let hardState: HardState = { term: 0, votedFor: null };
  let snapshot: Snapshot | null = null;
  const segments: StoredSegment<C>[] = [];
  for (const [key, value] of records) {
    if (key === HARD_STATE_KEY) hardState = decodeHardState(value);
    else if (key === SNAPSHOT_KEY) snapshot = decodeSnapshot(value);
    else if (typeof key === 'number') segments.push(decodeSegment(key, value, codec));
    else throw new StorageCorruption(JSON.stringify(key) ?? String(key), 'this build stores no such record');
  }
  segments.sort((a, b) => a.from - b.from);
  const entries = assembleLog(snapshot, segments);
  // Figure 2: a node takes an entry only in a term at least the entry's, and the entry and the
  // term reach the store in one transaction; a term behind the log is a record gone wrong.
  const lastTerm = entries.at(-1)?.term ?? snapshot?.lastIncludedTerm ?? 0;
  if (hardState.term < lastTerm) {
    throw StorageCorruption.inconsistent(HARD_STATE_KEY, `term ${hardState.term} is below the term ${lastTerm} of the log's last entry`);
  }
  return { persisted: { hardState, snapshot, entries }, layout: new SegmentLayout(snapshot?.lastIncludedIndex ?? 0, segments, codec) };
}

/** The entries after the snapshot, checked: contiguous, and terms never decreasing (Log Matching, §5.3). */
function assembleLog<C>(snapshot: Snapshot | null, segments: readonly StoredSegment<C>[]): Entry<C>[] {
  const base = snapshot?.lastIncludedIndex ?? 0;
  let term = snapshot?.lastIncludedTerm ?? 0;
  const entries: Entry<C>[] = [];
  for (const segment of segments) {
    const name = `log segment ${segment.from}`;
    const end = segment.from + segment.entries.length - 1;
    if (end <= base) continue; // wholly covered by the snapshot
    const next = base + entries.length + 1;
    if (segment.from > next) throw new StorageCorruption(name, `entries ${next}..${segment.from - 1} are missing`);
    if (segment.from < next && next > base + 1) throw new StorageCorruption(name, `overlaps the segment before it at index ${segment.from}`);
    for (let index = Math.max(segment.from, base + 1); index <= end; index++) {
      const entry = segment.entries[index - segment.from]!;
      if (entry.term < term || entry.term < 1) throw new StorageCorruption(name, `entry ${index} has term ${entry.term} after term ${term}`);
      term = entry.term;
      entries.push(entry);
    }
  }
  return entries;
}
