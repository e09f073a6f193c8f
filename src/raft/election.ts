import type { CoreState } from './state';
import type { RequestVote, RequestVoteReply } from './messages';
import { MAX_TERM } from './config';
import { inLeaderLease } from './lease';
import { newHeartbeatRound } from './reads';
import { abstains } from './recovery';
import { hasQuorum, isVoter } from './membership';
import { startCatchUp } from './reconfig';
import { broadcastAppend } from './replication';

/**
 * Leader election, §5.2 and §5.4.1, as short guarded rules over the core's state.
 */

/** The election timer fired: stand for election — first as a pre-candidate if PreVote is on (thesis §9.6). */
export function campaign<C>(core: CoreState<C>): void {
  if (abstains(core)) {
    core.resetElectionTimer();
    core.trace('recovering', 'election timeout, but this node lost its storage and has not caught up: it does not campaign (storage-fault recovery)');
    return;
  }
  if (!core.mayCampaign) {
    core.resetElectionTimer();
    core.trace('staleMessage', `election timeout, but node ${core.id} is no voter in its configuration (thesis §4.1, §4.2.1): it does not campaign`);
    return;
  }
  if (core.term >= MAX_TERM) {
    core.resetElectionTimer();
    core.trace('staleMessage', `election timeout at term ${core.term}, the last usable term: no more elections`);
    return;
  }
  if (core.config.features.preVote) startPreVote(core);
  else startElection(core);
}

/**
 * Thesis §9.6, PreVote: ask every peer whether it would vote for us in term + 1, changing no term
 * and no vote. Only a majority of yeses starts a real election, so a node that cannot win — one
 * cut off from the cluster, or behind it — never raises the term and deposes a working leader.
 */
function startPreVote<C>(core: CoreState<C>): void {
  if (core.config.bugs.preVoteBumpsTerm) {
    core.setTerm(core.term + 1); // the bug: what a real candidate does, and a pre-candidate must not
  }
  core.preCandidate = true;
  core.leaderId = null;
  core.votes = new Set([core.id]);
  core.voteAnswers = new Set();
  core.progress.clear();
  const t = core.config.timing;
  core.electionDeadline = core.now + core.prng.between(t.candidateTimeoutMinMs, t.candidateTimeoutMaxMs);
  core.trace('becamePreCandidate', `no word from a leader within the election timeout: ask whether it could win term ${core.term + 1} before raising its term (PreVote, thesis §9.6)`);
  if (hasQuorum(core.membership, core.votes)) return startElection(core);
  requestVotes(core);
}

/**
 * Figure 2 "Candidates": on conversion, increment currentTerm, vote for self, reset the timer, ask
 * everyone. A transfer's candidacy (thesis §3.10) says so, so voters skip their §4.2.3 lease.
 */
export function startElection<C>(core: CoreState<C>, options: { transfer?: boolean } = {}): void {
  core.preCandidate = false;
  core.transferCampaign = options.transfer === true;
  core.setTerm(core.term + 1);
  core.role = 'candidate';
  core.leaderId = null;
  core.recordVote(core.id);
  core.votes = new Set([core.id]);
  core.progress.clear();
  const t = core.config.timing;
  core.electionDeadline = core.now + core.prng.between(t.candidateTimeoutMinMs, t.candidateTimeoutMaxMs);
  if (core.transferCampaign) {
    core.trace('becameCandidate', `the leader handed over (TimeoutNow): start election for term ${core.term} at once (thesis §3.10)`, { cause: 'transfer' });
  } else {
    core.trace('becameCandidate', `no word from a leader within the election timeout: start election for term ${core.term} (§5.2)`);
  }
  if (hasQuorum(core.membership, core.votes)) return becomeLeader(core);
  core.voteAnswers = new Set();
  requestVotes(core);
}

/**
 * Ask every peer that has not answered yet. §5.1: "servers retry RPCs if they do not receive a
 * response in a timely manner", so a lost request does not waste the whole election.
 */
