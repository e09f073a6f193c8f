import type { CoreState } from './state';
import type { AppendEntries } from './messages';

/**
 * Recovery from lost storage, the idea of Protocol-Aware Recovery (Alagappan et al., FAST '18).
 * Raft assumes stable storage (Figure 2: "updated on stable storage before responding to RPCs"). A
 * node whose disk was wiped may have acknowledged entries, or granted a vote, that it no longer
 * remembers; if it voted at once, its fresh vote could elect a candidate that lacks an entry it had
 * helped commit (breaking Leader Completeness, §5.4). So a driver that restarts a node from lost
 * storage marks it *recovering* (HardState.recovering, durable): it neither votes nor campaigns
 * until it holds everything a current leader had when it first heard from that leader — the
 * leader's last index then, which covers every committed entry (§5.4.3) — and only then clears the
 * mark, durably, before its next vote can leave.
 */

/** A recovering node takes no part in elections (unless the wipedNodeVotes bug is on). */
export function abstains<C>(core: CoreState<C>): boolean {
  return core.recovering && !core.config.bugs.wipedNodeVotes;
}

/**
 * A current leader spoke: remember its last index when this node first heard from it this term.
 * A later leader holds every committed entry too (Leader Completeness), so a new term starts over.
 */
export function noteLeaderContact<C>(core: CoreState<C>, request: AppendEntries<C>): void {
  if (!core.recovering || request.leaderLastIndex === undefined) return;
  if (core.recoveryTarget?.term === request.term) return;
  core.recoveryTarget = { term: request.term, lastIndex: request.leaderLastIndex };
  core.trace('recovering', `lost its storage: will not vote until it holds entries through ${request.leaderLastIndex}, node ${request.from}'s last index in term ${request.term} (storage-fault recovery)`, { peer: request.from, index: request.leaderLastIndex });
}

/** The leader confirmed our log matches its own through `matchIndex`: caught up yet? */
export function noteCaughtUp<C>(core: CoreState<C>, term: number, matchIndex: number): void {
  const target = core.recoveryTarget;
  if (!core.recovering || target === null || target.term !== term || matchIndex < target.lastIndex) return;
  // Durable before anything else leaves: clearRecovering marks the hard state for the next Ready.
  core.clearRecovering();
  core.recoveryTarget = null;
  core.trace('recovered', `holds every entry through ${target.lastIndex}, all the leader had when it first heard from it: votes again`, { index: target.lastIndex });
}
