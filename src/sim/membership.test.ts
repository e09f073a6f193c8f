import { describe, expect, it } from 'vitest';
import { makeConfig, type RaftFeatures } from '../raft/config';
import { describeChange, type MembershipChange, type MembershipOutcome } from '../raft/core';
import type { NodeId } from '../raft/types';
import type { KvCommand, KvResult } from '../kv/types';
import { createGroup, type Group } from './harness';

/**
 * Membership change in the simulator (thesis §4): servers added with fresh storage and new ids,
 * promoted once caught up, removed — the leader too — and shut down; the changed membership
 * survives restarts and snapshots. Each test names its seed: a failure replays exactly.
 */

type G = Group<KvCommand, KvResult>;

function leaderOf(g: G): NodeId {
  const leader = g.cluster.members.find((id) => g.cluster.node(id).isLeader());
  if (leader === undefined) throw new Error(`no leader at t=${g.now} (seed ${g.seed})`);
  return leader;
}

function change(g: G, node: NodeId, request: MembershipChange): void {
  let outcome: MembershipOutcome | undefined;
  g.cluster.input(node, (n) => { outcome = n.changeMembership(g.now, request); });
  if (!outcome!.ok) throw new Error(`${describeChange(request)} refused by node ${node} (seed ${g.seed}): ${outcome!.reason}`);
}

/** Wait (virtual time) until `done` holds, or fail with `what` and the seed. */
async function until(g: G, what: string, done: () => boolean, withinMs = 3000): Promise<void> {
  for (const deadline = g.now + withinMs; !done(); await g.sleep(10)) {
    if (g.now >= deadline) throw new Error(`${what}: not within ${withinMs} ms (seed ${g.seed})`);
  }
}

/** Put through the current leader and wait until it is applied there; the index it took. */
async function put(g: G, value: number): Promise<number> {
  await until(g, 'a leader', () => g.cluster.members.some((id) => g.cluster.node(id).isLeader()));
  const submitted = g.node(leaderOf(g)).submitNow({ op: 'put', key: 'k', value: String(value) });
  const outcome = await submitted!.outcome(3000);
  if (!outcome?.ok) throw new Error(`put ${value} failed (seed ${g.seed}): ${outcome ? outcome.reason : 'no answer'}`);
  return outcome.index;
}

/** How many of `nodes` have committed `index`. */
function committedOn(g: G, index: number, nodes: readonly NodeId[] = g.cluster.members): number {
  return nodes.filter((id) => g.cluster.node(id).core.commitIndex >= index).length;
}

async function clusterOf3(seed: number, features: Partial<RaftFeatures> = {}): Promise<G> {
  const g = createGroup({ nodes: 3, seed, machine: 'kv', config: makeConfig({ features }) });
  await g.checkExactlyOneLeader();
  for (let value = 1; value <= 5; value++) await put(g, value); // an entry of the leader's term commits (§4.4)
  return g;
}

describe('membership change in the simulator (thesis §4)', () => {
  it('grows 3 → 5: each new server (ids 3, 4) joins as a learner, is promoted once caught up, and then counts', async () => {
    const g = await clusterOf3(21);
    for (const expected of [3, 4]) {
      const id = g.cluster.addNode();
      expect(id).toBe(expected);
      change(g, leaderOf(g), { type: 'addLearner', node: id });
      await until(g, `node ${id} promoted`, () => g.cluster.node(leaderOf(g)).core.committedMembership.voters.includes(id));
      expect(g.cluster.node(id).core.log.lastIndex).toBe(g.cluster.node(leaderOf(g)).core.log.lastIndex);
    }
    expect(g.cluster.node(leaderOf(g)).core.membership).toEqual({ voters: [0, 1, 2, 3, 4], learners: [] });
    // Two nodes down of five: three still commit; a third down and nothing does (a majority of 5 is 3).
    const others = g.cluster.members.filter((id) => id !== leaderOf(g));
    g.disable(others[0]!);
    g.disable(others[1]!);
    const index = await put(g, 6);
    await until(g, 'three of five commit', () => committedOn(g, index, [leaderOf(g), others[2]!, others[3]!]) === 3);
    g.disable(others[2]!);
    const placed = g.node(leaderOf(g)).submitNow({ op: 'put', key: 'k', value: '7' })!;
    await g.sleep(2000);
    expect(committedOn(g, placed.index)).toBe(0);
  });

  it('§4.2.2: a removed leader steps down once its removal commits; the others elect a leader and go on; it is shut down', async () => {
    const g = await clusterOf3(22);
    const old = leaderOf(g);
    change(g, old, { type: 'remove', node: old });
    await until(g, 'the old leader steps down', () => !g.cluster.node(old).isLeader());
    g.cluster.retire(old);
    expect(g.cluster.members).toEqual([0, 1, 2].filter((id) => id !== old));
    await until(g, 'a new leader', () => g.cluster.members.some((id) => g.cluster.node(id).isLeader()));
    const next = leaderOf(g);
    expect(g.cluster.node(next).core.membership.voters).toEqual([0, 1, 2].filter((id) => id !== old));
    const index = await put(g, 6);
    await until(g, 'both remaining commit', () => committedOn(g, index) === 2);
    g.cluster.restart(old); // a removed server stays down
    expect(g.cluster.node(old).isStopped()).toBe(true);
  });

  it('Figure 13: a restart, from the log or from a snapshot, keeps the changed membership', async () => {
    const g = await clusterOf3(23);
    const id = g.cluster.addNode();
    change(g, leaderOf(g), { type: 'addLearner', node: id });
    await until(g, 'promoted', () => g.cluster.node(leaderOf(g)).core.committedMembership.voters.includes(id));
    const gone = [0, 1, 2].find((n) => n !== leaderOf(g))!;
    change(g, leaderOf(g), { type: 'remove', node: gone });
    g.cluster.retire(gone);
    const index = await put(g, 6);
    await until(g, 'all commit', () => committedOn(g, index) === 3);
    const expected = g.cluster.node(leaderOf(g)).core.membership;
    expect(expected.voters).toEqual([0, 1, 2, id].filter((n) => n !== gone));
    for (const node of g.cluster.members) await g.node(node).saveSnapshot();
    for (const node of g.cluster.members) {
      g.cluster.restart(node);
      expect(g.cluster.node(node).core.membership, `node ${node}`).toEqual(expected);
    }
    expect(g.cluster.storages[id]!.load().snapshot?.membership).toEqual(expected);
  });

  for (const production of [true, false]) {
    it(`§4.2.3: a removed server that never heard of its removal ${production ? 'cannot disrupt the cluster with PreVote and CheckQuorum' : 'deposes leaders again and again without PreVote and CheckQuorum'}`, async () => {
      const g = await clusterOf3(24, production ? { preVote: true, checkQuorum: true } : {});
      const leader = leaderOf(g);
      const removed = [0, 1, 2].find((n) => n !== leader)!;
      g.cluster.network.setLinkCut(leader, removed, true); // it never gets the entry that removes it
      change(g, leader, { type: 'remove', node: removed });
      await put(g, 6);
      const term = g.cluster.node(leader).term();
      await g.sleep(5000); // its election timer fires again and again
      if (production) {
        expect(g.cluster.node(leader).isLeader()).toBe(true);
        expect(g.cluster.node(leader).term()).toBe(term);
      } else {
        expect(Math.max(...g.cluster.members.map((n) => g.cluster.node(n).term()))).toBeGreaterThan(term + 1);
      }
      expect(g.cluster.node(removed).core.membership.voters).toContain(removed); // it still believes it votes
    });
  }
});
