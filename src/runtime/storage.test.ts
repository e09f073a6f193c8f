import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { createStore, get, set } from 'idb-keyval';
import { describe, expect, it } from 'vitest';
import { kvCodec } from '../kv/codec';
import type { KvCommand } from '../kv/types';
import type { Entry, PersistBatch } from '../raft/types';
import { MemoryStorage } from '../sim/storage';
import { IdbNodeStorage, STORE_NAME, wipeNodeStorage } from './idb-storage';
import { NodeHost } from './node-host';
import { initialNetwork } from './network';
import { decodeStore, SegmentLayout, type StorageOp } from './segments';
import { StorageCorruption } from './storage-codec';
import { MAX_TERM } from '../raft/config';
import { FakeEnv } from './test-support';

/**
 * A node's store: Figure 2's persistent state (term, vote, log) and Figure 13's snapshot, in
 * versioned records. Whatever sequence of batches the core asks for, loading gives back what the
 * simulator's reference storage would hold; a record that does not decode stops the node and is
 * never overwritten.
 */

const put = (key: string, term: number): Entry<KvCommand> => ({ term, command: { op: 'put', key, value: `v-${key}` } });
let dbCounter = 0;
const freshName = () => `test-db-${++dbCounter}`;

describe('IndexedDB node storage', () => {
  it('gives back term, vote, log and snapshot after appends, a truncation and a compaction', async () => {
    const name = freshName();
    const storage = new IdbNodeStorage<KvCommand>(name, kvCodec);
    await storage.load();
    await storage.write([{ entries: { fromIndex: 1, entries: [put('a', 1), put('b', 1), put('c', 1)] }, hardState: { term: 1, votedFor: 2 } }]);
    // Figure 2, AppendEntries 3: a conflicting entry at 2 deletes it and all that follow.
    await storage.write([{ entries: { fromIndex: 2, entries: [put('x', 2)] }, hardState: { term: 2, votedFor: null } }]);
    await storage.write([{ entries: { fromIndex: 3, entries: [put('y', 2), put('z', 2)] } }]);
    // §7: a snapshot through 3 replaces entries 1..3.
    await storage.write([{ snapshot: { lastIncludedIndex: 3, lastIncludedTerm: 2, data: new Uint8Array([7]) } }]);

    const reloaded = await new IdbNodeStorage<KvCommand>(name, kvCodec).load();
    expect(reloaded.hardState).toEqual({ term: 2, votedFor: null });
    expect(reloaded.snapshot).toEqual({ lastIncludedIndex: 3, lastIncludedTerm: 2, data: new Uint8Array([7]) });
    expect(reloaded.entries).toEqual([put('z', 2)]);
  });

  it('loads an empty store as a brand-new node', async () => {
    const loaded = await new IdbNodeStorage<KvCommand>(freshName(), kvCodec).load();
    expect(loaded).toEqual({ hardState: { term: 0, votedFor: null }, snapshot: null, entries: [] });
  });

  it('a reset wipes everything but leaves the node a term above any it may have voted in (Figure 2: votedFor)', async () => {
    const name = freshName();
    const storage = new IdbNodeStorage<KvCommand>(name, kvCodec);
    await storage.load();
    await storage.write([{ entries: { fromIndex: 1, entries: [put('a', 3)] }, hardState: { term: 3, votedFor: 1 } }]);
    await set('hardState', new Uint8Array([1]), createStore(name, STORE_NAME)); // the corruption being reset
    await wipeNodeStorage(name, { term: 4, votedFor: null });
    expect(await new IdbNodeStorage<KvCommand>(name, kvCodec).load()).toEqual({ hardState: { term: 4, votedFor: null }, snapshot: null, entries: [] });
  });

  const corruptions: [string, string | number, unknown, RegExp][] = [
    ['garbled bytes in the hard state', 'hardState', new Uint8Array([0xde, 0xad, 0xbe, 0xef]), /hardState.*must be an object, got Uint8Array/],
    ['an unknown format version', 'hardState', { v: 99, term: 1, votedFor: null }, /unknown format version 99/],
    ['a garbled command in a log segment', 1, { v: 1, from: 1, entries: [{ term: 1, command: new Uint8Array([0xff, 0xfe]) }] }, /log segment 1.*not UTF-8 JSON/],
    ['a snapshot without data', 'snapshot', { v: 1, lastIncludedIndex: 2, lastIncludedTerm: 1 }, /snapshot.*data must be bytes/],
    // Records that decode but are wrong (issue 8, 3c).
    ['a term of 2^53 - 1 (every node would campaign forever at a term its decoder rejects)', 'hardState', { v: 1, term: Number.MAX_SAFE_INTEGER, votedFor: null }, new RegExp(`hardState.*term ${Number.MAX_SAFE_INTEGER} is above the largest term a node can reach \\(${MAX_TERM}\\)`)],
    ['a log entry above the largest term', 1, { v: 1, from: 1, entries: [{ term: MAX_TERM + 1, command: kvCodec.encode({ op: 'put', key: 'a', value: 'v' }) }] }, /log segment 1.*entry 1: term \d+ is above the largest term/],
    ['a term below the log\'s last term', 'hardState', { v: 1, term: 0, votedFor: null }, /hardState contradicts the rest of the store: term 0 is below the term 1 of the log's last entry/],
    ['a vote for a node that is not a member', 'hardState', { v: 1, term: 1, votedFor: 7 }, /hardState contradicts the rest of the store: votedFor 7 is not a member of this 3-node cluster/],
    ['a recovering flag that is not a boolean', 'hardState', { v: 1, term: 1, votedFor: null, recovering: 'yes' }, /recovering must be true or false/],
  ];

  for (const [what, key, value, reason] of corruptions) {
    it(`refuses ${what}: the node shows the reason and nothing is overwritten`, async () => {
      const name = freshName();
      const storage = new IdbNodeStorage<KvCommand>(name, kvCodec);
      await storage.load();
      await storage.write([{ entries: { fromIndex: 1, entries: [put('a', 1)] }, hardState: { term: 1, votedFor: 0 } }]);
      const raw = createStore(name, STORE_NAME);
      await set(key, value, raw);
      const before = await snapshotOf(name);

      const env = new FakeEnv<KvCommand>(new IdbNodeStorage<KvCommand>(name, kvCodec));
      const host = new NodeHost<KvCommand>({ id: 0, members: [0, 1, 2], incarnation: 2, seed: 1, machine: 'kv', raft: {}, network: initialNetwork(3) }, env);
      await host.start();
      expect(host.status).toBe('storage-error');
      expect(host.error).toMatch(reason);

      // Whatever the node is asked to do, the store stays byte for byte as it was.
      host.onWire(1, { v: 1, inc: 1, seq: 1, sentAt: 0, deliverAt: 0, msg: { type: 'RequestVote', from: 1, to: 0, term: 9, lastLogIndex: 5, lastLogTerm: 3 } });
      host.propose([{ requestId: 1, command: { op: 'put', key: 'k', value: 'v' } }]);
      env.time = 60_000;
      host.wake();
      await new Promise((resolve) => setImmediate(resolve));
      expect(await snapshotOf(name)).toEqual(before);
      expect(await get(key, raw)).toEqual(value);

      // The user's wipe always recovers it.
      await wipeNodeStorage(name, { term: 2, votedFor: null, recovering: true });
      const wiped = new NodeHost<KvCommand>({ id: 0, members: [0, 1, 2], incarnation: 3, seed: 1, machine: 'kv', raft: {}, network: initialNetwork(3) }, new FakeEnv<KvCommand>(new IdbNodeStorage<KvCommand>(name, kvCodec)));
      await wiped.start();
      expect(wiped.status).toBe('running');
      expect(wiped.view()).toMatchObject({ term: 2, recovering: true, durable: { term: 2, recovering: true, lastIndex: 0 } });
    });
  }

  it('refuses a database without its object store, and a wipe recreates it (it threw NotFoundError forever)', async () => {
    const name = freshName();
    await new Promise<void>((resolve, reject) => {
      const open = indexedDB.open(name, 3); // a database of that name, but no "raft" store in it
      open.onsuccess = () => { open.result.close(); resolve(); };
      open.onerror = () => reject(open.error);
    });
    const host = new NodeHost<KvCommand>({ id: 0, members: [0, 1, 2], incarnation: 1, seed: 1, machine: 'kv', raft: {}, network: initialNetwork(3) }, new FakeEnv<KvCommand>(new IdbNodeStorage<KvCommand>(name, kvCodec)));
    await host.start();
    expect(host.status).toBe('storage-error');
    expect(host.error).toMatch(new RegExp(`database ${name} has no object store "raft"`));

    await wipeNodeStorage(name, { term: 5, votedFor: null });
    expect(await new IdbNodeStorage<KvCommand>(name, kvCodec).load()).toEqual({ hardState: { term: 5, votedFor: null }, snapshot: null, entries: [] });
  });

  it('stores the recovering flag, and a hard state written before it existed loads as not recovering', async () => {
    const name = freshName();
    const storage = new IdbNodeStorage<KvCommand>(name, kvCodec);
    await storage.load();
    await storage.write([{ hardState: { term: 3, votedFor: null, recovering: true } }]);
    expect((await new IdbNodeStorage<KvCommand>(name, kvCodec).load()).hardState).toEqual({ term: 3, votedFor: null, recovering: true });
    await storage.write([{ hardState: { term: 3, votedFor: 1 } }]); // the core clears it once caught up
    expect((await new IdbNodeStorage<KvCommand>(name, kvCodec).load()).hardState).toEqual({ term: 3, votedFor: 1 });
    await set('hardState', { v: 1, term: 4, votedFor: 2 }, createStore(name, STORE_NAME)); // an earlier build's record
    expect((await new IdbNodeStorage<KvCommand>(name, kvCodec).load()).hardState).toEqual({ term: 4, votedFor: 2 });
  });
});

async function snapshotOf(name: string): Promise<unknown> {
  const { entries } = await import('idb-keyval');
  return entries(createStore(name, STORE_NAME));
}

/** Apply planned operations to a plain Map, the way IndexedDB would. */
function applyOps(store: Map<string | number, unknown>, ops: readonly StorageOp[]): void {
  for (const op of ops) {
    if (op.op === 'put') store.set(op.key, structuredClone(op.value));
    else for (const key of [...store.keys()]) if (typeof key === 'number' && key >= op.from && key <= op.to) store.delete(key);
  }
}

describe('the segment layout', () => {
  it('round-trips any sequence of batches the way the simulator\'s storage does', () => {
    // Random appends, truncations and snapshots, written one or several per transaction.
    const step = fc.record({
      kind: fc.constantFrom('append', 'truncate', 'snapshot', 'installSnapshot'),
      count: fc.integer({ min: 0, max: 5 }),
      back: fc.integer({ min: 0, max: 6 }),
      together: fc.boolean(),
    });
    fc.assert(fc.property(fc.array(step, { minLength: 1, maxLength: 40 }), (steps) => {
      const reference = new MemoryStorage<KvCommand>();
      const stored = new Map<string | number, unknown>();
      const layout = new SegmentLayout<KvCommand>(0, [], kvCodec);
      let last = 0;
      let snapshotIndex = 0;
      let term = 1;
      const termAt: number[] = [0];
      let queued: PersistBatch<KvCommand>[] = [];
      const flush = () => {
        applyOps(stored, layout.plan(queued));
        queued = [];
      };
      for (const s of steps) {
        term++;
        let batch: PersistBatch<KvCommand>;
        if (s.kind === 'snapshot' && last > snapshotIndex) {
          snapshotIndex = Math.max(snapshotIndex + 1, last - s.back);
          batch = { snapshot: { lastIncludedIndex: snapshotIndex, lastIncludedTerm: termAt[snapshotIndex]!, data: new Uint8Array([snapshotIndex]) } };
        } else if (s.kind === 'installSnapshot') {
          // Figure 13 step 7: a snapshot from the leader past our log; the whole log goes.
          snapshotIndex = last + 1 + s.count;
          last = snapshotIndex;
          termAt[snapshotIndex] = term;
          // The leader's term is the follower's by then (§5.1), so the term is stored with it.
          batch = { snapshot: { lastIncludedIndex: snapshotIndex, lastIncludedTerm: term, data: new Uint8Array([1]) }, entries: { fromIndex: snapshotIndex + 1, entries: [] }, hardState: { term, votedFor: null } };
        } else {
          const from = s.kind === 'truncate' ? Math.max(snapshotIndex + 1, last + 1 - s.back) : last + 1;
          const entries = Array.from({ length: s.count }, (_, i) => put(`k${from + i}`, term));
          last = from + entries.length - 1;
          entries.forEach((e, i) => { termAt[from + i] = e.term; });
          batch = { entries: { fromIndex: from, entries }, hardState: { term, votedFor: null } };
        }
        reference.write(batch);
        queued.push(batch);
        if (!s.together) flush();
      }
      flush();
      const loaded = decodeStore([...stored.entries()], kvCodec).persisted;
      expect(loaded).toEqual(reference.load());
    }), { seed: 42, numRuns: 300 });
  });

  it('§8: a stored no-op round-trips between commands, stored as { term, kind: "noop" }', () => {
    const layout = new SegmentLayout<KvCommand>(0, [], kvCodec);
    const stored = new Map<string | number, unknown>();
    const entries: Entry<KvCommand>[] = [put('a', 1), { kind: 'noop', term: 2 }, put('b', 2)];
    applyOps(stored, layout.plan([{ entries: { fromIndex: 1, entries }, hardState: { term: 2, votedFor: null } }]));
    expect(decodeStore([...stored.entries()], kvCodec).persisted.entries).toEqual(entries);
    expect((stored.get(1) as { entries: unknown[] }).entries[1]).toEqual({ term: 2, kind: 'noop' });
  });

  it.each([
    ['an unknown kind', { term: 2, kind: 'config' }, /log segment 1 does not decode: entry 1: kind must be "command" or "noop", got the string "config"/],
    ['a no-op holding a command', { term: 2, kind: 'noop', command: new Uint8Array([1]) }, /entry 1: a no-op holds no command/],
  ])('refuses a stored entry with %s, naming the segment and the entry', (_what, entry, reason) => {
    const stored = new Map<string | number, unknown>([[1, { v: 1, from: 1, entries: [entry] }]]);
    expect(() => decodeStore([...stored.entries()], kvCodec)).toThrow(StorageCorruption);
    expect(() => decodeStore([...stored.entries()], kvCodec)).toThrow(reason);
  });

  it('reports a gap between segments as corruption', () => {
    const layout = new SegmentLayout<KvCommand>(0, [], kvCodec);
    const stored = new Map<string | number, unknown>();
    applyOps(stored, layout.plan([{ entries: { fromIndex: 1, entries: [put('a', 1), put('b', 1), put('c', 1)] } }]));
    applyOps(stored, layout.plan([{ entries: { fromIndex: 4, entries: [put('d', 1)] } }]));
    stored.delete(1);
    expect(() => decodeStore([...stored.entries()], kvCodec)).toThrow(StorageCorruption);
    expect(() => decodeStore([...stored.entries()], kvCodec)).toThrow(/entries 1\.\.3 are missing/);
  });
});
