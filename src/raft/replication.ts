import type { CoreState } from './state';
import type { AppendEntries, AppendEntriesReply } from './messages';
import { noteAck } from './reads';
import { noteCaughtUp, noteLeaderContact } from './recovery';
import { sendSnapshot } from './snapshot';
import { continueTransfer } from './transfer';
import { noteLearnerProgress } from './reconfig';

/**
 * Log replication, §5.3, with the conflict hint that lets a leader back up over a whole term of
 * wrong entries per round trip instead of one entry.
 */

/** Send a follower what it lacks: entries from nextIndex, or the snapshot if they are compacted. */
export function sendAppend<C>(core: CoreState<C>, peer: number): void {
  const progress = core.progress.get(peer)!;
  if (progress.nextIndex <= core.log.snapshotIndex) return sendSnapshot(core, peer);
  const prevLogIndex = progress.nextIndex - 1;
  const last = Math.min(core.log.lastIndex, prevLogIndex + core.config.maxEntriesPerMessage);
  core.send({
    type: 'AppendEntries', from: core.id, to: peer, term: core.term,
    prevLogIndex, prevLogTerm: core.log.termAt(prevLogIndex)!,
    entries: core.log.slice(progress.nextIndex, last + 1),
    leaderCommit: core.commitIndex, leaderLastIndex: core.log.lastIndex, seq: core.heartbeatSeq,
  });
  // Only a request that carries entries is waited on; an empty heartbeat holds nothing back.
  if (last >= progress.nextIndex) progress.inflight = true;
}

/** Heartbeat (§5.2): every follower hears from the leader, carrying whatever it still lacks. */
export function broadcastAppend<C>(core: CoreState<C>): void {
  for (const peer of core.peers) sendAppend(core, peer);
}

/** Batch new entries: send to each follower that is behind and has nothing unanswered. */
export function sendPendingAppends<C>(core: CoreState<C>): void {
  for (const [peer, progress] of core.progress) {
    if (!progress.inflight && progress.nextIndex <= core.log.lastIndex) sendAppend(core, peer);
  }
}

