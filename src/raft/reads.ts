import type { CoreState } from './state';
import type { NodeId } from './types';
import { hasQuorum, quorumValue } from './membership';

/**
 * Reads without the log (thesis §6.4): ReadIndex, and lease reads (§6.4.1). A read needs no entry,
 * only proof that, at some moment after it arrived, this node still led and had committed every
 * entry any leader had: then answering from the state applied through that commit index is
 * linearizable. Heartbeat rounds give the proof: every AppendEntries carries the leader's current
 * round (`seq`) and its answer echoes it, so an answer for round s says "you still led when you
 * sent round s".
 */

/** A read the leader has yet to confirm: its index once an entry of the term has committed, and the round that must be answered. */
export interface PendingRead {
  readonly id: number;
  index: number | null;
  seq: number;
}

/** A confirmed read: answer it from the state applied through `index`. */
export interface ReadState {
  readonly id: number;
  readonly index: number;
  readonly servedBy: 'readIndex' | 'lease';
}

/** Ask to read; null when accepted (the answer comes as a ReadState or a failure), else why not. */
export function requestRead<C>(core: CoreState<C>, id: number): string | null {
  const f = core.config.features;
  if (core.role !== 'leader') return `node ${core.id} is not the leader`;
  if (core.transferee !== null) return 'the leader is handing over (thesis §3.10)';
  if (!f.readIndex && !f.leaseReads) return 'reads without the log are off (Production Raft features)';
  if (f.leaseReads && leaseAllowed(core) && termCommitted(core) && leaseHolds(core)) {
    core.readStates.push({ id, index: core.commitIndex, servedBy: 'lease' });
    return null;
  }
  if (!f.readIndex) return 'the leader\'s lease has lapsed, and ReadIndex is off: send the read through the log';
  core.pendingReads.push({ id, index: null, seq: 0 });
  startWaitingReads(core);
  return null;
}

/**
 * Thesis §6.4 step 1: "If the leader has not yet marked an entry from its current term committed,
 * it waits until it has done so" — until then its commit index may lag the last leader's.
 */
export function termCommitted<C>(core: CoreState<C>): boolean {
  return core.log.termAt(core.commitIndex) === core.term || core.config.bugs.readIndexBeforeTermCommit;
}

/** Steps 2–3: record the commit index, start a heartbeat round the reads must see answered. */
export function startWaitingReads<C>(core: CoreState<C>): void {
  const waiting = core.pendingReads.filter((read) => read.index === null);
  if (waiting.length === 0 || !termCommitted(core)) return;
  const seq = newHeartbeatRound(core);
  for (const read of waiting) {
    read.index = core.commitIndex;
    read.seq = seq;
  }
  core.trace('readIndex', `read index ${core.commitIndex} recorded for ${waiting.length} read(s): confirm leadership with a round of heartbeats (thesis §6.4)`, { index: core.commitIndex });
  for (const peer of core.peers) core.sendHeartbeatTo(peer);
  confirmReads(core);
}

/** A new heartbeat round: later answers prove leadership from now on. */
export function newHeartbeatRound<C>(core: CoreState<C>): number {
  core.heartbeatSeq += 1;
  core.roundSentAt.set(core.heartbeatSeq, core.now);
  if (core.roundSentAt.size > 256) core.roundSentAt.delete(core.roundSentAt.keys().next().value!);
  return core.heartbeatSeq;
}

/** A follower answered round `seq` of this term. */
export function noteAck<C>(core: CoreState<C>, peer: NodeId, seq: number): void {
  if (seq <= (core.ackedSeq.get(peer) ?? 0)) return;
  core.ackedSeq.set(peer, seq);
  confirmReads(core);
}

/** Step 3: a majority (itself included) answered a round sent after the read arrived. */
function confirmReads<C>(core: CoreState<C>): void {
  core.pendingReads = core.pendingReads.filter((read) => {
    if (read.index === null) return true;
    const answered = new Set([core.id]);
    for (const peer of core.peers) if ((core.ackedSeq.get(peer) ?? 0) >= read.seq) answered.add(peer);
    if (!hasQuorum(core.membership, answered)) return true;
    core.readStates.push({ id: read.id, index: read.index, servedBy: 'readIndex' });
    return false;
  });
}

/** Thesis §6.4.1 requires the voters' lease of §4.2.3, which comes with CheckQuorum. */
function leaseAllowed<C>(core: CoreState<C>): boolean {
  return core.config.features.checkQuorum || core.config.bugs.leaseWithoutCheckQuorum;
}

/**
 * §6.4.1: the lease runs from when the leader sent the heartbeats a majority answered, for an
 * election timeout divided by the clock-drift bound: until then no voter of that majority grants
 * another vote (§4.2.3), so no other leader can exist.
 */
export function leaseHolds<C>(core: CoreState<C>): boolean {
  if (core.now < core.leaseNotBefore) return false;
  // The latest time a quorum of the voters in force (the leader itself at any time) vouches for.
  const start = quorumValue(core.membership, (id) => (id === core.id ? Infinity : core.roundSentAt.get(core.ackedSeq.get(id) ?? 0) ?? -Infinity));
  return core.now < start + core.config.timing.electionTimeoutMinMs / core.config.clockDriftBound;
}

/** The leader stepped down: reads it has not confirmed cannot be (another leader may exist). */
export function failPendingReads<C>(core: CoreState<C>, reason: string): void {
  for (const read of core.pendingReads) core.failedReads.push({ id: read.id, reason });
  core.pendingReads = [];
}
