import type { RaftCore } from './core';
import type { AppendEntries, AppendEntriesReply } from './messages';
import { sendSnapshot } from './snapshot';

/**
 * Log replication, §5.3, with the conflict hint that lets a leader back up over a whole term of
 * wrong entries per round trip instead of one entry.
 */

/** Send a follower what it lacks: entries from nextIndex, or the snapshot if they are compacted. */
export function sendAppend<C>(core: RaftCore<C>, peer: number): void {
  const progress = core.progress.get(peer)!;
  if (progress.nextIndex <= core.log.snapshotIndex) return sendSnapshot(core, peer);
  const prevLogIndex = progress.nextIndex - 1;
  const last = Math.min(core.log.lastIndex, prevLogIndex + core.config.maxEntriesPerMessage);
  core.send({
    type: 'AppendEntries', from: core.id, to: peer, term: core.term,
    prevLogIndex, prevLogTerm: core.log.termAt(prevLogIndex)!,
    entries: core.log.slice(progress.nextIndex, last + 1),
    leaderCommit: core.commitIndex,
  });
  // Only a request that carries entries is waited on; an empty heartbeat holds nothing back.
  if (last >= progress.nextIndex) progress.inflight = true;
}

/** Heartbeat (§5.2): every follower hears from the leader, carrying whatever it still lacks. */
export function broadcastAppend<C>(core: RaftCore<C>): void {
  for (const peer of core.peers) sendAppend(core, peer);
}

/** Batch new entries: send to each follower that is behind and has nothing unanswered. */
export function sendPendingAppends<C>(core: RaftCore<C>): void {
  for (const [peer, progress] of core.progress) {
    if (!progress.inflight && progress.nextIndex <= core.log.lastIndex) sendAppend(core, peer);
  }
}

/** Figure 2, AppendEntries receiver implementation. */
export function handleAppendEntries<C>(core: RaftCore<C>, request: AppendEntries<C>): void {
  const reply = (fields: Pick<AppendEntriesReply, 'success' | 'matchIndex' | 'conflictIndex' | 'conflictTerm'>): void => {
    core.send({ type: 'AppendEntriesReply', from: core.id, to: request.from, term: core.term, ...fields });
  };
  if (request.term < core.term) {
    core.trace('staleMessage', `reject AppendEntries from node ${request.from}: term ${request.term} < ${core.term} (Figure 2, AppendEntries 1)`, { peer: request.from });
    return reply({ success: false, matchIndex: 0, conflictIndex: 0, conflictTerm: 0 });
  }
  if (core.role === 'leader') {
    // Two leaders in one term would break Election Safety (§5.2); the checker reports it. Ignore.
    core.trace('staleMessage', `ignored AppendEntries from node ${request.from}, another leader of term ${request.term}`, { peer: request.from });
    return;
  }
  if (core.role === 'candidate') core.becomeFollower(request.term, request.from, `AppendEntries from node ${request.from}, leader of term ${request.term} (§5.2)`);
  core.leaderId = request.from;
  core.resetElectionTimer();

  let prevLogIndex = request.prevLogIndex;
  let entries = request.entries;
  if (prevLogIndex < core.log.snapshotIndex) {
    // Our prefix through snapshotIndex is committed, so it matches the leader's (§5.4.3): skip it.
    const skip = Math.min(core.log.snapshotIndex - prevLogIndex, entries.length);
    entries = entries.slice(skip);
    prevLogIndex += skip;
    if (prevLogIndex < core.log.snapshotIndex) {
      return reply({ success: true, matchIndex: prevLogIndex, conflictIndex: 0, conflictTerm: 0 });
    }
  }
  const myPrevTerm = core.log.termAt(prevLogIndex);
  if (myPrevTerm === undefined) {
    core.trace('appendRejected', `reject: no entry at prevLogIndex ${prevLogIndex}, log ends at ${core.log.lastIndex} (Figure 2, AppendEntries 2)`, { peer: request.from });
    return reply({ success: false, matchIndex: 0, conflictIndex: core.log.lastIndex + 1, conflictTerm: 0 });
  }
  if (myPrevTerm !== request.prevLogTerm) {
    core.trace('appendRejected', `reject: entry ${prevLogIndex} has term ${myPrevTerm}, leader expects ${request.prevLogTerm} (Figure 2, AppendEntries 2)`, { peer: request.from });
    return reply({ success: false, matchIndex: 0, conflictIndex: core.log.firstIndexOfTermRun(prevLogIndex), conflictTerm: myPrevTerm });
  }
  appendNewEntries(core, prevLogIndex, entries);
  const matchIndex = prevLogIndex + entries.length;
  // Figure 2, AppendEntries 5: commitIndex = min(leaderCommit, index of last new entry).
  const commit = Math.min(request.leaderCommit, matchIndex);
  if (commit > core.commitIndex) core.commitIndex = commit;
  reply({ success: true, matchIndex, conflictIndex: 0, conflictTerm: 0 });
}

/**
 * Figure 2, AppendEntries 3 and 4: delete a conflicting entry and all that follow it, append any
 * entries not already in the log. An entry that matches is kept, so a stale or reordered request
 * never truncates entries a later request appended.
 */
function appendNewEntries<C>(core: RaftCore<C>, prevLogIndex: number, entries: AppendEntries<C>['entries']): void {
  let i = 0;
  for (; i < entries.length; i++) {
    const index = prevLogIndex + 1 + i;
    const existing = core.log.termAt(index);
    if (existing === undefined) break;
    if (existing !== entries[i]!.term) {
      core.trace('truncated', `entry ${index} has term ${existing}, leader's has term ${entries[i]!.term}: delete it and all that follow (Figure 2, AppendEntries 3)`, { index });
      core.log.truncateFrom(index);
      break;
    }
  }
  if (i === entries.length) return;
  const from = prevLogIndex + 1 + i;
  for (; i < entries.length; i++) core.log.append(entries[i]!);
  core.markLogDirtyFrom(from);
}

/**
 * Figure 2 "Leaders": update nextIndex and matchIndex, or back up on a conflict. Only a reply that
 * moves the follower's progress releases the next request: a duplicated or late reply changes
 * nothing, so replies can never multiply requests.
 */
export function handleAppendReply<C>(core: RaftCore<C>, reply: AppendEntriesReply): void {
  if (core.role !== 'leader' || reply.term !== core.term) return;
  const progress = core.progress.get(reply.from);
  if (!progress) return;
  if (reply.success) {
    if (reply.matchIndex <= progress.matchIndex) return; // a duplicate, or an older request's answer
    progress.matchIndex = reply.matchIndex;
    progress.nextIndex = Math.max(progress.nextIndex, progress.matchIndex + 1);
    progress.inflight = false;
    core.advanceCommit();
    return;
  }
  const backup = backupIndex(core, reply);
  // A rejection must move nextIndex back, but never below what the follower acknowledged this term;
  // anything else answers an older request that arrived late: let the next heartbeat probe again.
  if (backup <= progress.matchIndex || backup >= progress.nextIndex) return;
  progress.inflight = false;
  progress.nextIndex = Math.min(backup, core.log.lastIndex + 1);
}

/** §5.3 optimisation: skip the follower's whole conflicting term, or to the end of its log. */
function backupIndex<C>(core: RaftCore<C>, reply: AppendEntriesReply): number {
  if (reply.conflictTerm > 0) {
    const last = core.log.lastIndexOfTerm(reply.conflictTerm);
    if (last > 0) return last + 1;
  }
  return reply.conflictIndex;
}
