import { entries, promisifyRequest, type UseStore } from 'idb-keyval';
import type { CommandCodec, HardState, PersistBatch, PersistedState } from '../raft/types';
import { decodeStore, type SegmentLayout, type StorageOp } from './segments';
import { encodeHardState, HARD_STATE_KEY, StorageCorruption } from './storage-codec';

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

/** A node's store in IndexedDB (read through idb-keyval); each write() is one readwrite transaction. */
export class IdbNodeStorage<C> implements NodeStorage<C> {
  private readonly store: UseStore;
  private database: Promise<IDBDatabase> | null = null;
  private layout: SegmentLayout<C> | null = null;

  constructor(readonly databaseName: string, private readonly codec: CommandCodec<C>) {
    this.store = (mode, callback) => this.open().then((db) => callback(db.transaction(STORE_NAME, mode).objectStore(STORE_NAME)));
  }

  async load(): Promise<PersistedState<C>> {
    const records = await entries(this.store);
    const decoded = decodeStore(records, this.codec);
    this.layout = decoded.layout;
    return decoded.persisted;
  }

  /**
   * The database, opened once. One that exists without its object store has nothing to read and
   * is not repaired here (only the user's wipe recreates it): the connection is closed at once so
   * that the wipe is not blocked by it.
   */
  private open(): Promise<IDBDatabase> {
    this.database ??= openNodeDatabase(this.databaseName).then((db) => {
      if (db.objectStoreNames.contains(STORE_NAME)) return db;
      db.close();
      throw new StorageCorruption(STORE_NAME, '', `the database ${this.databaseName} has no object store "${STORE_NAME}"`);
    });
    return this.database;
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
 * Erase a node's store (the user's reset), leaving only `hardState` if given. A database that lost
 * its object store gets it back (one version up), so a wipe always repairs the node; a plain clear
 * would throw NotFoundError there forever. Run it while no worker of that node is alive; the
 * connection is closed afterwards so that it never blocks a later deleteDatabase.
 */
export async function wipeNodeStorage(databaseName: string, hardState?: HardState): Promise<void> {
  let db = await openNodeDatabase(databaseName);
  if (!db.objectStoreNames.contains(STORE_NAME)) {
    const version = db.version + 1;
    db.close();
    db = await openNodeDatabase(databaseName, version);
  }
  try {
    const tx = db.transaction(STORE_NAME, 'readwrite');
    const store = tx.objectStore(STORE_NAME);
    store.clear();
    if (hardState && hardState.term > 0) store.put(encodeHardState(hardState), HARD_STATE_KEY);
    await promisifyRequest(tx);
  } finally {
    db.close();
  }
}

/** Open a node's database (at `version`, if given), creating its object store if it lacks one. */
function openNodeDatabase(databaseName: string, version?: number): Promise<IDBDatabase> {
  const open = version === undefined ? indexedDB.open(databaseName) : indexedDB.open(databaseName, version);
  open.onupgradeneeded = () => {
    if (!open.result.objectStoreNames.contains(STORE_NAME)) open.result.createObjectStore(STORE_NAME);
  };
  return promisifyRequest(open);
}

/** Remove a node's database entirely (lab groups clean up after themselves). */
export function deleteNodeDatabase(databaseName: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(databaseName);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error ?? new Error(`could not delete ${databaseName}`));
  });
}