/** Figure 2, AppendEntries receiver implementation. */
export function handleAppendEntries<C>(core: CoreState<C>, request: AppendEntries<C>): void {
  const reply: Reply = (fields) => {
    core.send({ type: 'AppendEntriesReply', from: core.id, to: request.from, term: core.term, ...fields, ...(request.seq !== undefined ? { seq: request.seq } : {}) });
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
  core.heardFromLeader(request.from);

  noteLeaderContact(core, request);

  const rest = core.config.bugs.conflictBelowSnapshot ? skipCompacted(core, request) : skipCommitted(core, request);
  if (rest.covered !== undefined) return succeed(core, request, rest.covered, reply);
  const { prevLogIndex, prevLogTerm, entries } = rest;
  const myPrevTerm = core.log.termAt(prevLogIndex);
  if (myPrevTerm === undefined) {
    core.trace('appendRejected', `reject: no entry at prevLogIndex ${prevLogIndex}, log ends at ${core.log.lastIndex} (Figure 2, AppendEntries 2)`, { peer: request.from });
    return reply({ success: false, matchIndex: 0, conflictIndex: core.log.lastIndex + 1, conflictTerm: 0 });
  }
  if (myPrevTerm !== prevLogTerm) {
    core.trace('appendRejected', `reject: entry ${prevLogIndex} has term ${myPrevTerm}, leader expects ${prevLogTerm} (Figure 2, AppendEntries 2)`, { peer: request.from });
    return reply({ success: false, matchIndex: 0, conflictIndex: core.log.firstIndexOfTermRun(prevLogIndex), conflictTerm: myPrevTerm });
  }
  appendNewEntries(core, prevLogIndex, entries);
  succeed(core, request, prevLogIndex + entries.length, reply);
}

type Reply = (fields: Pick<AppendEntriesReply, 'success' | 'matchIndex' | 'conflictIndex' | 'conflictTerm'>) => void;

/** Our log matches the leader's through matchIndex: take its commit index and say so. */
function succeed<C>(core: CoreState<C>, request: AppendEntries<C>, matchIndex: number, reply: Reply): void {
  // Figure 2, AppendEntries 5: commitIndex = min(leaderCommit, index of last new entry).
  const commit = Math.min(request.leaderCommit, matchIndex);
  if (commit > core.commitIndex) core.commitIndex = commit;
  noteCaughtUp(core, request.term, matchIndex);
  reply({ success: true, matchIndex, conflictIndex: 0, conflictTerm: 0 });
}

/** The part of a request still to check against our log, or `covered`: nothing is left to check. */
interface Remainder<C> {
  /** Everything the request carries is already in our committed prefix: confirm through here. */
  readonly covered?: number;
  readonly prevLogIndex: number;
  readonly prevLogTerm: number;
  readonly entries: AppendEntries<C>['entries'];
}

/**
 * Our committed prefix (which includes everything compacted) matches every current leader's log
 * (Log Matching and Leader Completeness, §5.4.3), so a request that starts inside it needs no
 * check there: skip the entries it already covers and check from our commit index on, with the
 * leader's own term for that index. A request that ends inside it is answered with a success
 * through our commit index, so a leader that missed our earlier replies catches up at once
 * instead of resending the same request forever (as etcd-io/raft answers with its committed index).
 */
function skipCommitted<C>(core: CoreState<C>, request: AppendEntries<C>): Remainder<C> {
  const floor = core.commitIndex;
  const { prevLogIndex, prevLogTerm, entries } = request;
  if (prevLogIndex >= floor) return { prevLogIndex, prevLogTerm, entries };
  const skip = floor - prevLogIndex;
  // Never confirm past the leader's own log: only a leader that lacks a committed entry (a broken
  // Raft, e.g. a bug switch) could be shorter, and it must not count entries it does not hold.
  if (skip >= entries.length) return { covered: Math.min(floor, request.leaderLastIndex ?? floor), prevLogIndex, prevLogTerm, entries: [] };
  return { prevLogIndex: floor, prevLogTerm: entries[skip - 1]!.term, entries: entries.slice(skip) };
}

/**
 * The old behaviour, kept as the conflictBelowSnapshot bug switch: skip only what the snapshot
 * covers, then compare the snapshot's term with prevLogTerm — the term of an older index — so the
 * follower answers a conflict the leader discards as stale, and the same request repeats forever.
 */
function skipCompacted<C>(core: CoreState<C>, request: AppendEntries<C>): Remainder<C> {
  let { prevLogIndex, entries } = request;
  if (prevLogIndex < core.log.snapshotIndex) {
    const skip = Math.min(core.log.snapshotIndex - prevLogIndex, entries.length);
    entries = entries.slice(skip);
    prevLogIndex += skip;
    if (prevLogIndex < core.log.snapshotIndex) return { covered: prevLogIndex, prevLogIndex, prevLogTerm: 0, entries: [] };
  }
  return { prevLogIndex, prevLogTerm: request.prevLogTerm, entries };
}

/**
 * Figure 2, AppendEntries 3 and 4: delete a conflicting entry and all that follow it, append any
 * entries not already in the log. An entry that matches is kept, so a stale or reordered request
 * never truncates entries a later request appended.
 */
function appendNewEntries<C>(core: CoreState<C>, prevLogIndex: number, entries: AppendEntries<C>['entries']): void {
  let i = 0;
  for (; i < entries.length; i++) {
    const index = prevLogIndex + 1 + i;
    const existing = core.log.termAt(index);
    if (existing === undefined) break;
    if (existing !== entries[i]!.term) {
      core.trace('truncated', `entry ${index} has term ${existing}, leader's has term ${entries[i]!.term}: delete it and all that follow (Figure 2, AppendEntries 3)`, { index });
      core.truncateFrom(index);
      break;
    }
  }
  if (i === entries.length) return;
  for (; i < entries.length; i++) core.appendEntry(entries[i]!);
}

/**
 * Figure 2 "Leaders": update nextIndex and matchIndex, or back up on a conflict. Only a reply that
 * moves the follower's progress releases the next request: a duplicated or late reply changes
 * nothing, so replies can never multiply requests.
 */
export function handleAppendReply<C>(core: CoreState<C>, reply: AppendEntriesReply): void {
  if (core.role !== 'leader' || reply.term !== core.term) return;
  const progress = core.progress.get(reply.from);
  if (!progress) return;
  // Any answer in our term says the follower took our word as of that round (reads, thesis §6.4).
  if (reply.seq !== undefined) noteAck(core, reply.from, reply.seq);
  if (reply.success) {
    if (reply.matchIndex <= progress.matchIndex) return; // a duplicate, or an older request's answer
    progress.matchIndex = Math.min(reply.matchIndex, core.log.lastIndex); // never past our own log
    progress.nextIndex = Math.max(progress.nextIndex, progress.matchIndex + 1);
    progress.inflight = false;
    core.advanceCommit();
    if (core.role !== 'leader') return; // it removed itself and stepped down (thesis §4.2.2)
    noteLearnerProgress(core, reply.from);
    if (core.transferee === reply.from) continueTransfer(core);
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
function backupIndex<C>(core: CoreState<C>, reply: AppendEntriesReply): number {
  if (reply.conflictTerm > 0) {
    const last = core.log.lastIndexOfTerm(reply.conflictTerm);
    if (last > 0) return last + 1;
  }
  return reply.conflictIndex;
}
