import type { Entry, HardState, PersistBatch, PersistedState, Snapshot } from '../raft/types';

/**
 * Durable in-memory storage for one simulated node: it survives restart(), which throws away
 * everything else the node had. Writes are applied whole and at once (a simulated fsync).
 */
export class MemoryStorage<C> {
  private hardState: HardState = { term: 0, votedFor: null };
  private snapshot: Snapshot | null = null;
  /** entries[i] has index snapshotIndex + 1 + i. */
  private entries: Entry<C>[] = [];
  writes = 0;

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
    return { hardState: this.hardState, snapshot: this.snapshot, entries: this.entries.slice() };
  }

  /** Figure 13: keep entries after the snapshot, drop the ones it replaces. */
  private writeSnapshot(snapshot: Snapshot): void {
    const drop = snapshot.lastIncludedIndex - this.snapshotIndex;
    this.entries = drop >= this.entries.length ? [] : this.entries.slice(Math.max(0, drop));
    this.snapshot = snapshot;
  }
}
