import type { PersistBatch, PersistedState } from '../raft/types';
import type { Command } from './types';

/** A node's durable storage after one batch is written whole (as src/sim/storage.ts's write()). */
export function writeBatch(disk: PersistedState<Command>, batch: PersistBatch<Command>): PersistedState<Command> {
  let { hardState, snapshot, entries } = disk;
  if (batch.snapshot) {
    const drop = batch.snapshot.lastIncludedIndex - (snapshot?.lastIncludedIndex ?? 0);
    entries = drop >= entries.length ? [] : entries.slice(Math.max(0, drop));
    snapshot = batch.snapshot;
  }
  if (batch.entries) {
    const keep = batch.entries.fromIndex - (snapshot?.lastIncludedIndex ?? 0) - 1;
    if (keep < 0 || keep > entries.length) throw new Error(`model storage: a write at ${batch.entries.fromIndex} leaves a gap`);
    entries = [...entries.slice(0, keep), ...batch.entries.entries];
  }
  if (batch.hardState) hardState = batch.hardState;
  return { hardState, snapshot, entries };
}

export const EMPTY_DISK: PersistedState<Command> = { hardState: { term: 0, votedFor: null }, snapshot: null, entries: [] };
