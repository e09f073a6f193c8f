import type { NodeView } from '../../runtime';
import type { NodeId } from '../../raft/types';
import { logRow, type OlderEntries } from './log-grid';
import { currentLeader } from './roles';

/**
 * Everything the page knows about one node's entry at one index, in words (issue 12: a pending
 * entry says why it waits; per-entry status one click away instead of only in a tooltip). Built on
 * logRow, so the card and the cell never disagree.
 */
export interface EntryFacts {
  readonly title: string;
  /** The user's command (shown as text, isolated), or null. */
  readonly command: string | null;
  readonly facts: readonly { readonly label: string; readonly text: string }[];
}

export function entryFacts(
  nodes: readonly NodeView[], node: NodeId, index: number, noopOnElection: boolean, storage: string,
  /** Entries read before the views' windows (log-cache.ts), when the page holds them. */
  older?: OlderEntries,
): EntryFacts | null {
  const view = nodes.find((v) => v.id === node);
  if (!view) return null;
  const title = `Node ${node}, index ${index}`;
  if (index <= view.log.snapshotIndex) {
    return { title, command: null, facts: [{ label: 'Entry', text: `compacted into the node's snapshot (entries 1–${view.log.snapshotIndex}, last term ${view.log.snapshotTerm}): committed and applied, kept only as state (§7)` }] };
  }
  const leader = currentLeader(nodes);
  const cell = logRow(view, { first: index, last: index }, leader, undefined, noopOnElection, older).cells[0];
  if (!cell || cell.kind === 'empty') return { title, command: null, facts: [{ label: 'Entry', text: `none: the node's log ends at ${view.log.lastIndex}` }] };
  if (cell.term === 0) return { title, command: null, facts: [{ label: 'Entry', text: 'older than the last entries the node reports: the page does not hold it' }] };
  const facts: { label: string; text: string }[] = [];
  facts.push({ label: 'Entry', text: cell.noop ? `a no-op of term ${cell.term}: a new leader's empty entry (§8)` : `term ${cell.term}` });
  if (cell.kind === 'stored') {
    facts.push({ label: 'Where', text: `in ${storage}: the node is down, and restarts from what it wrote. Whether it is committed it learns again from a leader (commitIndex is volatile, Figure 2)` });
    return { title, command: cell.noop ? null : cell.command, facts };
  }
  facts.push({ label: 'Committed', text: cell.committed ? `yes: at or below the node's commit index ${view.commitIndex} (§5.3)` : `not yet: ${cell.conflict ? 'it differs from the leader\'s entry here and will be replaced (§5.3)' : cell.pendingWhy}` });
  facts.push({ label: 'Applied', text: cell.applied ? `yes: the node's state machine has it (applied through ${view.lastApplied})` : cell.committed ? `not yet: applied in order after ${view.lastApplied}` : 'no: only committed entries are applied (§5.3)' });
  facts.push({ label: 'Durable', text: cell.durable ? `yes: written to ${storage}` : `no, only in memory: a crash now loses it, and the node acknowledges it only once written (thesis §3.8)` });
  if (leader) {
    const holders = [leader.id, ...leader.progress.filter((p) => p.matchIndex >= index).map((p) => p.peer)].sort((a, b) => a - b);
    const size = leader.progress.length + 1;
    facts.push({ label: 'Copies', text: `node${holders.length > 1 ? 's' : ''} ${holders.join(', ')}: ${holders.length} of ${size}, as leader ${leader.id} knows from its matchIndex (§5.3)` });
  } else {
    facts.push({ label: 'Copies', text: 'no node leads now: nobody counts copies' });
  }
  if (cell.replaced) facts.push({ label: 'Replaced', text: `held term ${cell.replaced.was.term} before (§5.3)` });
  return { title, command: cell.noop ? null : cell.command, facts };
}
