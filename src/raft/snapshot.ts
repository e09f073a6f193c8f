import type { CoreState } from './state';
import type { InstallSnapshot, InstallSnapshotReply } from './messages';
import { noteCaughtUp } from './recovery';
import { continueTransfer } from './transfer';
import { noteLearnerProgress } from './reconfig';

/**
 * Log compaction, §7 and Figure 13. The snapshot is sent whole, in one InstallSnapshot RPC.
 */

/** Snapshot the applied state: entries through lastApplied are replaced by `data`. */
export function compactLog<C>(core: CoreState<C>, data: Uint8Array): boolean {
  const index = core.lastApplied;
  if (core.pendingRestore) return false;
  if (index <= core.log.snapshotIndex) return true; // nothing applied since the last snapshot
  const term = core.log.termAt(index)!;
  // Figure 13's last config: the configuration as of the last entry the snapshot replaces.
  core.compactLog({ lastIncludedIndex: index, lastIncludedTerm: term, data, membership: core.membershipAt(index) });
  core.trace('snapshotSaved', `log through ${index} (term ${term}) replaced by a snapshot of the applied state (§7)`, { index });
  return true;
}

/** A follower needs entries the leader has compacted: send the snapshot (Figure 13). */
export function sendSnapshot<C>(core: CoreState<C>, peer: number): void {
  const snapshot = core.snapshot!;
  core.send({
    type: 'InstallSnapshot', from: core.id, to: peer, term: core.term,
    lastIncludedIndex: snapshot.lastIncludedIndex, lastIncludedTerm: snapshot.lastIncludedTerm, data: snapshot.data,
    ...(snapshot.membership ? { membership: snapshot.membership } : {}),
  });
  core.progress.get(peer)!.inflight = true;
}

/** Figure 13, InstallSnapshot receiver implementation. */
export function handleInstallSnapshot<C>(core: CoreState<C>, request: InstallSnapshot): void {
  const reply = (lastIncludedIndex: number): void => {
    core.send({ type: 'InstallSnapshotReply', from: core.id, to: request.from, term: core.term, lastIncludedIndex });
  };
  // 1. Reply immediately if term < currentTerm.
  if (request.term < core.term) return reply(0);
  if (core.role === 'leader') return;
  if (core.role === 'candidate') core.becomeFollower(request.term, request.from, `InstallSnapshot from node ${request.from}, leader of term ${request.term} (§5.2)`);
  core.heardFromLeader(request.from);

  const index = request.lastIncludedIndex;
  if (index <= core.commitIndex) {
    // We already hold every entry it covers, committed; installing it would roll the state machine back.
    core.trace('snapshotIgnored', `snapshot through ${index} is not ahead of our commit index ${core.commitIndex}`, { index });
    noteCaughtUp(core, request.term, core.commitIndex);
    return reply(index);
  }
  // 5. Save the snapshot; 6. keep the entries after a matching last entry, 7. else discard the
  // entire log; 8. reset the state machine from it (the node applies pendingRestore).
  core.installSnapshot({
    lastIncludedIndex: index, lastIncludedTerm: request.lastIncludedTerm, data: request.data,
    ...(request.membership ? { membership: request.membership } : {}),
  });
  core.commitIndex = index;
  core.trace('snapshotInstalled', `leader sent its snapshot through ${index}: entries we lack were compacted (Figure 13)`, { index });
  noteCaughtUp(core, request.term, index);
  reply(index);
}

/** The follower now holds everything through the snapshot. */
export function handleSnapshotReply<C>(core: CoreState<C>, reply: InstallSnapshotReply): void {
  if (core.role !== 'leader' || reply.term !== core.term) return;
  const progress = core.progress.get(reply.from);
  if (!progress) return;
  if (reply.lastIncludedIndex <= progress.matchIndex) return; // a duplicate or late answer
  progress.matchIndex = reply.lastIncludedIndex;
  progress.nextIndex = Math.max(progress.nextIndex, progress.matchIndex + 1);
  progress.inflight = false;
  core.advanceCommit();
  if (core.role !== 'leader') return; // it removed itself and stepped down (thesis §4.2.2)
  noteLearnerProgress(core, reply.from);
  if (core.transferee === reply.from) continueTransfer(core);
}
