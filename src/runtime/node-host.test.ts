import { describe, expect, it } from 'vitest';
import type { KvCommand } from '../kv/types';
import type { Message } from '../raft/messages';
import { NodeHost } from './node-host';
import { initialNetwork, setLinkCut } from './network';
import { StorageCorruption } from './storage-codec';
import { FakeEnv, ManualStorage, settle } from './test-support';
import { WIRE_FORMAT, type WireMessage } from './validate';

/**
 * The worker's driver around the pure core, with a storage whose writes the test completes by hand
 * and a clock it moves by hand. Reference: thesis §3.8 (persist before acknowledging), Figure 2.
 */

const MEMBERS = [0, 1, 2];
let seq = 0;

function wire(msg: Message<KvCommand>, sentAt = 0, deliverAt = sentAt): WireMessage<KvCommand> {
  return { v: WIRE_FORMAT, inc: 1, seq: ++seq, sentAt, deliverAt, msg };
}

const put = (key: string): KvCommand => ({ op: 'put', key, value: key.toUpperCase() });

function appendEntries(prevLogIndex: number, commands: string[], term = 1): Message<KvCommand> {
  return {
    type: 'AppendEntries', from: 1, to: 0, term, prevLogIndex, prevLogTerm: prevLogIndex === 0 ? 0 : term,
    entries: commands.map((k) => ({ term, command: put(k) })), leaderCommit: 0,
  };
}

async function follower(storage = new ManualStorage<KvCommand>()) {
  const env = new FakeEnv<KvCommand>(storage);
  const host = new NodeHost<KvCommand>({ id: 0, members: MEMBERS, incarnation: 1, seed: 7, machine: 'kv', raft: {}, network: initialNetwork(3) }, env);
  await host.start();
  return { host, env, storage };
}

describe('persist, then send (thesis §3.8)', () => {
  it('posts a vote only after the transaction holding that vote has completed', async () => {
    const { host, env, storage } = await follower();
    host.onWire(1, wire({ type: 'RequestVote', from: 1, to: 0, term: 1, lastLogIndex: 0, lastLogTerm: 0 }));

    expect(storage.pending).toBe(1);
    expect(storage.writes[0]!.batches).toEqual([{ hardState: { term: 1, votedFor: 1 } }]);
    expect(env.sent('RequestVoteReply')).toEqual([]); // the vote is in memory only: nothing may leave

    await storage.complete();
    expect(env.sent('RequestVoteReply')).toEqual([{ type: 'RequestVoteReply', from: 0, to: 1, term: 1, voteGranted: true }]);
    expect(host.view().durable).toMatchObject({ term: 1, votedFor: 1 });
  });

  it('acknowledges appended entries only once they are durable, in order, coalescing what arrives meanwhile', async () => {
    const { host, env, storage } = await follower();
    host.onWire(1, wire(appendEntries(0, ['a', 'b'])));
    expect(storage.pending).toBe(1);

    // Two more appends arrive while the first write is in flight: no new transaction yet, no replies.
    host.onWire(1, wire(appendEntries(2, ['c'])));
    host.onWire(1, wire(appendEntries(3, ['d'])));
    expect(storage.pending).toBe(1);
    expect(env.sent('AppendEntriesReply')).toEqual([]);
    expect(host.view().log.lastIndex).toBe(4);
    expect(host.view().durable.lastIndex).toBe(0);

    await storage.complete();
    // The first reply leaves; the other two Readies went into ONE next transaction.
    expect(env.sent('AppendEntriesReply').map((m) => m.type === 'AppendEntriesReply' && m.matchIndex)).toEqual([2]);
    expect(storage.pending).toBe(1);
    expect(storage.writes[1]!.batches.map((b) => b.entries?.fromIndex)).toEqual([3, 4]);

    await storage.complete();
    expect(env.sent('AppendEntriesReply').map((m) => m.type === 'AppendEntriesReply' && m.matchIndex)).toEqual([2, 3, 4]);
    expect(host.view().durable.lastIndex).toBe(4);
  });

  it('stops in a storage-error state, sending nothing, when a write fails', async () => {
    const { host, env, storage } = await follower();
    host.onWire(1, wire({ type: 'RequestVote', from: 1, to: 0, term: 1, lastLogIndex: 0, lastLogTerm: 0 }));
    storage.writes[0]!.reject(new Error('QuotaExceededError'));
    await settle();
    expect(host.status).toBe('storage-error');
    expect(host.error).toContain('QuotaExceededError');
    expect(env.posted).toEqual([]);
  });
});

describe('a store that does not decode', () => {
  it('leaves the node in a storage-error state that never writes, whatever arrives', async () => {
    class CorruptStorage extends ManualStorage<KvCommand> {
      override load(): Promise<never> {
        return Promise.reject(new StorageCorruption('hardState', 'unknown format version 9; this build reads version 1'));
      }
    }
    const { host, env, storage } = await follower(new CorruptStorage());
    expect(host.status).toBe('storage-error');
    expect(host.view().error).toMatch(/hardState.*format version 9/);

    host.onWire(1, wire({ type: 'RequestVote', from: 1, to: 0, term: 5, lastLogIndex: 0, lastLogTerm: 0 }));
    expect(host.propose([{ requestId: 1, command: put('x') }])[0]!.placed).toBeNull();
    env.time = 10_000;
    host.wake();
    expect(storage.writes).toEqual([]);
    expect(env.posted).toEqual([]);
    expect(host.view().counters.dropped['not-running']).toBe(1);
  });
});

