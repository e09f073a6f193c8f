import type { CoreState } from './state';
import { configEntry, type Membership, type NodeId } from './types';
import { describeMembership, isLearner, isVoter, withId, without } from './membership';

/**
 * Membership change, one server at a time (thesis §4.1–§4.4), as rules over the leader's state:
 * a change is a configuration entry, in force on each server as soon as it is in its log; the
 * leader proposes one only when the last has committed and an entry of its own term has too;
 * new servers catch up as learners first and are promoted, at a heartbeat, once a round of
 * catch-up takes less than an election timeout; a leader that removed itself steps down once that
 * commits. Joint consensus (the paper's §6) is the second method: C_old,new, then C_new.
 */

/** What a caller may ask of the leader. */
export type MembershipChange =
  /** A new server joins as a learner (§4.2.1): it receives entries, neither votes nor counts. */
  | { readonly type: 'addLearner'; readonly node: NodeId }
  /** A caught-up learner becomes a voter (§4.2.1). The leader also does this by itself. */
  | { readonly type: 'promote'; readonly node: NodeId }
  /** A voter or learner leaves (§4.1; the leader itself, §4.2.2). */
  | { readonly type: 'remove'; readonly node: NodeId }
  /**
   * Joint consensus (the paper's §6), the second method: replace the voters by `voters` in one
   * change, through C_old,new (majorities of both) then C_new, which the leader appends itself once
   * C_old,new commits. New voters may be learners or new servers (§6 lets them catch up as
   * non-voting members first: add them as learners); old voters left out are removed.
   */
  | { readonly type: 'joint'; readonly voters: readonly NodeId[] };

/**
 * A learner's catch-up (thesis §4.2.1): "each round replicates all the entries present in the
 * leader's log at the start of the round"; when a round took less than an election timeout, the
 * learner is caught up: as close as it gets while entries keep arriving.
 */
export interface CatchUp {
  /** The leader's last index when this round started: the round ends once the learner holds it. */
  roundEnd: number;
  roundStart: number;
  rounds: number;
  caughtUp: boolean;
}

/** "remove node 3", "joint consensus to voters 0,1,4": a change in words. */
export function describeChange(change: MembershipChange): string {
  return change.type === 'joint' ? `joint consensus to voters ${change.voters.join(',')}` : `${change.type} node ${change.node}`;
}

/** Why the leader cannot change membership now, or null if it can (one change at a time, §4.1, §4.4). */
export function changeRefused<C>(core: CoreState<C>): string | null {
  if (core.role !== 'leader') return `node ${core.id} is not the leader`;
  if (core.transferee !== null) return 'the leader is handing over (thesis §3.10)';
  if (core.membershipIndex > core.commitIndex) {
    return `a configuration change is pending: entry ${core.membershipIndex} (${describeMembership(core.membership)}) has not committed; one change at a time (thesis §4.1)`;
  }
  if (core.log.termAt(core.commitIndex) !== core.term && !core.config.bugs.configChangeBeforeTermCommit) {
    return `no entry of term ${core.term} has committed yet: a new leader changes membership only after one has (thesis §4.4)`;
  }
  return null;
}

/** The configuration `change` leads to from `from`, or why it is not a valid request. */
export function nextMembership(from: Membership, change: MembershipChange): Membership | string {
  if (change.type === 'joint') return jointMembership(from, change.voters);
  const node = change.node;
  if (!Number.isSafeInteger(node) || node < 0) return `node ids are non-negative integers (got ${String(node)})`;
  switch (change.type) {
    case 'addLearner':
      if (isVoter(from, node)) return `node ${node} is already a voter`;
      if (isLearner(from, node)) return `node ${node} is already a learner`;
      return { voters: from.voters, learners: withId(from.learners, node) };
    case 'promote':
      if (isVoter(from, node)) return `node ${node} is already a voter`;
      if (!isLearner(from, node)) return `node ${node} is not a member: add it as a learner first (thesis §4.2.1)`;
      return { voters: withId(from.voters, node), learners: without(from.learners, node) };
    case 'remove':
      if (!isVoter(from, node) && !isLearner(from, node)) return `node ${node} is not a member of the cluster`;
      if (from.voters.length === 1 && from.voters[0] === node) return `node ${node} is the last voter: removing it would leave no one to decide`;
      return { voters: without(from.voters, node), learners: without(from.learners, node) };
  }
}

