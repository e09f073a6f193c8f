import { describe, expect, it } from 'vitest';
import { simFingerprint } from '../engine/fingerprint';
import { ListStateMachine } from '../shared/list-machine';
import { deepCopy } from './clone';
import { SimCluster, type SimClusterOptions, type SimTraffic } from './cluster';
import { applyChoice, listPending, type PendingItem, type PendingMessage, type PendingTimer } from './explore';

/**
 * Explore mode: the user picks what happens next in a paused simulation. Each test prints as a
 * trace on failure (the pending list in describeMessage lines).
 */

type Options = Partial<SimClusterOptions<number, number, ListStateMachine>>;

const SEED = 7;

/** A cluster whose links all take 10 ms, so every message is visibly in flight. */
function cluster(size = 3, options: Options = {}): SimCluster<number, number, ListStateMachine> {
  const sim = new SimCluster<number, number, ListStateMachine>({ size, seed: SEED, makeStateMachine: () => new ListStateMachine(), ...options });
  sim.network.setPolicy({ delayMinMs: 10, delayMaxMs: 10 });
  return sim;
}

/** Node `id` campaigns now, as the page's "force election timeout". */
function forceElection(sim: SimCluster<number, number, ListStateMachine>, id: number): void {
  sim.input(id, (node) => node.timeoutNow(sim.now));
}

const messages = (sim: SimCluster<number, number, ListStateMachine>): PendingMessage[] =>
  listPending(sim).filter((item): item is PendingMessage => item.kind === 'message');

function message(sim: SimCluster<number, number, ListStateMachine>, description: string): PendingMessage {
  const found = messages(sim).filter((m) => m.description.startsWith(description));
  if (found.length !== 1) throw new Error(`expected one pending "${description}", found ${found.length} in:\n${trace(listPending(sim))}`);
  return found[0]!;
}

function timer(sim: SimCluster<number, number, ListStateMachine>, node: number, kind: PendingTimer['timer']): PendingTimer {
  const found = listPending(sim).find((item): item is PendingTimer => item.kind === 'timer' && item.node === node && item.timer === kind);
  if (!found) throw new Error(`no ${kind} timer for node ${node} in:\n${trace(listPending(sim))}`);
  return found;
}

/** The whole world as one string (time travel's fingerprint: nodes, storage, network, queue). */
const fingerprint = (sim: SimCluster<number, number, ListStateMachine>): string => simFingerprint(sim as unknown as SimCluster<unknown, unknown>, 0);

const trace = (items: readonly PendingItem[]): string =>
  items.map((item) => `${item.id} @${item.dueAt} ${item.kind === 'message' ? item.description : item.kind === 'timer' ? `node ${item.node} ${item.timer}` : item.kind === 'write' ? `node ${item.node} write` : item.why}`).join('\n');

describe('explore mode: what is pending', () => {
  it('lists the RequestVotes of a forced election with from, to, term and times, and every node\'s timers (§5.2)', () => {
    const sim = cluster();
    forceElection(sim, 0);
    const votes = messages(sim);
    expect(votes.map(({ type, from, to, term, sentAt, dueAt, size }) => ({ type, from, to, term, sentAt, dueAt, size }))).toEqual([
      { type: 'RequestVote', from: 0, to: 1, term: 1, sentAt: 0, dueAt: 10, size: 0 },
      { type: 'RequestVote', from: 0, to: 2, term: 1, sentAt: 0, dueAt: 10, size: 0 },
    ]);
    for (const vote of votes) expect(vote.id).toMatch(/^msg:\d+$/);
    const timers = listPending(sim).filter((item): item is PendingTimer => item.kind === 'timer');
    expect(timers.map(({ node, timer, choosable }) => `${node} ${timer} ${choosable}`).sort()).toEqual([
      '0 election true', '0 vote-retry true', '1 election true', '2 election true',
    ]);
    for (const t of timers) expect(t.dueAt).toBe(t.timer === 'vote-retry' ? sim.node(t.node).core.status().heartbeatDeadline : sim.node(t.node).core.electionDeadline);
  });

  it('names every item alike in a copy of the world', () => {
    const sim = cluster();
    forceElection(sim, 0);
    expect(listPending(deepCopy(sim)).map((item) => item.id)).toEqual(listPending(sim).map((item) => item.id));
  });

  it('lists a disk write, and holds a vote\'s reply until the vote is durable (thesis §3.8)', () => {
    const sim = cluster(3, { diskLatencyMs: { min: 5, max: 5 } });
    sim.scheduler.runUntil(6); // the boot writes land
    forceElection(sim, 0);
    sim.scheduler.runUntil(sim.now + 5); // the candidate's term and vote land; its RequestVotes leave
    applyChoice(sim, { type: 'deliver', id: message(sim, '0->1 RequestVote').id });
    expect(sim.node(1).core.votedFor).toBe(0);
    const write = listPending(sim).find((item) => item.kind === 'write' && item.node === 1);
    expect(write).toMatchObject({ choosable: true, dueAt: sim.now + 5 });
    expect(messages(sim).filter((m) => m.type === 'RequestVoteReply')).toEqual([]);
    expect(() => applyChoice(sim, { type: 'deliver', id: write!.id })).toThrow(/not a message/);
    sim.scheduler.runUntil(sim.now + 5);
    expect(message(sim, '1->0 RequestVoteReply').message).toMatchObject({ term: 1, voteGranted: true });
  });
});

