import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { KvStateMachine } from '../kv/machine';
import type { KvCommand, KvResult } from '../kv/types';
import type { ProposalOutcome } from '../raft/node';
import { Prng } from '../raft/prng';
import { kvCodec } from '../kv/codec';
import { PRODUCTION_FEATURES, type ConfigOverrides } from '../raft/config';
import { IdbNodeStorage } from './idb-storage';
import { NodeHost } from './node-host';
import { initialNetwork, setIsolated, type NetworkConfig } from './network';
import { FakeEnv } from './test-support';

/**
 * Three NodeHosts in one thread, over (fake) IndexedDB, with messages carried by a queue and time
 * moved by hand: the worker runtime minus the threads. Restart builds a new host over the same
 * database, as a new worker would. Reference: §5.2 election, §5.3 replication, Figure 2 persistence.
 */
class MiniCluster {
  time = 0;
  readonly hosts: (NodeHost<KvCommand, KvResult> | null)[] = [];
  readonly envs: FakeEnv<KvCommand>[] = [];
  readonly outcomes = new Map<number, ProposalOutcome<unknown>>();
  network: NetworkConfig;
  private readonly seeds = new Prng(11);
  private incarnations = 0;

  constructor(readonly size: number, readonly prefix: string, readonly raft: ConfigOverrides = {}) {
    this.network = initialNetwork(size);
  }

  async start(id: number): Promise<void> {
    const env = new FakeEnv<KvCommand>(new IdbNodeStorage<KvCommand>(`${this.prefix}-${id}`, kvCodec));
    env.time = this.time;
    env.recording.outcome = (requestId, outcome) => { this.outcomes.set(requestId, outcome); };
    const host = new NodeHost<KvCommand, KvResult>({
      id, members: [...Array(this.size).keys()], incarnation: ++this.incarnations, seed: this.seeds.fork(), machine: 'kv', raft: this.raft, network: this.network,
    }, env);
    this.envs[id] = env;
    this.hosts[id] = host;
    await host.start();
  }

  crash(id: number): void {
    this.hosts[id] = null; // the worker is gone: memory, timers and unfinished work with it
  }

  setNetwork(network: NetworkConfig): void {
    this.network = network;
    for (const host of this.hosts) host?.setNetwork(network);
  }

  /** Run until virtual time `until`: deliver posted messages, let writes finish, fire due timers. */
  async runFor(ms: number): Promise<void> {
    const until = this.time + ms;
    for (;;) {
      await this.quiesce();
      const live = this.hosts.map((h, i) => (h ? i : -1)).filter((i) => i >= 0);
      const next = Math.min(...live.map((i) => this.envs[i]!.wakeTarget));
      if (next > until) break;
      this.setTime(Math.max(this.time, next));
      for (const i of live) if (this.envs[i]!.wakeTarget <= this.time) this.hosts[i]?.wake();
    }
    this.setTime(until);
  }

  leader(): number {
    const leaders = this.hosts.flatMap((h, i) => (h?.view().role === 'leader' ? [i] : []));
    expect(leaders).toHaveLength(1);
    return leaders[0]!;
  }

  machine(id: number): KvStateMachine {
    return this.hosts[id]!.machine as KvStateMachine;
  }

  private setTime(t: number): void {
    this.time = t;
    for (const env of this.envs) if (env) env.time = t;
  }

  /** Carry every posted message and wait for every IndexedDB transaction, until nothing moves. */
  private async quiesce(): Promise<void> {
    for (let round = 0; round < 10_000; round++) {
      let moved = false;
      this.envs.forEach((env, from) => {
        for (const { to, wire } of env.posted.splice(0)) {
          moved = true;
          if (this.hosts[from]) this.hosts[to]?.onWire(from, wire);
        }
      });
      const writing = this.hosts.some((h) => h?.writeInFlight);
      if (!moved && !writing) return;
      if (writing) await new Promise((resolve) => setImmediate(resolve));
    }
    throw new Error('the cluster never went quiet');
  }
}

const put = (i: number): KvCommand => ({ op: 'put', key: `k${i}`, value: `v${i}` });

