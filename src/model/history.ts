import type { NodeId } from '../raft/types';
import { commandOf, type Command, type CoreImage, type History } from './types';

/**
 * Keeping the history variables up to date after node `id` took a step (as the incremental
 * InvariantChecker does in src/checks, but as values inside the state, so that the Figure 3
 * predicate stays a pure function of one state and BFS may meet a state along any path).
 */

export const EMPTY_HISTORY: History = { leaders: [], committed: [], applied: [] };

export function recordStep(history: History, id: NodeId, core: CoreImage, applied: readonly { index: number; term: number; command: Command }[]): History {
  let next = history;
  if (core.role === 'leader') next = recordLeader(next, core.term, id);
  if (core.commitIndex > next.committed.length) next = recordCommits(next, core);
  for (const entry of applied) next = recordApplied(next, entry.index, `${entry.term}/${entry.command}`);
  return next;
}

function recordLeader(history: History, term: number, id: NodeId): History {
  const known = history.leaders[term] ?? [];
  if (known.includes(id)) return history;
  const leaders = history.leaders.slice();
  for (let t = 0; t < term; t++) leaders[t] ??= [];
  leaders[term] = [...known, id].sort((a, b) => a - b);
  return { ...history, leaders };
}

/** Entries first known committed, with the term of the node that knew it (an upper bound on the term they were committed in). */
function recordCommits(history: History, core: CoreImage): History {
  const committed = history.committed.slice();
  for (let index = committed.length + 1; index <= core.commitIndex; index++) {
    const entry = core.entries[index - core.snapshotIndex - 1];
    if (!entry) break; // compacted before we saw it: its index stays unknown
    committed.push({ term: entry.term, command: commandOf(entry), knownInTerm: core.term });
  }
  return { ...history, committed };
}

function recordApplied(history: History, index: number, what: string): History {
  const known = history.applied[index - 1] ?? [];
  if (known.includes(what)) return history;
  const applied = history.applied.slice();
  for (let i = 0; i < index - 1; i++) applied[i] ??= [];
  applied[index - 1] = [...known, what].sort();
  return { ...history, applied };
}
