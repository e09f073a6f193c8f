import type { InvariantName } from '../checks/invariants/types';
import type { NodeId } from '../raft/types';
import { commandOf, type CoreImage, type SystemState } from './types';

/**
 * Figure 3's properties as a pure predicate over one system state and its history variables,
 * checked on every state the search reaches (as TLC checks an invariant), plus Leader
 * Append-Only, which relates a state to its successor (an action property, [][A]_vars in TLA+).
 * The rules are the ones src/checks/invariants/checker.ts applies incrementally to a live run.
 */
export interface Violation {
  readonly invariant: InvariantName;
  readonly nodes: readonly NodeId[];
  readonly detail: string;
}

export function checkState(state: SystemState): Violation | null {
  return electionSafety(state) ?? logMatching(state) ?? leaderCompleteness(state) ?? stateMachineSafety(state);
}

/** At most one leader can be elected in a given term (§5.2). */
function electionSafety(state: SystemState): Violation | null {
  const leaders = state.history.leaders;
  for (let term = 0; term < leaders.length; term++) {
    const ids = leaders[term];
    if (ids && ids.length > 1) return { invariant: 'Election Safety', nodes: ids, detail: `term ${term} has leaders ${ids.join(' and ')}` };
  }
  return null;
}

/** If two logs contain an entry with the same index and term, the logs are identical through it (§5.3). */
function logMatching(state: SystemState): Violation | null {
  const nodes = state.nodes;
  for (let a = 0; a < nodes.length; a++) {
    for (let b = a + 1; b < nodes.length; b++) {
      const detail = firstMismatch(nodes[a]!.core, nodes[b]!.core);
      if (detail) return { invariant: 'Log Matching', nodes: [a, b], detail };
    }
  }
  return null;
}

/** Scanning down from the end: once (index, term) agree, every entry below must agree too. */
function firstMismatch(a: CoreImage, b: CoreImage): string | null {
  const from = Math.max(a.snapshotIndex, b.snapshotIndex) + 1;
  let matched = false;
  for (let index = Math.min(lastIndex(a), lastIndex(b)); index >= from; index--) {
    const x = entryAt(a, index)!;
    const y = entryAt(b, index)!;
    if (x.term === y.term && commandOf(x) !== commandOf(y)) return `entry ${index} of term ${x.term} holds ${commandOf(x)} on one node and ${commandOf(y)} on the other`;
    if (matched && x.term !== y.term) return `both logs agree at a later index, but entry ${index} has term ${x.term} and ${y.term}`;
    if (x.term === y.term) matched = true;
  }
  return null;
}

/** If an entry is committed in a term, every leader of a later term holds it (§5.4). */
function leaderCompleteness(state: SystemState): Violation | null {
  const committed = state.history.committed;
  for (let id = 0; id < state.nodes.length; id++) {
    const leader = state.nodes[id]!.core;
    if (leader.role !== 'leader') continue;
    for (let index = leader.snapshotIndex + 1; index <= committed.length; index++) {
      const fact = committed[index - 1]!;
      if (fact.knownInTerm >= leader.term) continue;
      const held = entryAt(leader, index);
      if (!held || held.term !== fact.term) {
        return { invariant: 'Leader Completeness', nodes: [id], detail: `leader of term ${leader.term} lacks entry ${index} (term ${fact.term}, command ${fact.command}), committed by term ${fact.knownInTerm}; its log ${held ? `has term ${held.term} there` : `ends at ${lastIndex(leader)}`}` };
      }
    }
  }
  return null;
}

/** No two servers apply different commands at one index (§5.4.3); the history keeps every one applied. */
function stateMachineSafety(state: SystemState): Violation | null {
  const applied = state.history.applied;
  for (let index = 1; index <= applied.length; index++) {
    const seen = applied[index - 1];
    if (seen && seen.length > 1) return { invariant: 'State Machine Safety', nodes: [], detail: `index ${index}: applied as ${seen.join(' and as ')} (term/command)` };
  }
  return null;
}

/** A leader never overwrites or deletes entries in its log; it only appends (§5.3). */
export function checkStep(before: SystemState, after: SystemState): Violation | null {
  for (let id = 0; id < before.nodes.length; id++) {
    const was = before.nodes[id]!.core;
    const now = after.nodes[id]!.core;
    if (was === now || was.role !== 'leader' || now.role !== 'leader' || was.term !== now.term) continue;
    for (let index = Math.max(was.snapshotIndex, now.snapshotIndex) + 1; index <= lastIndex(was); index++) {
      const x = entryAt(was, index)!;
      const y = entryAt(now, index);
      if (!y || y.term !== x.term || commandOf(y) !== commandOf(x)) {
        return { invariant: 'Leader Append-Only', nodes: [id], detail: `leader of term ${now.term} lost or changed entry ${index}` };
      }
    }
  }
  return null;
}

export function lastIndex(core: CoreImage): number {
  return core.snapshotIndex + core.entries.length;
}

export function entryAt(core: CoreImage, index: number): CoreImage['entries'][number] | undefined {
  return core.entries[index - core.snapshotIndex - 1];
}
