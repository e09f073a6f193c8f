import type { CoreState } from './state';
import type { Message } from './messages';
import { hasQuorum } from './membership';

/**
 * Leader leases against disruption: CheckQuorum (thesis §6.2) and the vote-request rule of §4.2.3
 * ("if a server receives a RequestVote request within the minimum election timeout of hearing from
 * a current leader, it does not update its term or grant its vote").
 */

/**
 * This node hears from a current leader: it is one, or it heard from one within the minimum
 * election timeout. A node that has just started counts as having heard from one: it may have,
 * before it crashed, and a leader's lease (§6.4.1) may rest on that.
 */
export function inLeaderLease<C>(core: CoreState<C>): boolean {
  if (core.role === 'leader') return true;
  return core.now - core.lastLeaderContact < core.config.timing.electionTimeoutMinMs;
}

/**
 * §4.2.3 with CheckQuorum: a RequestVote that arrives while a current leader is heard from is
 * dropped unread — no term change, no vote, no reply — so a server cut off from the leader cannot
 * depose it. (A pre-vote in the lease is answered with a refusal instead: see election.ts. A
 * transfer's RequestVote is exempt: the leader itself asked for it, thesis §3.10.)
 */
export function ignoresVoteRequest<C>(core: CoreState<C>, message: Message<C>): boolean {
  if (message.type !== 'RequestVote' || message.preVote || message.transfer || !core.config.features.checkQuorum) return false;
  if (message.term <= core.term || !inLeaderLease(core)) return false;
  core.trace('staleMessage', `ignored RequestVote from node ${message.from} for term ${message.term}: a current leader was heard from within the minimum election timeout (§4.2.3)`, { peer: message.from });
  return true;
}

/**
 * Pre-vote traffic carries a term nobody has entered (thesis §9.6): a pre-vote request, or a
 * granted pre-vote, raises no one's term. (A refusal carries the voter's real term and does.)
 */
export function keepsTerm<C>(core: CoreState<C>, message: Message<C>): boolean {
  if (message.type === 'RequestVote') return message.preVote === true;
  if (message.type === 'RequestVoteReply') return message.preVote === true && message.voteGranted;
  return false;
}

/**
 * CheckQuorum (thesis §6.2): once an election timeout, a leader that has not heard from a majority
 * since the last check steps down, so a leader cut off in a minority stops taking writes.
 */
export function checkQuorum<C>(core: CoreState<C>): void {
  const heardFrom = new Set([...core.heardFrom, core.id]);
  const heard = heardFrom.size;
  core.heardFrom = new Set();
  core.quorumCheckDeadline = core.now + core.config.timing.electionTimeoutMaxMs;
  // A majority of the voters in force (thesis §4.1): learners and removed servers do not count.
  if (hasQuorum(core.membership, heardFrom)) return;
  core.becomeFollower(core.term, null, `CheckQuorum: heard from only ${heard} of ${core.clusterSize} servers (itself included) within an election timeout; a majority is ${core.quorum} (thesis §6.2)`, 'checkQuorum');
}
