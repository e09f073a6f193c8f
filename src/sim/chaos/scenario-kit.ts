import type { NodeId } from '../../raft/types';
import type { Group } from '../harness';
import type { Load } from './clients';

/** Small steps the nemesis's scripted scenarios share (figure8.ts, strand.ts, wiped-voter.ts). */

/** A read of a key no client uses: an entry that changes no state the history checker sees. */
export const MARKER = { op: 'get', key: '__nemesis' } as const;

/** The nodes in the cluster: every id handed out but those removed for good (SimCluster.retire). */
export function allNodes(g: Group<unknown, unknown>): NodeId[] {
  return [...g.cluster.members];
}

export function leaderIn(g: Group<unknown, unknown>, nodes: readonly NodeId[]): NodeId | undefined {
  return nodes.find((n) => g.reachable(n) && g.cluster.node(n).isLeader());
}

export async function waitForLeader(g: Group<unknown, unknown>, nodes: readonly NodeId[], withinMs: number): Promise<NodeId | undefined> {
  for (let waited = 0; waited < withinMs; waited += 10) {
    const leader = leaderIn(g, nodes);
    if (leader !== undefined) return leader;
    await g.sleep(10);
  }
  return undefined;
}

/** Propose a marker entry on `node`; its index if `node` leads. */
export function proposeMarker(g: Group<unknown, unknown>, node: NodeId): number | undefined {
  let index: number | undefined;
  g.cluster.input(node, (n) => { index = n.newCommand(g.now, MARKER)?.index; });
  return index;
}

/** Cut every link between `side` and the rest, both ways. */
export function cutBetween(g: Group<unknown, unknown>, side: readonly NodeId[]): void {
  for (const x of allNodes(g)) for (const y of allNodes(g)) if (side.includes(x) !== side.includes(y)) g.cluster.network.setLinkCut(x, y, true);
}

export function healCuts(g: Group<unknown, unknown>): void {
  for (const x of allNodes(g)) for (const y of allNodes(g)) g.cluster.network.setLinkCut(x, y, false);
}

/** Clients may start operations again. */
export function release(load: Load, g: Group<unknown, unknown>): void {
  load.quietUntil = g.now;
}

/** Heal every link, bring every node back on the network, let clients go on. */
export function everyoneBack(g: Group<unknown, unknown>, load: Load, log: (line: string) => void, scenario: string): void {
  healCuts(g);
  for (const n of allNodes(g)) g.enable(n);
  release(load, g);
  log(`t=${g.now} ${scenario}: everyone back`);
}

/** Nodes that cannot vote now or soon: down with a storage error, recovering, or holding a bad record. */
export function impairedNodes(g: Group<unknown, unknown>): NodeId[] {
  return allNodes(g).filter((n) => g.cluster.storageErrors[n] !== null || g.cluster.storages[n]!.corruption !== null || g.cluster.node(n).core.recovering);
}

/**
 * Storage faults stop at a minority's worth of impaired nodes: with more, no majority can vote
 * and the cluster rightly stops (the liveness phase would report that, not a bug).
 */
export function mayImpairOneMore(g: Group<unknown, unknown>): boolean {
  const impaired = impairedNodes(g);
  return voterGroups(g).every((voters) => impaired.filter((n) => voters.includes(n)).length < voters.length - majority(voters));
}

/** A configuration with these voters keeps a majority that can vote, given the impaired nodes now. */
export function keepsVotingMajority(g: Group<unknown, unknown>, voters: readonly NodeId[]): boolean {
  const impaired = impairedNodes(g);
  return impaired.filter((n) => voters.includes(n)).length <= voters.length - majority(voters);
}

function majority(voters: readonly NodeId[]): number {
  return Math.floor(voters.length / 2) + 1;
}

/**
 * Every voter group whose majority an election or a commit may need now (thesis §4.1, §6): those
 * of the newest configuration any node holds and of the latest one known committed — C_old's as
 * well as C_new's during joint consensus. All nodes, in one group, until membership changes.
 */
export function voterGroups(g: Group<unknown, unknown>): (readonly NodeId[])[] {
  const cores = g.cluster.members.map((id) => g.cluster.node(id).core);
  const newest = cores.reduce((a, b) => (b.membershipIndex > a.membershipIndex ? b : a));
  const committed = cores.reduce((a, b) => (b.commitIndex > a.commitIndex ? b : a)).committedMembership;
  return [newest.membership, committed].flatMap((m) => (m.outgoing ? [m.voters, m.outgoing] : [m.voters]));
}