/** C_old,new for replacing `from`'s voters by `voters` (§6), or why not. */
function jointMembership(from: Membership, voters: readonly NodeId[]): Membership | string {
  const bad = voters.find((id) => !Number.isSafeInteger(id) || id < 0);
  if (bad !== undefined) return `node ids are non-negative integers (got ${String(bad)})`;
  const next = [...new Set(voters)].sort((a, b) => a - b);
  if (next.length !== voters.length) return 'the new voters name a node twice';
  if (next.length === 0) return 'the new configuration needs at least one voter';
  if (next.length === from.voters.length && next.every((id, i) => id === from.voters[i])) return 'the new voters are the voters already';
  return { voters: next, learners: from.learners.filter((id) => !next.includes(id)), outgoing: from.voters };
}

/** Propose `change` (the leader): the configuration entry's index, or why not. */
export function proposeChange<C>(core: CoreState<C>, change: MembershipChange): number | string {
  const refused = changeRefused(core);
  if (refused !== null) return refused;
  if (core.membership.outgoing) return 'a joint-consensus change is in progress';
  const next = nextMembership(core.membership, change);
  if (typeof next === 'string') return next;
  if (change.type === 'promote') {
    const round = core.catchUp.get(change.node);
    if (!round?.caughtUp) return `node ${change.node} has not caught up yet: a learner is promoted once a round of catch-up takes less than an election timeout (thesis §4.2.1)`;
  }
  const what = change.type === 'joint' ? `joint consensus to voters ${next.voters.join(',')}: C_old,new first (§6)` : `${change.type} node ${change.node}`;
  return appendMembership(core, next, what);
}

function appendMembership<C>(core: CoreState<C>, membership: Membership, what: string): number {
  const index = core.appendEntry(configEntry(core.term, membership));
  core.trace('membershipChanged', `${what}: configuration entry at ${index} (${describeMembership(membership)}), in force at once, before it commits (thesis §4.1)`, { index });
  return index;
}

/**
 * The leader's commit index moved. Once the configuration that removed it has committed, a
 * leader that is no longer a voter steps down (§4.2.2).
 */
export function membershipCommitted<C>(core: CoreState<C>): void {
  if (core.role !== 'leader' || core.commitIndex < core.membershipIndex) return;
  const { voters, learners, outgoing } = core.membership;
  if (outgoing) {
    // §6: "once C_old,new has been committed … the leader … create[s] a log entry describing C_new".
    appendMembership(core, { voters, learners }, `C_old,new committed at ${core.membershipIndex}: now C_new alone (§6)`);
    return;
  }
  if (core.isVoter) return;
  core.becomeFollower(core.term, null, `the configuration that removed it committed at ${core.membershipIndex}: a removed leader steps down (thesis §4.2.2)`);
}

/**
 * A learner's progress moved (AppendEntries or InstallSnapshot answered): end its catch-up round
 * if it holds the round's last entry — caught up if the round was shorter than an election
 * timeout, else another round starts from the leader's log as it is now.
 */
export function noteLearnerProgress<C>(core: CoreState<C>, peer: NodeId): void {
  if (!isLearner(core.membership, peer)) return;
  const progress = core.progress.get(peer);
  if (!progress) return;
  let round = core.catchUp.get(peer);
  if (!round) {
    round = { roundEnd: core.log.lastIndex, roundStart: core.now, rounds: 1, caughtUp: false };
    core.catchUp.set(peer, round);
  }
  if (round.caughtUp || progress.matchIndex < round.roundEnd) return;
  if (core.now - round.roundStart < core.config.timing.electionTimeoutMinMs) {
    round.caughtUp = true;
    core.trace('learnerCaughtUp', `learner ${peer} holds entries through ${round.roundEnd}; round ${round.rounds} took ${core.now - round.roundStart} ms, under an election timeout: caught up, promoted at the next heartbeat (thesis §4.2.1)`, { peer, index: round.roundEnd });
    return;
  }
  round.rounds += 1;
  round.roundStart = core.now;
  round.roundEnd = core.log.lastIndex;
}

/** Start a learner's first round as the leader begins replicating to it. */
export function startCatchUp<C>(core: CoreState<C>, peer: NodeId): void {
  core.catchUp.set(peer, { roundEnd: core.log.lastIndex, roundStart: core.now, rounds: 1, caughtUp: false });
}

/**
 * Promote one caught-up learner, if a change may be made now. Called at the leader's heartbeat, in
 * a step of its own: a configuration appended in the step that advanced the commit index would
 * hide from a checker which configuration that commit was counted in.
 */
export function promoteCaughtUp<C>(core: CoreState<C>): void {
  for (const [peer, round] of core.catchUp) {
    if (!round.caughtUp || !isLearner(core.membership, peer) || changeRefused(core) !== null) continue;
    proposeChange(core, { type: 'promote', node: peer });
    return;
  }
}