describe('explore mode: choices', () => {
  it('delivers a RequestVote out of order: the first candidate to reach a voter gets its vote, the other is refused (Figure 2, RequestVote 2)', () => {
    const sim = cluster();
    forceElection(sim, 0);
    forceElection(sim, 1);
    const now = sim.now;
    // Node 1's request was sent after node 0's, so it is due later; deliver it first.
    const late = message(sim, '1->2 RequestVote');
    const early = message(sim, '0->2 RequestVote');
    expect(messages(sim).findIndex((m) => m.id === late.id)).toBeGreaterThan(messages(sim).findIndex((m) => m.id === early.id));
    applyChoice(sim, { type: 'deliver', id: late.id });
    expect(sim.now).toBe(now);
    expect(sim.node(2).core.status()).toMatchObject({ term: 1, votedFor: 1 });
    expect(message(sim, '2->1 RequestVoteReply').message).toMatchObject({ voteGranted: true });
    applyChoice(sim, { type: 'deliver', id: early.id });
    expect(sim.node(2).core.status()).toMatchObject({ term: 1, votedFor: 1 });
    expect(message(sim, '2->0 RequestVoteReply').message).toMatchObject({ term: 1, voteGranted: false });
  });

  it('drops a message: it leaves the list, never arrives, and counts as dropped', () => {
    const lines: string[] = [];
    const traffic: SimTraffic<number>[] = [];
    const sim = cluster(3, { onEvent: (line) => lines.push(line()), observer: { traffic: (event) => traffic.push(event) } });
    forceElection(sim, 0);
    const vote = message(sim, '0->1 RequestVote');
    const dropped = sim.network.stats.dropped;
    applyChoice(sim, { type: 'drop', id: vote.id });
    expect(listPending(sim).some((item) => item.id === vote.id)).toBe(false);
    expect(sim.network.stats.dropped).toBe(dropped + 1);
    expect(traffic.at(-1)).toMatchObject({ type: 'drop', reason: 'loss', atSend: false, message: vote.message });
    sim.scheduler.runUntil(vote.dueAt + 100); // before any election timer (≥ 300 ms)
    expect(lines.filter((line) => /^t=\d+ 0->1 RequestVote/.test(line))).toEqual([]);
    expect(lines.filter((line) => /^t=\d+ 0->2 RequestVote/.test(line))).toHaveLength(1);
    // Node 2's vote made node 0 leader; node 1 learned term 1 from its AppendEntries, never having been asked to vote.
    expect(sim.node(0).core.role).toBe('leader');
    expect(sim.node(1).core.status()).toMatchObject({ term: 1, votedFor: null, leaderId: 0 });
  });

  it('duplicates a vote request: the voter answers twice, and the candidate counts the vote once (§5.2, votes are a set)', () => {
    const sim = cluster(5);
    forceElection(sim, 0);
    const vote = message(sim, '0->1 RequestVote');
    applyChoice(sim, { type: 'duplicate', id: vote.id });
    const copies = messages(sim).filter((m) => m.description === vote.description);
    expect(copies.map((m) => m.dueAt)).toEqual([vote.dueAt, vote.dueAt]);
    expect(copies[0]!.id).toBe(vote.id);
    for (const copy of copies) applyChoice(sim, { type: 'deliver', id: copy.id });
    // The same candidate asking again is granted again: votedFor is already that candidate (Figure 2).
    const replies = messages(sim).filter((m) => m.description.startsWith('1->0 RequestVoteReply'));
    expect(replies.map((m) => m.message)).toEqual([
      expect.objectContaining({ term: 1, voteGranted: true }), expect.objectContaining({ term: 1, voteGranted: true }),
    ]);
    for (const reply of replies) applyChoice(sim, { type: 'deliver', id: reply.id });
    // Two votes of five (its own and node 1's) are no majority, however often node 1 answered.
    expect(sim.node(0).core.status()).toMatchObject({ role: 'candidate', term: 1, votes: [0, 1] });
  });

  it('fires a follower\'s election timer early: it becomes a candidate in term + 1 at once (§5.2)', () => {
    const sim = cluster();
    const election = timer(sim, 2, 'election');
    expect(election.dueAt).toBeGreaterThan(sim.now);
    applyChoice(sim, { type: 'fire', id: election.id });
    expect(sim.now).toBe(0);
    expect(sim.node(2).core.status()).toMatchObject({ role: 'candidate', term: 1, votedFor: 2 });
    expect(messages(sim).map((m) => m.description.split(' ').slice(0, 3).join(' '))).toEqual(['2->0 RequestVote t1', '2->1 RequestVote t1']);
    // The timer was re-armed: the old id is stale.
    expect(() => applyChoice(sim, { type: 'fire', id: election.id })).toThrow(election.id);
  });

  it('fires a leader\'s heartbeat now: a round of AppendEntries leaves at once, and the timer is re-armed (§5.2)', () => {
    const sim = cluster();
    forceElection(sim, 0);
    sim.scheduler.runUntil(30);
    expect(sim.node(0).core.role).toBe('leader');
    for (const m of messages(sim)) applyChoice(sim, { type: 'drop', id: m.id });
    const heartbeat = timer(sim, 0, 'heartbeat');
    expect(heartbeat.choosable).toBe(true);
    const now = sim.now;
    applyChoice(sim, { type: 'fire', id: heartbeat.id });
    expect(sim.now).toBe(now);
    expect(messages(sim).map((m) => m.description.split(' ').slice(0, 2).join(' ')).sort()).toEqual(['0->1 AppendEntries', '0->2 AppendEntries']);
    expect(timer(sim, 0, 'heartbeat').dueAt).toBeGreaterThan(heartbeat.dueAt);
    expect(() => applyChoice(sim, { type: 'fire', id: heartbeat.id })).toThrow(heartbeat.id);
  });

  it('persists a node\'s disk write now: its vote is durable and the reply it held leaves, with no time passing (thesis §3.8)', () => {
    const sim = cluster(3, { diskLatencyMs: { min: 50, max: 50 } });
    sim.scheduler.runUntil(60); // the boot writes land
    forceElection(sim, 0);
    const write = listPending(sim).find((item) => item.kind === 'write' && item.node === 0)!;
    expect(messages(sim)).toEqual([]); // the RequestVotes wait for the candidate's term and vote
    const now = sim.now;
    applyChoice(sim, { type: 'persist', id: write.id });
    expect(sim.now).toBe(now);
    expect(sim.storages[0]!.load().hardState).toMatchObject({ term: 1, votedFor: 0 });
    expect(messages(sim).map((m) => m.description.split(' ').slice(0, 2).join(' '))).toEqual(['0->1 RequestVote', '0->2 RequestVote']);
    expect(() => applyChoice(sim, { type: 'persist', id: write.id })).toThrow(write.id);
    expect(() => applyChoice(sim, { type: 'persist', id: messages(sim)[0]!.id })).toThrow(/not a disk write/);
  });

  it('throws for an unknown or stale id, naming it, and changes nothing', () => {
    const sim = cluster();
    forceElection(sim, 0);
    const before = JSON.stringify(listPending(sim));
    const world = fingerprint(sim);
    expect(() => applyChoice(sim, { type: 'deliver', id: 'msg:9999' })).toThrow('msg:9999');
    expect(() => applyChoice(sim, { type: 'fire', id: message(sim, '0->1 RequestVote').id })).toThrow(/not a timer/);
    expect(() => applyChoice(sim, { type: 'drop', id: timer(sim, 1, 'election').id })).toThrow(/not a message/);
    expect(JSON.stringify(listPending(sim))).toBe(before);
    expect(fingerprint(sim)).toBe(world);
    const vote = message(sim, '0->1 RequestVote');
    applyChoice(sim, { type: 'deliver', id: vote.id });
    const after = fingerprint(sim);
    expect(() => applyChoice(sim, { type: 'drop', id: vote.id })).toThrow(vote.id);
    expect(fingerprint(sim)).toBe(after);
  });
});

