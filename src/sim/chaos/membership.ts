import type { Prng } from '../../raft/prng';
import { describeChange, type MembershipChange, type MembershipOutcome } from '../../raft/core';
import type { Membership, NodeId } from '../../raft/types';
import { drawFault } from '../../shared/faults';
import type { Group } from '../harness';
import type { Load } from './clients';
import { cutBetween, everyoneBack, impairedNodes, keepsVotingMajority, waitForLeader } from './scenario-kit';

type G = Group<unknown, unknown>;
type Log = (line: string) => void;

/**
 * Membership changes mixed into the fault schedule (`npm run chaos -- --membership [single|joint]`):
 * servers are added (fresh storage, the next unused id) as learners that the leader promotes once
 * caught up, members are removed — the leader too (§4.2.2), broken ones first — and removed
 * servers are shut down some time after their removal commits, as operators do; until then they
 * keep running and must not disrupt (§4.2.3). A scripted race (configRace) gives the single-server
 * bug of thesis §4.4 its chance. With the joint method, voters are replaced instead, up to two in
 * and two out in one change (the paper's §6), new servers among them.
 */
export type MembershipMethod = 'single' | 'joint';
export const MEMBERSHIP_FAULTS = ['add', 'remove', 'promote', 'retire', 'configRace'] as const;
type MembershipFault = typeof MEMBERSHIP_FAULTS[number];
const WEIGHTS: Record<MembershipFault, number> = { add: 5, remove: 4, promote: 1, retire: 2, configRace: 3 };

/** At most this many members (voters and learners); ids handed out in one run are capped too. */
const MAX_MEMBERS = 7;
const MAX_NEW_IDS = 12;

/** What the membership faults did in one run, for the chaos summary. */
export interface MembershipStats {
  proposed: number;
  accepted: number;
  added: number;
  retired: number;
}

export function newMembershipStats(): MembershipStats {
  return { proposed: 0, accepted: 0, added: 0, retired: 0 };
}

export async function membershipFault(g: G, prng: Prng, log: Log, load: Load, stats: MembershipStats, method: MembershipMethod = 'single'): Promise<void> {
  const fault = drawFault(prng, MEMBERSHIP_FAULTS, WEIGHTS)!;
  const leader = currentLeader(g);
  if (fault === 'retire') return retireRemoved(g, log, stats);
  if (leader === undefined) return;
  const membership = g.cluster.node(leader).core.membership;
  const members = [...membership.voters, ...membership.learners];
  if (method === 'joint' && (fault === 'remove' || fault === 'promote')) return replaceVoters(g, prng, log, leader, membership, stats);
  switch (fault) {
    case 'add': {
      if (members.length >= MAX_MEMBERS) return;
      const spare = spares(g).at(0) ?? (g.size < g.cluster.members.length + MAX_NEW_IDS ? addServer(g, log, stats) : undefined);
      if (spare === undefined) return;
      propose(g, leader, { type: 'addLearner', node: spare }, log, stats);
      return;
    }
    case 'remove': {
      // Keep three voters (a learner can always go); a broken server is the one an operator removes first.
      const removable = membership.voters.length > 3 ? members : [...membership.learners];
      const broken = removable.filter((n) => impairedNodes(g).includes(n));
      const pool = broken.length > 0 && prng.chance(0.5) ? broken : removable;
      if (pool.length === 0) return;
      const node = pool[prng.int(pool.length)]!;
      // Storage faults stop at a minority's worth of broken voters (mayImpairOneMore); so do removals.
      if (!keepsVotingMajority(g, membership.voters.filter((n) => n !== node))) return;
      propose(g, leader, { type: 'remove', node }, log, stats);
      return;
    }
    case 'promote': {
      if (membership.learners.length === 0) return;
      propose(g, leader, { type: 'promote', node: membership.learners[prng.int(membership.learners.length)]! }, log, stats);
      return;
    }
    case 'configRace': return configRace(g, prng, log, load, leader, stats);
  }
}

/** §6: one joint change taking up to two voters out and up to two in (learners, or new servers). */
function replaceVoters(g: G, prng: Prng, log: Log, leader: NodeId, membership: Membership, stats: MembershipStats): void {
  const voters = [...membership.voters];
  for (let out = prng.int(3); out > 0 && voters.length > 3; out--) voters.splice(prng.int(voters.length), 1);
  const candidates = [...membership.learners];
  for (let add = prng.int(3); add > 0 && voters.length < MAX_MEMBERS; add--) {
    const next = candidates.shift() ?? spares(g).find((id) => !voters.includes(id)) ?? (g.size < g.cluster.members.length + MAX_NEW_IDS ? addServer(g, log, stats) : undefined);
    if (next !== undefined && !voters.includes(next)) voters.push(next);
  }
  if (!keepsVotingMajority(g, voters)) return;
  propose(g, leader, { type: 'joint', voters }, log, stats);
}

function propose(g: G, leader: NodeId, change: MembershipChange, log: Log, stats: MembershipStats): boolean {
  let outcome: MembershipOutcome | undefined;
  g.cluster.input(leader, (n) => { outcome = n.changeMembership(g.now, change); });
  stats.proposed++;
  if (outcome!.ok) stats.accepted++;
  log(`t=${g.now} leader ${leader}: ${describeChange(change)}: ${outcome!.ok ? `configuration entry at ${outcome!.index}` : `refused: ${outcome!.reason}`}`);
  return outcome!.ok;
}

