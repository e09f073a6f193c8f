import { RaftCore } from '../raft/core';
import type { NodeId } from '../raft/types';
import type { ModelContext } from './context';
import type { Command, CoreImage } from './types';

/**
 * Copying a RaftCore out to a plain CoreImage and back. The core is unmodified: a rebuilt core is
 * constructed from its image as from storage, then its volatile fields are set.
 *
 * Timers are abstract. The image keeps no time, deadline or PRNG state; a rebuilt core stands at
 * time 0 with its election timer due at ELECTION_AT and, for a leader or candidate, its heartbeat
 * (or RequestVote retry) due at HEARTBEAT_AT < ELECTION_AT. Firing a timer is tick() at that time,
 * so the search can fire either whenever it likes — an over-approximation of real timing that is
 * sound for safety, as the Raft TLA+ spec's Timeout action is enabled in every state.
 *
 * Heartbeat rounds (`seq`, thesis §6.4) matter only for reads without the log, which the lab
 * profile leaves off; they would count up forever, so the image drops them (see successors.ts).
 */
export const HEARTBEAT_AT = 1;
export const ELECTION_AT = 2;

export function imageOf(core: RaftCore<Command>): CoreImage {
  const log = core.log;
  return {
    term: core.term, votedFor: core.votedFor, recovering: core.recovering, snapshot: core.snapshot,
    entries: log.lastIndex > log.snapshotIndex ? log.slice(log.firstIndex, log.lastIndex + 1) : [],
    snapshotIndex: log.snapshotIndex, snapshotTerm: log.snapshotTerm,
    role: core.role, leaderId: core.leaderId, commitIndex: core.commitIndex, lastApplied: core.lastApplied,
    stableIndex: core.stableIndex, pendingRestore: core.pendingRestore, recoveryTarget: core.recoveryTarget,
    preCandidate: core.preCandidate, transferCampaign: core.transferCampaign,
    votes: [...core.votes].sort(byNumber), voteAnswers: [...core.voteAnswers].sort(byNumber),
    progress: core.role === 'leader'
      ? [...core.progress].sort((a, b) => a[0] - b[0]).map(([peer, p]) => [peer, p.nextIndex, p.matchIndex, p.inflight] as const)
      : [],
  };
}

export function rebuildCore(id: NodeId, image: CoreImage, context: ModelContext): RaftCore<Command> {
  const core = new RaftCore<Command>({
    id, members: context.members, config: context.config, seed: 1, now: 0,
    persisted: { hardState: { term: image.term, votedFor: image.votedFor }, snapshot: image.snapshot, entries: image.entries },
  });
  core.votedFor = image.votedFor; // the constructor forgets it under forgetVoteOnRestart; a live core does not
  core.recovering = image.recovering;
  core.role = image.role;
  core.leaderId = image.leaderId;
  core.commitIndex = image.commitIndex;
  core.lastApplied = image.lastApplied;
  core.stableIndex = image.stableIndex;
  core.pendingRestore = image.pendingRestore;
  core.recoveryTarget = image.recoveryTarget;
  core.preCandidate = image.preCandidate;
  core.transferCampaign = image.transferCampaign;
  core.votes = new Set(image.votes);
  core.voteAnswers = new Set(image.voteAnswers);
  core.progress = new Map(image.progress.map(([peer, nextIndex, matchIndex, inflight]) => [peer, { nextIndex, matchIndex, inflight }]));
  core.electionDeadline = ELECTION_AT;
  core.heartbeatDeadline = image.role === 'leader' || image.role === 'candidate' || image.preCandidate ? HEARTBEAT_AT : Infinity;
  return core;
}

function byNumber(a: number, b: number): number {
  return a - b;
}