export function requestVotes<C>(core: CoreState<C>): void {
  for (const peer of core.peers) {
    // Only voters' votes count (thesis §4.1); learners are not asked (§4.2.1).
    if (core.voteAnswers.has(peer) || !isVoter(core.membership, peer)) continue;
    core.send({
      type: 'RequestVote', from: core.id, to: peer, term: core.preCandidate ? core.term + 1 : core.term,
      lastLogIndex: core.log.lastIndex, lastLogTerm: core.log.lastTerm, ...(core.preCandidate ? { preVote: true } : {}),
      ...(core.transferCampaign && !core.preCandidate ? { transfer: true } : {}),
    });
  }
  core.heartbeatDeadline = core.now + core.config.timing.heartbeatMs;
}

/** §5.4.1: the candidate's log is at least as up to date as ours (last term, then length). */
export function isUpToDate(lastLogTerm: number, lastLogIndex: number, myLastTerm: number, myLastIndex: number): boolean {
  return lastLogTerm > myLastTerm || (lastLogTerm === myLastTerm && lastLogIndex >= myLastIndex);
}

/** Figure 2, RequestVote receiver implementation. */
export function handleRequestVote<C>(core: CoreState<C>, request: RequestVote): void {
  if (request.preVote) return handlePreVote(core, request);
  const reply = (voteGranted: boolean, why: string): void => {
    core.trace(voteGranted ? 'voteGranted' : 'voteRejected', why, { peer: request.from });
    core.send({ type: 'RequestVoteReply', from: core.id, to: request.from, term: core.term, voteGranted });
  };
  if (request.term < core.term) {
    return reply(false, `reject node ${request.from}: its term ${request.term} is older than ours (Figure 2, RequestVote 1)`);
  }
  if (abstains(core)) {
    return reply(false, `reject node ${request.from}: this node lost its storage and may have acknowledged entries it no longer holds; it votes again once caught up (storage-fault recovery)`);
  }
  if (core.votedFor !== null && core.votedFor !== request.from) {
    return reply(false, `reject node ${request.from}: already voted for node ${core.votedFor} in term ${core.term} (Figure 2, RequestVote 2)`);
  }
  if (!core.config.bugs.grantVoteWithoutUpToDate && !isUpToDate(request.lastLogTerm, request.lastLogIndex, core.log.lastTerm, core.log.lastIndex)) {
    return reply(false, `reject node ${request.from}: its log (last ${request.lastLogIndex}/t${request.lastLogTerm}) is behind ours (last ${core.log.lastIndex}/t${core.log.lastTerm}) (§5.4.1)`);
  }
  // The vote must be durable before the reply leaves: the driver persists the Ready first.
  core.recordVote(request.from);
  core.resetElectionTimer();
  reply(true, `grant node ${request.from}: no other vote this term and its log is at least as up to date (§5.4.1)`);
}

/**
 * Thesis §9.6: grant a pre-vote to a node that could win — its term ahead of ours, its log at least
 * as up to date (§5.4.1) — unless we hear from a current leader (§4.2.3): then there is no election
 * to win. Nothing changes here: no term, no vote, no timer.
 */
