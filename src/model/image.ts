import { RaftCore } from '../raft/core';
import type { NodeId } from '../raft/types';
import type { ModelContext } from './context';
import type { Command, CoreImage } from './types';

/**
 * Copying a RaftCore out to a plain CoreImage and back, through the core's own exportState() and
 * RaftCore.restore(): a rebuilt core is constructed from its image as from storage, then given its
 * volatile state.
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
  return core.exportState();
}

export function rebuildCore(id: NodeId, image: CoreImage, context: ModelContext): RaftCore<Command> {
  const leading = image.role === 'leader' || image.role === 'candidate' || image.preCandidate;
  // Built an election timeout before time 0, the core last heard from a leader then: at time 0 its
  // §4.2.3 lease has lapsed, and it may grant a pre-vote whenever the log allows (thesis §9.6).
  // Abstract, like the timers: a lease that may always have lapsed over-approximates real timing.
  // Only PreVote reads it in the profiles the model runs (CheckQuorum and lease reads are off).
  const built = -context.config.timing.electionTimeoutMinMs;
  return RaftCore.restore({ id, members: context.members, config: context.config, seed: 1, now: built }, image,
    { electionDeadline: ELECTION_AT, heartbeatDeadline: leading ? HEARTBEAT_AT : Infinity });
}
