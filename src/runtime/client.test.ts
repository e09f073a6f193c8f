import { describe, expect, it } from 'vitest';
import type { KvCommand, KvResult } from '../kv/types';
import type { ProposalOutcome } from '../raft/node';
import { DEFAULT_TIMING } from '../raft/config';
import type { NodeId } from '../raft/types';
import { NO_RUNTIME_BUGS } from './bugs';
import { KvClient, KvClientError, type ClientTimers, type ProposalTarget } from './client';
import type { ClusterState } from './cluster';
import { initialNetwork } from './network';
import type { NodeView } from './protocol';
import type { Proposal } from './requests';

/** The KV client: find the leader, retry on a new one with the same session (thesis §6.3), time out clearly. */

function view(id: NodeId, role: NodeView['role'], term: number): NodeView {
  return { id, role, term, status: 'running' } as NodeView;
}

function stateWith(...nodes: NodeView[]): ClusterState {
  return { namespace: 't', size: nodes.length, machine: 'kv', nodes, network: initialNetwork(nodes.length), clock: { anchorWallMs: 0, anchorVirtualMs: 0, speed: 1, paused: false }, config: { timing: DEFAULT_TIMING, bugs: NO_RUNTIME_BUGS, autoCompactEntries: null } };
}

/** Time moves only when the client sleeps. */
function fakeTimers(): ClientTimers & { time: number } {
  const timers = { time: 0, now: () => timers.time, sleep: async (ms: number) => { timers.time += ms; } };
  return timers;
}

class FakeCluster implements ProposalTarget {
  state = stateWith(view(0, 'leader', 1), view(1, 'follower', 1), view(2, 'follower', 1));
  readonly offers: { node: NodeId; command: KvCommand }[] = [];
  answer: (node: NodeId, command: KvCommand) => Omit<Proposal<unknown>, 'node'> = () => ({ placed: null, leaderHint: null, outcome: null });

  getState(): ClusterState {
    return this.state;
  }

  async propose<R>(node: NodeId, command: unknown): Promise<Proposal<R>> {
    this.offers.push({ node, command: command as KvCommand });
    return { node, ...this.answer(node, command as KvCommand) } as Proposal<R>;
  }
}

const ok = (result: KvResult): Promise<ProposalOutcome<unknown>> => Promise.resolve({ ok: true, index: 1, term: 1, result });

describe('KvClient', () => {
  it('follows a refusal\'s leader hint and resends the same session', async () => {
    const cluster = new FakeCluster();
    cluster.answer = (node) => node === 0
      ? { placed: null, leaderHint: 2, outcome: null }
      : { placed: { term: 2, index: 5 }, leaderHint: 2, outcome: ok({ succ: true, key: 'a', value: '1' }) };
    const client = new KvClient(cluster, fakeTimers(), 'c');

    await expect(client.put('a', '1')).resolves.toEqual({ succ: true, key: 'a', value: '1' });
    expect(cluster.offers.map((o) => o.node)).toEqual([0, 2]);
    expect(cluster.offers[0]!.command.session).toEqual({ client: 'c.0', seq: 1 });
    expect(cluster.offers[1]!.command.session).toEqual(cluster.offers[0]!.command.session);
  });

  it('retries on the new leader when the old one loses the entry', async () => {
    const cluster = new FakeCluster();
    cluster.answer = (node) => node === 0
      ? { placed: { term: 1, index: 3 }, leaderHint: 0, outcome: Promise.resolve({ ok: false, index: 3, term: 1, reason: 'leadership lost' }) }
      : { placed: { term: 2, index: 3 }, leaderHint: 1, outcome: ok({ succ: true, key: 'a', value: '1' }) };
    const client = new KvClient(cluster, fakeTimers(), 'c');
    const result = client.put('a', '1');
    cluster.state = stateWith(view(0, 'leader', 1), view(1, 'leader', 2), view(2, 'follower', 2));
    await expect(result).resolves.toMatchObject({ succ: true });
    expect(cluster.offers.map((o) => o.node)).toEqual([0, 1]);
  });

  it('gives each command in flight its own session lane, and reuses lanes once settled', async () => {
    const cluster = new FakeCluster();
    cluster.answer = () => ({ placed: { term: 1, index: 1 }, leaderHint: 0, outcome: ok({ succ: true, key: 'k', value: 'v' }) });
    const client = new KvClient(cluster, fakeTimers(), 'c');
    await Promise.all([client.put('a', '1'), client.put('b', '2')]);
    await client.get('a');
    expect(cluster.offers.map((o) => o.command.session)).toEqual([
      { client: 'c.0', seq: 1 }, { client: 'c.1', seq: 1 }, { client: 'c.1', seq: 2 },
    ]);
  });

  it('rejects with a time-out when no leader answers, and at once on an invalid command', async () => {
    const cluster = new FakeCluster();
    cluster.state = stateWith(view(0, 'follower', 3), view(1, 'candidate', 3), view(2, 'follower', 3));
    const client = new KvClient(cluster, fakeTimers(), 'c');
    const failure = await client.get('a', { timeoutMs: 1000 }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(KvClientError);
    expect(failure).toMatchObject({ code: 'timeout', message: expect.stringMatching(/no result for get a.*no leader/) });
    await expect(client.put('', 'x')).rejects.toMatchObject({ code: 'invalid' });
  });
});