describe('explore mode: copies', () => {
  /** A script of choices by description, so that it picks the same ids in any copy. */
  function play(sim: SimCluster<number, number, ListStateMachine>): void {
    applyChoice(sim, { type: 'fire', id: timer(sim, 1, 'election').id });
    sim.scheduler.runUntil(sim.now + 4); // the term and vote land (disk latency ≤ 4 ms); the RequestVotes leave
    applyChoice(sim, { type: 'duplicate', id: message(sim, '1->2 RequestVote').id });
    applyChoice(sim, { type: 'drop', id: message(sim, '1->0 RequestVote').id });
    for (const vote of messages(sim)) applyChoice(sim, { type: 'deliver', id: vote.id });
    sim.scheduler.runUntil(sim.now + 40);
    applyChoice(sim, { type: 'fire', id: timer(sim, 0, 'election').id });
    sim.scheduler.runUntil(sim.now + 1000);
  }

  it('two copies given the same choices end in the same state, and the world still copies', () => {
    const sim = cluster(3, { diskLatencyMs: { min: 1, max: 4 } });
    sim.scheduler.runUntil(5);
    const start = fingerprint(sim);
    const [a, b] = [deepCopy(sim), deepCopy(sim)];
    play(a);
    play(b);
    expect(fingerprint(sim)).toBe(start); // the copies were independent of the original
    expect(fingerprint(a)).not.toBe(start);
    expect(fingerprint(b)).toBe(fingerprint(a));
    expect(JSON.stringify(listPending(b))).toBe(JSON.stringify(listPending(a)));
    // A copy of a world after choices runs on exactly as the world does.
    const c = deepCopy(a);
    a.scheduler.runUntil(a.now + 2000);
    c.scheduler.runUntil(c.now + 2000);
    expect(fingerprint(c)).toBe(fingerprint(a));
    expect(a.nodes.filter((node) => node.isLeader())).toHaveLength(1);
  });
});
