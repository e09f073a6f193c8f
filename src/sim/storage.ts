import type { Entry, HardState, PersistBatch, PersistedState, Snapshot } from '../raft/types';

/** What a checksum would find on load: the stored state cannot be trusted (and is not served). */
export class StorageCorruption extends Error {
  constructor(readonly reason: string) {
    super(`storage corrupted: ${reason}`);
    this.name = 'StorageCorruption';
  }
}

/**
 * Durable in-memory storage for one simulated node: it survives restart(), which throws away
 * everything else the node had. Writes are applied whole and at once (a simulated fsync).
 *
 * Storage faults (in the spirit of TigerBeetle's VOPR): a record garbled at rest or a write torn by
 * a crash is what a real store's checksums would find on the next load; load() then refuses, and
 * the node goes down with a storage error until it is wiped and recovers (src/raft/recovery.ts).
 */
export class MemoryStorage<C> {
  private hardState: HardState = { term: 0, votedFor: null };
  /** Set by a storage fault; load() refuses while it is. */
  corruption: string | null = null;
  private snapshot: Snapshot | null = null;
  /** entries[i] has index snapshotIndex + 1 + i. */
  private entries: Entry<C>[] = [];
  writes = 0;

  /** An independent copy (time travel's checkpoints): entries, snapshots and hard states are values, shared. */
  copy(): MemoryStorage<C> {
    const copy = new MemoryStorage<C>();
    copy.hardState = this.hardState;
    copy.corruption = this.corruption;
    copy.snapshot = this.snapshot;
    copy.entries = this.entries.slice();
    copy.writes = this.writes;
    return copy;
  }

  /** How many entries it holds (after its snapshot). */
  get length(): number {
    return this.entries.length;
  }

  private get snapshotIndex(): number {
    return this.snapshot?.lastIncludedIndex ?? 0;
  }

  write(batch: PersistBatch<C>): void {
    this.writes++;
    if (batch.snapshot) this.writeSnapshot(batch.snapshot);
    if (batch.entries) {
      const { fromIndex, entries } = batch.entries;
      const keep = fromIndex - this.snapshotIndex - 1;
      if (keep < 0 || keep > this.entries.length) {
        throw new Error(`storage write at index ${fromIndex} leaves a gap (stored ${this.snapshotIndex + 1}..${this.snapshotIndex + this.entries.length})`);
      }
      this.entries.length = keep;
      for (const entry of entries) this.entries.push(entry);
    }
    if (batch.hardState) this.hardState = batch.hardState;
  }

  load(): PersistedState<C> {
    if (this.corruption !== null) throw new StorageCorruption(this.corruption);
    return { hardState: this.hardState, snapshot: this.snapshot, entries: this.entries.slice() };
  }

  /** A record went bad: detected on the next load. */
  corrupt(reason: string): void {
    this.corruption ??= reason;
  }

  /**
   * Lose everything and start over as a recovering node in `term` (above any term it may have
   * voted in, so it cannot vote twice in one; recovery.ts says why it must not vote at all yet).
   */
  wipe(term: number): void {
    this.hardState = { term, votedFor: null, recovering: true };
    this.snapshot = null;
    this.entries = [];
    this.corruption = null;
    this.writes++;
  }

  get term(): number {
    return this.hardState.term;
  }

  /** Figure 13: keep entries after the snapshot, drop the ones it replaces. */
  private writeSnapshot(snapshot: Snapshot): void {
    const drop = snapshot.lastIncludedIndex - this.snapshotIndex;
    this.entries = drop >= this.entries.length ? [] : this.entries.slice(Math.max(0, drop));
    this.snapshot = snapshot;
  }
}