function handlePreVote<C>(core: CoreState<C>, request: RequestVote): void {
  const reply = (voteGranted: boolean, why: string): void => {
    core.trace(voteGranted ? 'voteGranted' : 'voteRejected', why, { peer: request.from, preVote: true });
    core.send({ type: 'RequestVoteReply', from: core.id, to: request.from, term: voteGranted ? request.term : core.term, voteGranted, preVote: true });
  };
  if (request.term <= core.term) return reply(false, `refuse pre-vote to node ${request.from}: term ${request.term} is not ahead of ours (${core.term}) (thesis §9.6)`);
  if (abstains(core)) return reply(false, `refuse pre-vote to node ${request.from}: this node lost its storage and has not caught up (storage-fault recovery)`);
  if (inLeaderLease(core)) return reply(false, `refuse pre-vote to node ${request.from}: a current leader was heard from within the minimum election timeout (thesis §9.6, §4.2.3)`);
  if (!isUpToDate(request.lastLogTerm, request.lastLogIndex, core.log.lastTerm, core.log.lastIndex)) {
    return reply(false, `refuse pre-vote to node ${request.from}: its log (last ${request.lastLogIndex}/t${request.lastLogTerm}) is behind ours (§5.4.1, thesis §9.6)`);
  }
  reply(true, `grant pre-vote to node ${request.from} for term ${request.term}: no leader heard from lately and its log is up to date; nothing changes here (thesis §9.6)`);
}

/** Figure 2 "Candidates": votes from a majority of servers → become leader. */
export function handleVoteReply<C>(core: CoreState<C>, reply: RequestVoteReply): void {
  if (reply.preVote) return handlePreVoteReply(core, reply);
  if (core.role !== 'candidate' || reply.term !== core.term) return;
  core.voteAnswers.add(reply.from);
  if (!reply.voteGranted) return;
  core.votes.add(reply.from);
  core.trace('voteReceived', `vote from node ${reply.from}: ${core.votes.size} of ${core.quorum} needed`, { peer: reply.from });
  if (hasQuorum(core.membership, core.votes)) becomeLeader(core);
}

/** Thesis §9.6: yeses from a majority (ourselves included) → start the real election. */
function handlePreVoteReply<C>(core: CoreState<C>, reply: RequestVoteReply): void {
  if (!core.preCandidate) return;
  core.voteAnswers.add(reply.from);
  if (!reply.voteGranted || reply.term !== core.term + 1) return;
  core.votes.add(reply.from);
  core.trace('voteReceived', `pre-vote from node ${reply.from}: ${core.votes.size} of ${core.quorum} needed`, { peer: reply.from });
  if (hasQuorum(core.membership, core.votes)) startElection(core);
}

/**
 * §5.3: a new leader sets nextIndex past its own log, matchIndex to 0, and asserts itself at once —
 * with a no-op of its term first if that feature is on (§8: "each leader commit a blank no-op entry
 * into the log at the start of its term"; thesis §6.4), so the first AppendEntries carries it.
 */
export function becomeLeader<C>(core: CoreState<C>): void {
  core.role = 'leader';
  core.leaderId = core.id;
  core.progress.clear();
  for (const peer of core.peers) {
    core.progress.set(peer, { nextIndex: core.log.lastIndex + 1, matchIndex: 0, inflight: false });
  }
  core.catchUp = new Map();
  for (const peer of core.peers) if (!isVoter(core.membership, peer)) startCatchUp(core, peer);
  core.heardFrom = new Set();
  core.quorumCheckDeadline = core.now + core.config.timing.electionTimeoutMaxMs;
  core.ackedSeq = new Map();
  newHeartbeatRound(core);
  core.trace('becameLeader', `votes from a majority (${core.votes.size} of ${core.clusterSize}) in term ${core.term} (§5.2)`);
  if (core.config.features.noopOnElection) appendNoop(core);
  broadcastAppend(core);
  core.heartbeatDeadline = core.now + core.config.timing.heartbeatMs;
  core.advanceCommit();
}

/**
 * §8, thesis §6.4: the no-op of the leader's term. Entries of earlier terms never commit by counting
 * replicas (§5.4.2); they commit with this one, as soon as a majority holds it.
 */
function appendNoop<C>(core: CoreState<C>): void {
  const index = core.appendEntry({ kind: 'noop', term: core.term });
  core.trace('noopAppended', `append a no-op at ${index} in term ${core.term}: once a majority holds it, it commits every earlier entry with it (§8, §5.4.2; thesis §6.4)`, { index });
}
