import { createStore, entries, promisifyRequest, type UseStore } from 'idb-keyval';
import type { CommandCodec, PersistBatch, PersistedState } from '../raft/types';
import { decodeStore, type SegmentLayout, type StorageOp } from './segments';
import { encodeHardState, HARD_STATE_KEY } from './storage-codec';

/**
 * Where a node keeps its promises. The worker's driver (node-host.ts) needs only this, so tests can
 * hand it a storage whose writes they complete by hand.
 */
export interface NodeStorage<C> {
  /** Everything stored; throws a StorageCorruption if a record does not decode. */
  load(): Promise<PersistedState<C>>;
  /** Make these batches durable, in order, all or nothing. Resolves once they are. */
  write(batches: readonly PersistBatch<C>[]): Promise<void>;
}

/** Every node's records live in one object store of its own database. */
export const STORE_NAME = 'raft';

/** The database of node `id` in a cluster namespace ("app" for the page's cluster). */
export function nodeDatabaseName(namespace: string, id: number): string {
  return `raftlab-${namespace}-node-${id}`;
}

/** A node's store in IndexedDB through idb-keyval; each write() is one readwrite transaction. */
export class IdbNodeStorage<C> implements NodeStorage<C> {
  private readonly store: UseStore;
  private layout: SegmentLayout<C> | null = null;

  constructor(readonly databaseName: string, private readonly codec: CommandCodec<C>) {
    this.store = createStore(databaseName, STORE_NAME);
  }

  async load(): Promise<PersistedState<C>> {
    const records = await entries(this.store);
    const decoded = decodeStore(records, this.codec);
    this.layout = decoded.layout;
    return decoded.persisted;
  }

  write(batches: readonly PersistBatch<C>[]): Promise<void> {
    if (!this.layout) return Promise.reject(new Error('write before load'));
    const ops = this.layout.plan(batches);
    return this.store('readwrite', (store) => runAtomically(store, ops));
  }
}

/**
 * Issue every operation in one transaction and resolve when it has committed. If issuing one
 * throws (a value that cannot be cloned, say), abort so that nothing of the batch lands.
 */
function runAtomically(store: IDBObjectStore, ops: readonly StorageOp[]): Promise<void> {
  const done = promisifyRequest(store.transaction);
  try {
    for (const op of ops) {
      if (op.op === 'put') store.put(op.value, op.key);
      else store.delete(IDBKeyRange.bound(op.from, op.to));
    }
  } catch (error) {
    store.transaction.abort();
    done.catch(() => undefined);
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
  return done;
}

/**
 * Erase a node's store (the user's reset), leaving only a hard state of `term` with no vote, if
 * given. Run it while no worker of that node is alive; the connection is closed afterwards so that
 * it never blocks a later deleteDatabase.
 */
export function wipeNodeStorage(databaseName: string, term = 0): Promise<void> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(databaseName);
    open.onupgradeneeded = () => open.result.createObjectStore(STORE_NAME);
    open.onerror = () => reject(open.error ?? new Error(`could not open ${databaseName}`));
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction(STORE_NAME, 'readwrite');
      const store = tx.objectStore(STORE_NAME);
      store.clear();
      if (term > 0) store.put(encodeHardState({ term, votedFor: null }), HARD_STATE_KEY);
      tx.oncomplete = () => { db.close(); resolve(); };
      tx.onabort = () => { db.close(); reject(tx.error ?? new Error(`could not clear ${databaseName}`)); };
    };
  });
}

/** Remove a node's database entirely (lab groups clean up after themselves). */
export function deleteNodeDatabase(databaseName: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(databaseName);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error ?? new Error(`could not delete ${databaseName}`));
  });
}