function addServer(g: G, log: Log, stats: MembershipStats): NodeId {
  const id = g.cluster.addNode();
  stats.added++;
  log(`t=${g.now} new server ${id} started (fresh storage, no configuration)`);
  return id;
}

/** Running servers that no node's configuration names: added, but their addition never took. */
function spares(g: G): NodeId[] {
  const named = new Set<NodeId>();
  for (const id of g.cluster.members) for (const n of everyone(g.cluster.node(id).core.membership)) named.add(n);
  return g.cluster.members.filter((id) => !named.has(id));
}

function everyone(m: Membership): NodeId[] {
  return [...m.voters, ...m.learners, ...(m.outgoing ?? [])];
}

/** The reachable leader of the highest term. */
export function currentLeader(g: G): NodeId | undefined {
  let best: NodeId | undefined;
  for (const id of g.cluster.members) {
    const node = g.cluster.node(id);
    if (g.reachable(id) && node.isLeader() && (best === undefined || node.term() > g.cluster.node(best).term())) best = id;
  }
  return best;
}

/**
 * The configuration known committed: as of the highest commit index any node has (committed
 * entries agree everywhere, State Machine Safety), so no later change can bring back a node it left out.
 */
export function committedMembership(g: G): Membership {
  return mostCommitted(g).committedMembership;
}

function mostCommitted(g: G): G['cluster']['nodes'][number]['core'] {
  let best = g.cluster.node(g.cluster.members[0]!).core;
  for (const id of g.cluster.members) if (g.cluster.node(id).core.commitIndex > best.commitIndex) best = g.cluster.node(id).core;
  return best;
}

/**
 * Shut down every server the committed configuration left out, unless a configuration that may
 * still commit after it names it (one a node holds past the committed one: a pending addition): an
 * operator's clean-up after a removal commits (thesis §4.2.2), and of servers whose addition
 * never took. A removed server's own, stale configuration does not count.
 */
export function retireRemoved(g: G, log: Log, stats?: MembershipStats): void {
  const committed = mostCommitted(g);
  const keep = new Set(everyone(committed.committedMembership));
  for (const id of g.cluster.members) {
    const core = g.cluster.node(id).core;
    if (core.membershipIndex > committed.committedMembershipIndex) for (const n of everyone(core.membership)) keep.add(n);
  }
  for (const id of g.cluster.members) {
    if (keep.has(id)) continue;
    g.cluster.retire(id);
    if (stats) stats.retired++;
    log(`t=${g.now} node ${id} is in no configuration in force: shut down for good`);
  }
}

/** Members of the committed configuration still running: whom liveness and convergence judge. */
export function finalMembers(g: G): NodeId[] {
  const members = new Set(everyone(committedMembership(g)));
  return g.cluster.members.filter((id) => members.has(id));
}

/**
 * Thesis §4.4, the single-server bug, played on purpose. With an even number of voters (4, 6): the
 * leader A is cut off and removes X — an entry nobody else gets; the others elect B, which at once
 * removes Y from a side cut off from it, and commits that with its half. Then A comes back to Y's
 * side alone: A's configuration (without X) and B's (without Y) have majorities that need not meet,
 * so A can win an election without B's committed entry. Correct Raft refuses B's change until an
 * entry of B's term has committed — which its half alone cannot do in the old configuration.
 */
async function configRace(g: G, prng: Prng, log: Log, load: Load, a: NodeId, stats: MembershipStats): Promise<void> {
  const voters = g.cluster.node(a).core.membership.voters;
  if (voters.length < 4 || voters.length % 2 !== 0 || impairedNodes(g).length > 0) return;
  load.quietUntil = g.now + 6000;
  cutBetween(g, [a]);
  const others = voters.filter((n) => n !== a);
  const x = others[prng.int(others.length)]!;
  if (!propose(g, a, { type: 'remove', node: x }, log, stats)) return everyoneBack(g, load, log, 'config race');
  log(`t=${g.now} config race: leader ${a} cut off with its removal of ${x}`);
  const b = await waitForLeader(g, others, 2000);
  if (b === undefined) return everyoneBack(g, load, log, 'config race');
  // B's half: B, X, and others up to half the voters; the other half (with Y) will meet A.
  const half = [b, ...(x !== b ? [x] : [])];
  for (const n of others) if (half.length < voters.length / 2 && !half.includes(n)) half.push(n);
  const rest = others.filter((n) => !half.includes(n));
  cutBetween(g, [a, ...rest]);
  cutBetween(g, half);
  const y = rest[prng.int(rest.length)]!;
  if (propose(g, b, { type: 'remove', node: y }, log, stats)) {
    log(`t=${g.now} config race: leader ${b} of term ${g.cluster.node(b).term()} removes ${y} with {${half.join(',')}}; ${a} meets {${rest.join(',')}}`);
    await g.sleep(300);
    for (const p of rest) for (const q of [a, ...rest]) if (p !== q) { g.cluster.network.setLinkCut(p, q, false); g.cluster.network.setLinkCut(q, p, false); }
    await g.sleep(2500);
  }
  everyoneBack(g, load, log, 'config race');
}