describe('node hosts over IndexedDB', () => {
  it('elect a leader, commit, and a crashed node restores its log from IndexedDB and catches up', async () => {
    const cluster = new MiniCluster(3, 'mini-a');
    for (let i = 0; i < 3; i++) await cluster.start(i);
    await cluster.runFor(2000);
    const leader = cluster.leader();
    const follower = (leader + 1) % 3;

    cluster.hosts[leader]!.propose(Array.from({ length: 20 }, (_, i) => ({ requestId: i + 1, command: put(i) })));
    await cluster.runFor(500);
    expect([...cluster.outcomes.values()].every((o) => o.ok)).toBe(true);
    expect(cluster.outcomes.size).toBe(20);

    cluster.crash(follower);
    cluster.hosts[leader]!.propose([{ requestId: 21, command: put(20) }]);
    await cluster.runFor(500);
    expect(cluster.outcomes.get(21)?.ok).toBe(true); // 2 of 3 is a majority

    await cluster.start(follower);
    // Restored from its store before hearing from anyone: the 20 entries it had acknowledged.
    expect(cluster.hosts[follower]!.view().durable.lastIndex).toBe(20);
    expect(cluster.hosts[follower]!.view().commitIndex).toBe(0); // commitIndex is volatile (Figure 2)
    await cluster.runFor(1000);
    expect(cluster.hosts[follower]!.view()).toMatchObject({ commitIndex: 21, lastApplied: 21, durable: { lastIndex: 21 } });
    expect(cluster.machine(follower).get('k20')).toBe('v20');
  });

  it('an isolated minority cannot commit; after healing its log converges on the majority\'s', async () => {
    const cluster = new MiniCluster(3, 'mini-b');
    for (let i = 0; i < 3; i++) await cluster.start(i);
    await cluster.runFor(2000);
    const oldLeader = cluster.leader();
    cluster.setNetwork(setIsolated(cluster.network, oldLeader, true));
    cluster.hosts[oldLeader]!.propose([{ requestId: 1, command: put(1) }]);
    await cluster.runFor(2000);
    expect(cluster.outcomes.has(1)).toBe(false);
    expect(cluster.hosts[oldLeader]!.view().commitIndex).toBe(0);

    const newLeader = cluster.hosts.findIndex((h, i) => i !== oldLeader && h!.view().role === 'leader');
    expect(newLeader).not.toBe(-1);
    cluster.hosts[newLeader]!.propose([{ requestId: 2, command: put(2) }]);
    await cluster.runFor(500);
    expect(cluster.outcomes.get(2)?.ok).toBe(true);

    cluster.setNetwork(setIsolated(cluster.network, oldLeader, false));
    await cluster.runFor(2000);
    // §5.3: the old leader's uncommitted entry is overwritten; it reports the loss to its proposer.
    expect(cluster.outcomes.get(1)).toMatchObject({ ok: false });
    const logs = cluster.hosts.map((h) => h!.view().log.window.map((e) => `${e.term}:${e.command}`));
    expect(logs[0]).toEqual(logs[1]);
    expect(logs[1]).toEqual(logs[2]);
    expect(cluster.machine(oldLeader).get('k2')).toBe('v2');
    expect(cluster.machine(oldLeader).get('k1')).toBeUndefined();
  });
});

describe('node hosts with Production Raft', () => {
  it('thesis §6.4: a get offered as a read is answered without a log entry, by ReadIndex or the lease; a put still goes through the log', async () => {
    const cluster = new MiniCluster(3, 'mini-prod-read', { features: PRODUCTION_FEATURES });
    for (let i = 0; i < 3; i++) await cluster.start(i);
    await cluster.runFor(2000);
    const leader = cluster.hosts[cluster.leader()]!;
    expect(leader.view().log.window.map((e) => e.kind ?? 'command')).toEqual(['noop']); // §8
    leader.propose([{ requestId: 1, command: put(1) }]);
    await cluster.runFor(300);
    const before = leader.view().log.lastIndex;
    const [placed] = leader.propose([{ requestId: 2, command: { op: 'get', key: 'k1' }, read: true }]);
    expect(placed).toMatchObject({ placed: null, read: true });
    await cluster.runFor(300);
    expect(cluster.outcomes.get(2)).toMatchObject({ ok: true, result: { succ: true, value: 'v1' } });
    expect(['readIndex', 'lease']).toContain((cluster.outcomes.get(2) as { servedBy?: string }).servedBy);
    expect(leader.view().log.lastIndex).toBe(before);
  });

  it('thesis §3.10: transferLeadership hands leadership to the chosen node; a follower refuses, saying why', async () => {
    const cluster = new MiniCluster(3, 'mini-prod-transfer', { features: PRODUCTION_FEATURES });
    for (let i = 0; i < 3; i++) await cluster.start(i);
    await cluster.runFor(2000);
    const from = cluster.leader();
    const to = (from + 1) % 3;
    expect(cluster.hosts[to]!.transferLeadership(from)).toMatch(/is not the leader/);
    expect(cluster.hosts[from]!.transferLeadership(to)).toBeNull();
    await cluster.runFor(500);
    expect(cluster.leader()).toBe(to);
  });
});
