import { describe, expect, it } from 'vitest';
import type { KvCommand } from '../kv/types';
import type { Message } from '../raft/messages';
import { pauseClock, realDelayUntil, resumeClock, startClock, stepClock, stepDone, virtualAt } from './clock';
import { NodeHost } from './node-host';
import { initialNetwork, setPolicy } from './network';
import { FakeEnv, ManualStorage } from './test-support';
import { WIRE_FORMAT, type WireMessage } from './validate';

/**
 * The controls the visualizer added to the runtime: stepping the shared clock, forcing an election
 * timeout, changing timing and bugs at run time, the acknowledge-before-persist bug, and what the
 * view says about timers, votes and applied entries.
 */

let seq = 0;
function wire(msg: Message<KvCommand>, sentAt = 0): WireMessage<KvCommand> {
  return { v: WIRE_FORMAT, inc: 1, seq: ++seq, sentAt, deliverAt: sentAt, msg };
}

async function node(options: { ackBeforePersist?: boolean; reportApplied?: boolean; network?: ReturnType<typeof initialNetwork> } = {}) {
  const storage = new ManualStorage<KvCommand>();
  const env = new FakeEnv<KvCommand>(storage);
  const host = new NodeHost<KvCommand>({ id: 0, members: [0, 1, 2], incarnation: 1, seed: 3, machine: 'kv', raft: {}, network: initialNetwork(3), ...options }, env);
  await host.start();
  return { host, env, storage };
}

describe('a step of the shared clock', () => {
  it('runs time from a pause for exactly the step, in every thread, then stands still', () => {
    const paused = pauseClock(startClock(0, 0.5), 1000); // paused at virtual 500
    const step = stepClock(paused, 5000, 20);
    expect(virtualAt(step, 5000)).toBe(500);
    expect(virtualAt(step, 5020)).toBe(510);
    expect(virtualAt(step, 9999)).toBe(520); // stops at the end of the step
    expect(stepDone(step, 5040)).toBe(true);
    expect(realDelayUntil(step, 5000, 515)).toBe(30);
    expect(realDelayUntil(step, 5000, 521)).toBe(Infinity); // a timer after the step never fires during it
    expect(virtualAt(pauseClock(step, 9999), 20_000)).toBe(520);
  });

  it('a second step extends the first; resume turns it into a plain run', () => {
    const step = stepClock(stepClock(pauseClock(startClock(0, 1), 100), 200, 10), 201, 10);
    expect(step.until).toBe(120);
    const running = resumeClock(step, 300);
    expect(running.until).toBeUndefined();
    expect(virtualAt(running, 400)).toBe(220);
    expect(() => stepClock(running, 400, 0)).toThrow(RangeError);
  });
});

describe('force election timeout (§5.2)', () => {
  it('makes a follower start an election at once: next term, its own vote, RequestVote to everyone', async () => {
    const { host, env, storage } = await node();
    env.time = 50; // long before its timer would fire (300–500 ms)
    expect(host.forceElectionTimeout()).toBe(true);
    expect(host.view()).toMatchObject({ role: 'candidate', term: 1, votedFor: 0, votes: [0] });
    await storage.complete(); // the vote for itself is durable before RequestVote leaves (§3.8)
    expect(env.sent('RequestVote').map((m) => [m.to, m.term])).toEqual([[1, 1], [2, 1]]);
  });

  it('leaves a leader alone: it has no election timer', async () => {
    const { host, env, storage } = await node();
    host.forceElectionTimeout();
    await storage.complete();
    host.onWire(1, wire({ type: 'RequestVoteReply', from: 1, to: 0, term: 1, voteGranted: true }));
    expect(host.view().role).toBe('leader');
    env.time = 60;
    expect(host.forceElectionTimeout()).toBe(false);
    expect(host.view()).toMatchObject({ role: 'leader', term: 1 });
  });
});

