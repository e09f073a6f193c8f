import type { CoreState } from './state';
import { startElection } from './election';
import type { TimeoutNow } from './messages';
import type { NodeId } from './types';
import { sendAppend } from './replication';
import { isVoter } from './membership';

/**
 * Leadership transfer, thesis §3.10: "1. The prior leader stops accepting new client requests.
 * 2. The prior leader fully updates the target server's log to match its own … 3. The prior leader
 * sends a TimeoutNow request to the target server … If the transfer does not complete within an
 * election timeout, the prior leader aborts the transfer and resumes accepting client requests."
 */

/** Start handing leadership to `target`; null when started, else why not. */
export function transferLeadership<C>(core: CoreState<C>, target: NodeId): string | null {
  if (!core.config.features.leadershipTransfer) return 'leadership transfer is off (a Production Raft feature)';
  if (core.role !== 'leader') return `node ${core.id} is not the leader`;
  if (target === core.id) return `node ${core.id} already leads`;
  if (!core.progress.has(target)) return `node ${target} is not a member of the cluster`;
  if (!isVoter(core.membership, target)) return `node ${target} is a learner: only a voter can lead (thesis §4.2.1)`;
  core.transferee = target;
  core.transferDeadline = core.now + core.config.timing.electionTimeoutMaxMs;
  core.trace('transferStarted', `hand leadership to node ${target}: stop taking proposals, bring it up to date, then tell it to campaign (thesis §3.10)`, { peer: target });
  continueTransfer(core);
  return null;
}

/** Once the target holds the leader's whole log, tell it to time out now; until then, send it what it lacks. */
export function continueTransfer<C>(core: CoreState<C>): void {
  const target = core.transferee;
  if (target === null) return;
  const progress = core.progress.get(target)!;
  if (progress.matchIndex === core.log.lastIndex) {
    core.send({ type: 'TimeoutNow', from: core.id, to: target, term: core.term });
  } else if (!progress.inflight) {
    sendAppend(core, target);
  }
}

/** Within an election timeout or not at all: give up and take proposals again. */
export function abandonTransferIfLate<C>(core: CoreState<C>): void {
  if (core.transferee === null || core.now < core.transferDeadline) return;
  core.trace('transferAbandoned', `node ${core.transferee} did not take over within an election timeout: take proposals again (thesis §3.10)`, { peer: core.transferee });
  core.transferee = null;
}

/** The target: the leader of our term says campaign now — no pre-vote, and voters skip their lease. */
export function handleTimeoutNow<C>(core: CoreState<C>, request: TimeoutNow): void {
  if (request.term !== core.term || core.role === 'leader' || !core.config.features.leadershipTransfer) return;
  if (core.recovering && !core.config.bugs.wipedNodeVotes) return;
  if (!core.mayCampaign) return;
  startElection(core, { transfer: true });
}