describe('messages on a port', () => {
  it('drops, counts and reports malformed ones without throwing, and keeps working', async () => {
    const { host, env, storage } = await follower();
    const garbage: unknown[] = [
      null, 'hello', new Uint8Array([1, 2, 3]), { v: 2 },
      { ...wire(appendEntries(0, ['a'])), msg: { type: 'AppendEntries', from: 1, to: 0, term: -1 } },
      wire({ type: 'RequestVote', from: 2, to: 0, term: 1, lastLogIndex: 0, lastLogTerm: 0 }), // came on port 1
      wire({ ...appendEntries(0, []), entries: [{ term: 1, command: { op: 'drop table' } }] } as unknown as Message<KvCommand>),
    ];
    for (const data of garbage) expect(() => host.onWire(1, data)).not.toThrow();

    expect(host.view().counters.dropped.malformed).toBe(garbage.length);
    expect(env.recording.traffic.filter((t) => t.type === 'drop' && t.reason === 'malformed')).toHaveLength(garbage.length);
    expect(storage.writes).toEqual([]);

    host.onWire(1, wire({ type: 'RequestVote', from: 1, to: 0, term: 1, lastLogIndex: 0, lastLogTerm: 0 }));
    await storage.complete();
    expect(env.sent('RequestVoteReply')).toHaveLength(1);
  });

  it('holds a message until it is due, and holds everything while time is paused', async () => {
    const { host, env, storage } = await follower();
    host.onWire(1, wire(appendEntries(0, ['a']), 0, 30));
    expect(storage.pending).toBe(0);
    expect(env.wakeTarget).toBe(30);

    env.time = 30;
    env.paused = true;
    host.wake();
    expect(storage.pending).toBe(0); // due, but time is frozen

    env.paused = false;
    host.clockChanged();
    expect(storage.pending).toBe(1);
  });

  it('drops a message whose link is cut while it is in flight, and counts it', async () => {
    const { host, env, storage } = await follower();
    host.onWire(1, wire(appendEntries(0, ['a']), 0, 30));
    host.setNetwork(setLinkCut(initialNetwork(3), 1, 0, true, true));
    env.time = 30;
    host.wake();
    expect(storage.pending).toBe(0);
    expect(host.view().counters.dropped.cut).toBe(1);
    expect(env.recording.traffic.at(-1)).toMatchObject({ type: 'drop', reason: 'cut', from: 1, to: 0, kind: 'AppendEntries' });
  });

  it('drops what it sends over a cut link, and reports the send attempt', async () => {
    const { host, env, storage } = await follower();
    host.setNetwork(setLinkCut(initialNetwork(3), 0, 1, true, true));
    host.onWire(2, wire({ type: 'RequestVote', from: 2, to: 0, term: 1, lastLogIndex: 0, lastLogTerm: 0 }));
    await storage.complete();
    expect(env.sent('RequestVoteReply')).toHaveLength(1); // 0 → 2 is up
    env.time = 5000; // our own election timeout: RequestVote to 1 (cut) and 2
    host.wake();
    await storage.complete();
    expect(env.sent('RequestVote').map((m) => m.to)).toEqual([2]);
    expect(host.view().counters.dropped.cut).toBe(1);
    expect(host.view().counters.requests).toBe(2);
  });
});

describe('halting for another tab (issue 8, 3a)', () => {
  it('resolves only once the write in flight has completed, and then neither writes nor sends anything', async () => {
    const { host, env, storage } = await follower();
    host.onWire(1, wire(appendEntries(0, ['a', 'b'])));
    expect(storage.pending).toBe(1);
    let halted = false;
    const halting = host.halt().then(() => { halted = true; });
    await settle();
    expect(halted).toBe(false); // its entries are still being written
    await storage.complete();
    await halting;
    expect(halted).toBe(true);
    // The acknowledgement of the write is never sent: the node is gone as far as anyone can tell.
    expect(env.sent('AppendEntriesReply')).toEqual([]);
    host.onWire(1, wire(appendEntries(2, ['c'])));
    host.propose([{ requestId: 1, command: put('d') }]);
    env.time = 60_000;
    host.wake();
    await settle();
    expect(storage.writes).toHaveLength(1);
    expect(env.posted).toEqual([]);
  });

  it('a node halted while loading never starts', async () => {
    const storage = new ManualStorage<KvCommand>();
    const env = new FakeEnv<KvCommand>(storage);
    const host = new NodeHost<KvCommand>({ id: 0, members: MEMBERS, incarnation: 1, seed: 7, machine: 'kv', raft: {}, network: initialNetwork(3) }, env);
    const starting = host.start();
    await host.halt();
    await starting;
    expect(host.status).toBe('crashed');
    expect(host.node).toBeNull();
  });
});
