import { describe, expect, it } from 'vitest';
import type { RaftEvent } from '../raft/events';
import type { KvResult } from '../kv/types';
import type { TrafficEvent } from '../runtime/protocol';
import { CANCELLED_BY_RESET } from '../runtime/requests';
import type { Cluster } from './cluster';
import { SimEngine, type SimEngineOptions } from './sim-engine';

/** The simulated engine, run directly (no worker): the page's ClusterState from SimCluster under virtual time. */

function engine(options: Partial<SimEngineOptions> = {}): SimEngine {
  return new SimEngine({ size: 5, seed: 7, wall: () => 0, ...options });
}

function leaderOf(e: SimEngine): number {
  const leaders = e.getState().nodes.filter((v) => v.role === 'leader' && v.status === 'running');
  const newest = Math.max(...leaders.map((v) => v.term));
  return leaders.find((v) => v.term === newest)?.id ?? -1;
}

/** Let microtasks run (proposals are batched per task, as in the live engine). */
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

describe('SimEngine', () => {
  it('is a Cluster, and elects a leader that every running node follows (§5.2)', () => {
    const e = engine();
    const cluster: Cluster = e;
    cluster.subscribe(() => undefined);
    e.advance(3000);
    const leader = leaderOf(e);
    expect(leader).toBeGreaterThanOrEqual(0);
    const state = e.getState();
    expect(state.namespace).toBe('sim');
    expect(state.nodes.map((v) => v.leaderId)).toEqual(Array(5).fill(leader));
    expect(state.nodes.every((v) => v.status === 'running' && v.durable.term === v.term)).toBe(true);
  });

  it('is a function of its seed: the same actions give the same views at the same virtual time', () => {
    const run = (seed: number): string => {
      const e = engine({ seed });
      e.advance(2000);
      e.setLoss(20);
      e.isolate(leaderOf(e));
      e.advance(3000);
      return JSON.stringify(e.getState().nodes);
    };
    expect(run(11)).toBe(run(11));
    expect(run(11)).not.toBe(run(12));
  });

  it('seeks forwards to a virtual instant and pauses there, however the time before it was run, and backwards too', () => {
    let wall = 0;
    const ticked = engine({ seed: 11, wall: () => wall });
    for (wall = 16; wall < 1200; wall += 16) ticked.tick(); // as the worker runs it, a frame at a time
    ticked.seek(2500);
    const direct = engine({ seed: 11 });
    direct.seek(2500);
    expect(ticked.getState().clock).toMatchObject({ paused: true, anchorVirtualMs: 2500 });
    expect(ticked.now()).toBe(2500);
    expect(JSON.stringify(ticked.getState().nodes)).toBe(JSON.stringify(direct.getState().nodes));
    direct.seek(2000); // backwards: a checkpoint restored and the run replayed (time travel)
    const straight = engine({ seed: 11 });
    straight.seek(2000);
    expect(direct.now()).toBe(2000);
    expect(JSON.stringify(direct.getState().nodes)).toBe(JSON.stringify(straight.getState().nodes));
  });

  it('commits a put through the leader; a follower refuses it and names the leader', async () => {
    const e = engine();
    e.advance(3000);
    const leader = leaderOf(e);
    const follower = (leader + 1) % 5;
    const refused = await e.propose(follower, { op: 'put', key: 'x', value: '1' });
    expect(refused).toMatchObject({ placed: null, leaderHint: leader, outcome: null });
    const proposal = await e.propose<KvResult>(leader, { op: 'put', key: 'x', value: '1' });
    expect(proposal.placed).not.toBeNull();
    e.advance(500);
    expect(await proposal.outcome).toMatchObject({ ok: true, result: { succ: true, key: 'x', value: '1' } });
    expect(e.getState().nodes.every((v) => v.machine?.entries.some(([k, val]) => k === 'x' && val === '1'))).toBe(true);
    const invalid = await e.propose(leader, { op: 'nope' });
    expect(invalid.error).toMatch(/invalid command/);
  });

  it('crash leaves a node down until restart, which restores its log from storage', () => {
    const e = engine();
    e.advance(3000);
    const leader = leaderOf(e);
    void e.propose(leader, { op: 'put', key: 'k', value: 'v' });
    return settle().then(() => {
      e.advance(500);
      const before = e.getState().nodes[leader]!;
      e.crash(leader);
      expect(e.getState().nodes[leader]).toMatchObject({ status: 'crashed', role: 'follower' });
      e.advance(3000);
      const next = leaderOf(e);
      expect(next).not.toBe(leader);
      void e.restart(leader);
      e.advance(1000);
      const after = e.getState().nodes[leader]!;
      expect(after.status).toBe('running');
      expect(after.log.lastIndex).toBeGreaterThanOrEqual(before.log.lastIndex);
      expect(after.incarnation).toBeGreaterThan(before.incarnation);
      expect(after.leaderId).toBe(next);
    });
  });

  it('reports traffic as the live engine does: each send, then its delivery or its drop with the reason', () => {
    const e = engine({ size: 3 });
    const events: TrafficEvent[] = [];
    e.subscribeTraffic((batch) => events.push(...batch.events));
    e.advance(2000);
    const leader = leaderOf(e);
    const other = (leader + 1) % 3;
    e.isolate(other);
    e.advance(1000);
    const sends = new Set(events.filter((t) => t.type === 'send').map((t) => t.key));
    const delivered = events.filter((t) => t.type === 'deliver');
    expect(delivered.length).toBeGreaterThan(0);
    expect(delivered.every((t) => sends.has(t.key) && t.at >= t.sentAt && t.at === t.deliverAt)).toBe(true);
    expect(events.some((t) => t.type === 'drop' && t.from === leader && t.to === other && t.reason === 'isolated')).toBe(true);
    expect(e.getState().nodes[leader]!.counters.dropped.isolated).toBeGreaterThan(0);
  });

  it('duplicates messages when asked, and Raft stays consistent (replies to copies are harmless)', async () => {
    const e = engine();
    const events: TrafficEvent[] = [];
    e.subscribeTraffic((batch) => events.push(...batch.events));
    e.setNetwork({ ...e.getNetwork(), requests: { lossPercent: 0, delayMinMs: 1, delayMaxMs: 30, duplicatePercent: 50 }, replies: { lossPercent: 0, delayMinMs: 1, delayMaxMs: 30, duplicatePercent: 50 } });
    e.advance(3000);
    const leader = leaderOf(e);
    const outcomes = [];
    for (let i = 0; i < 20; i++) outcomes.push((await e.propose(leader, { op: 'put', key: `k${i}`, value: String(i) })).outcome);
    e.advance(2000);
    for (const outcome of outcomes) expect(await outcome).toMatchObject({ ok: true });
    const sends = events.filter((t) => t.type === 'send');
    expect(new Set(sends.map((t) => t.key)).size).toBe(sends.length);
    const perMessage = new Map<string, number>();
    for (const t of sends) perMessage.set(`${t.from}>${t.to}@${t.sentAt}/${t.kind}/${t.term}`, (perMessage.get(`${t.from}>${t.to}@${t.sentAt}/${t.kind}/${t.term}`) ?? 0) + 1);
    expect([...perMessage.values()].some((n) => n > 1)).toBe(true);
    const logs = e.getState().nodes.map((v) => v.log.lastIndex);
    expect(new Set(logs).size).toBe(1);
  });

  it('pauses, steps and runs at a speed relative to real time', () => {
    let wall = 1000;
    const e = engine({ wall: () => wall, speed: 2 });
    wall += 100;
    e.tick();
    expect(e.now()).toBe(200);
    e.pause();
    wall += 500;
    e.tick();
    expect(e.now()).toBe(200);
    e.step(30);
    wall += 10;
    e.tick();
    expect(e.now()).toBe(220);
    expect(e.getState().clock.paused).toBe(false);
    wall += 100;
    e.tick();
    expect(e.now()).toBe(230);
    expect(e.getState().clock.paused).toBe(true);
    e.setSpeed(0.5);
    e.resume();
    wall += 100;
    e.tick();
    expect(e.now()).toBe(280);
    expect(() => e.setSpeed(100)).toThrow(RangeError);
  });

  it('reset cancels what is open, keeps virtual time going and may change the size', async () => {
    const e = engine();
    e.advance(3000);
    const leader = leaderOf(e);
    e.isolate(leader);
    const proposal = await e.propose(leader, { op: 'put', key: 'a', value: '1' });
    expect(proposal.placed).not.toBeNull();
    const at = e.now();
    expect(await e.reset({ size: 3 })).toBe(true);
    expect(await proposal.outcome).toMatchObject({ ok: false, reason: CANCELLED_BY_RESET });
    const state = e.getState();
    expect(state).toMatchObject({ size: 3, generation: 1, cancelled: CANCELLED_BY_RESET });
    expect(state.network.isolated).toEqual([false, false, false]);
    expect(e.now()).toBe(at);
    e.advance(3000);
    expect(leaderOf(e)).toBeGreaterThanOrEqual(0);
  });

  it('changes timing and bugs on every node, refusing a timing Raft cannot work with (§5.6)', () => {
    const e = engine();
    e.setTiming({ electionTimeoutMinMs: 200, electionTimeoutMaxMs: 300 });
    expect(e.getConfig().timing.electionTimeoutMinMs).toBe(200);
    expect(() => e.setTiming({ heartbeatMs: 1000 })).toThrow(RangeError);
    e.setBugs({ ackBeforePersist: true, grantVoteWithoutUpToDate: true });
    expect(e.getState().config.bugs).toMatchObject({ ackBeforePersist: true, grantVoteWithoutUpToDate: true });
    e.advance(3000);
    expect(leaderOf(e)).toBeGreaterThanOrEqual(0);
  });

  it('wipes a node: it comes back empty and recovering, in a term above any seen', () => {
    const e = engine();
    e.advance(3000);
    const term = Math.max(...e.getState().nodes.map((v) => v.term));
    const node = (leaderOf(e) + 2) % 5;
    void e.resetNode(node);
    const view = e.getState().nodes[node]!;
    expect(view.recovering).toBe(true);
    expect(view.durable.term).toBeGreaterThan(term);
  });

  it('runs Production Raft: a get is served without a log entry (§6.4), leadership moves on request (§3.10)', async () => {
    const e = engine();
    e.setFeatures({ noopOnElection: true, preVote: true, checkQuorum: true, leadershipTransfer: true, readIndex: true, leaseReads: true });
    expect(e.getConfig().features).toMatchObject({ readIndex: true, leadershipTransfer: true });
    e.advance(3000);
    const leader = leaderOf(e);
    const put = await e.propose(leader, { op: 'put', key: 'x', value: '1' });
    e.advance(500);
    expect(await put.outcome).toMatchObject({ ok: true });
    const lastIndex = e.getState().nodes[leader]!.log.lastIndex;
    const get = await e.propose(leader, { op: 'get', key: 'x' }, { read: true });
    expect(get).toMatchObject({ placed: null, read: true });
    e.advance(500);
    expect(await get.outcome).toMatchObject({ ok: true, result: { succ: true, value: '1' } });
    expect(e.getState().nodes[leader]!.log.lastIndex).toBe(lastIndex);

    const target = (leader + 1) % 5;
    e.transferLeadership(leader, target);
    e.advance(1000);
    expect(leaderOf(e)).toBe(target);
    const events: RaftEvent[] = [];
    e.subscribeEvents((_, list) => events.push(...list));
    e.transferLeadership(leader, target); // no longer the leader: refused, and said so
    expect(events.some((event) => event.kind === 'transferRefused')).toBe(true);
  });
});