describe('timers and votes in the view', () => {
  it('shows when the election timer was armed and when it fires; a leader has none', async () => {
    const { host, env, storage } = await node();
    const { timer } = host.view();
    expect(timer.electionSetAt).toBe(0);
    expect(timer.electionDeadline).toBeGreaterThanOrEqual(300);
    env.time = 100;
    host.onWire(1, wire({ type: 'AppendEntries', from: 1, to: 0, term: 1, prevLogIndex: 0, prevLogTerm: 0, entries: [], leaderCommit: 0 }, 100));
    expect(host.view().timer.electionSetAt).toBe(100); // a heartbeat re-arms the timer (§5.2)
    await storage.complete();
    host.forceElectionTimeout();
    await storage.complete();
    host.onWire(2, wire({ type: 'RequestVoteReply', from: 2, to: 0, term: 2, voteGranted: true }));
    expect(host.view()).toMatchObject({ role: 'leader', votes: [0, 2] });
    expect(host.view().timer.electionDeadline).toBe(Infinity);
  });
});

describe('configuration at run time', () => {
  it('applies a new bug switch to the next vote: grant without the up-to-date check (§5.4.1 broken)', async () => {
    const { host, env, storage } = await node();
    host.onWire(1, wire({ type: 'AppendEntries', from: 1, to: 0, term: 1, prevLogIndex: 0, prevLogTerm: 0, entries: [{ term: 1, command: { op: 'get', key: 'k' } }], leaderCommit: 0 }));
    await storage.complete();
    const behind = { type: 'RequestVote', from: 2, to: 0, lastLogIndex: 0, lastLogTerm: 0 } as const;
    host.onWire(2, wire({ ...behind, term: 2 }));
    await storage.complete();
    expect(env.sent('RequestVoteReply').at(-1)).toMatchObject({ term: 2, voteGranted: false });

    host.configure({ bugs: { grantVoteWithoutUpToDate: true } }, false);
    host.onWire(2, wire({ ...behind, term: 3 }));
    await storage.complete();
    expect(env.sent('RequestVoteReply').at(-1)).toMatchObject({ term: 3, voteGranted: true });
  });

  it('rejects timings Raft cannot work with', async () => {
    const { host } = await node();
    expect(() => host.configure({ timing: { heartbeatMs: 400, electionTimeoutMinMs: 300 } }, false)).toThrow(RangeError);
  });
});

describe('acknowledge before persisting (an injected bug)', () => {
  it('sends the vote while its write is still in flight', async () => {
    const { host, env, storage } = await node({ ackBeforePersist: true });
    host.onWire(1, wire({ type: 'RequestVote', from: 1, to: 0, term: 1, lastLogIndex: 0, lastLogTerm: 0 }));
    expect(storage.pending).toBe(1);
    expect(env.sent('RequestVoteReply')).toEqual([{ type: 'RequestVoteReply', from: 0, to: 1, term: 1, voteGranted: true }]);
    await storage.complete();
    expect(env.sent('RequestVoteReply')).toHaveLength(1); // not sent twice
  });
});

describe('applied entries and traffic verdicts', () => {
  it('reports each applied entry, and whether a reply says yes', async () => {
    const { host, env, storage } = await node({ reportApplied: true });
    const entry = { term: 1, command: { op: 'put', key: 'k', value: 'v' } } as const;
    host.onWire(1, wire({ type: 'AppendEntries', from: 1, to: 0, term: 1, prevLogIndex: 0, prevLogTerm: 0, entries: [entry], leaderCommit: 1 }));
    await storage.complete();
    expect(env.recording.applied).toEqual([{ index: 1, term: 1, command: 'put k=v' }]);
    expect(env.recording.traffic.find((t) => t.kind === 'AppendEntriesReply')).toMatchObject({ type: 'send', ok: true, term: 1 });
    expect(host.view().machine).toEqual({ size: 1, entries: [['k', 'v']] });
  });
});

describe('message duplication on the live engine', () => {
  it('posts a second copy of a message under its own sequence number, with a delay of its own in the policy\'s range', async () => {
    const network = setPolicy(initialNetwork(3), { duplicatePercent: 100, delayMinMs: 10, delayMaxMs: 20 });
    const { host, env, storage } = await node({ network });
    host.onWire(1, wire({ type: 'RequestVote', from: 1, to: 0, term: 1, lastLogIndex: 0, lastLogTerm: 0 }));
    await storage.complete();
    const replies = env.posted.filter((p) => p.wire.msg.type === 'RequestVoteReply').map((p) => p.wire);
    expect(replies).toHaveLength(2);
    expect(replies[0]!.msg).toEqual(replies[1]!.msg);
    expect(replies[1]!.seq).not.toBe(replies[0]!.seq);
    for (const copy of replies) expect(copy.deliverAt - copy.sentAt).toBeGreaterThanOrEqual(10);
  });
});
