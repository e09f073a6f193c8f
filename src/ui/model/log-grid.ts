import type { EntryView, NodeView } from '../../runtime';
import type { NodeId } from '../../raft/types';

/**
 * The log view's model: which indices are shown, and for each node what sits at each of them.
 * Columns are aligned by index across nodes, so the same index reads down a column and a
 * conflicting entry stands out against the leader's. Views carry only the last LOG_WINDOW
 * entries; the log view reads older ones as it scrolls back (log-cache.ts) and passes them in.
 */
export type CellKind = 'entry' | 'empty' | 'stored' | 'unknown';

export interface Replacement {
  /** What the index held before. */
  readonly was: EntryView;
  /** Real ms when the change was seen. */
  readonly at: number;
  /** True if the index was removed (the log was truncated), not overwritten. */
  readonly removed: boolean;
}

export interface LogCell {
  readonly index: number;
  readonly kind: CellKind;
  readonly term: number;
  readonly command: string;
  /** A new leader's no-op (§8): never applied to the state machine, drawn apart from commands. */
  readonly noop: boolean;
  readonly committed: boolean;
  readonly applied: boolean;
  /** In IndexedDB (index <= stableIndex), not only in memory. */
  readonly durable: boolean;
  /** The current leader holds a different entry here (§5.3: the follower's will be overwritten). */
  readonly conflict: boolean;
  readonly replaced: Replacement | null;
  /** Why an uncommitted entry still waits (§5.3, §5.4.2), or null once committed. */
  readonly pendingWhy: string | null;
}

export interface SnapshotBlock {
  readonly index: number;
  readonly term: number;
  /** Columns of the grid it covers; 0 when it ends before the first column shown. */
  readonly span: number;
}

export interface LogRowModel {
  readonly node: NodeId;
  readonly snapshot: SnapshotBlock | null;
  /** The cells after the snapshot block. */
  readonly cells: readonly LogCell[];
  /** The leader's nextIndex and matchIndex for this node (Figure 2), if it is a follower of a leader. */
  readonly progress: { readonly next: number; readonly match: number } | null;
}

export interface LogColumns {
  readonly first: number;
  readonly last: number;
}

/** `count` columns ending just past the longest log (one empty slot shows where the next entry goes). */
export function logColumns(nodes: readonly NodeView[], count: number): LogColumns {
  const longest = Math.max(0, ...nodes.map((view) => view.log.lastIndex));
  const last = Math.max(count, longest + 1);
  return { first: Math.max(1, last - count + 1), last };
}

/** Entries read before the views' windows (log-cache.ts): this node's, and the leader's. */
export interface OlderEntries {
  readonly own: ReadonlyMap<number, EntryView>;
  readonly leader: ReadonlyMap<number, EntryView>;
}

export function logRow(
  view: NodeView, columns: LogColumns, leader: NodeView | null,
  replaced: ReadonlyMap<number, Replacement> | undefined,
  /** The nodes run the no-op on election (Production Raft): a new leader's term commits at once. */
  noopOnElection = false,
  older?: OlderEntries,
): LogRowModel {
  const { snapshotIndex, snapshotTerm } = view.log;
  const snapshot = snapshotIndex > 0
    ? { index: snapshotIndex, term: snapshotTerm, span: Math.max(0, Math.min(snapshotIndex, columns.last) - columns.first + 1) }
    : null;
  const byIndex = new Map(view.log.window.map((entry) => [entry.index, entry]));
  const leaderEntries = leader && leader.id !== view.id ? new Map(leader.log.window.map((e) => [e.index, e])) : null;
  const running = view.status === 'running';
  const cells: LogCell[] = [];
  for (let index = Math.max(columns.first, snapshotIndex + 1); index <= columns.last; index++) {
    const entry = byIndex.get(index) ?? older?.own.get(index);
    const theirs = entry && (leaderEntries?.get(index) ?? (leaderEntries ? older?.leader.get(index) : undefined));
    // A node that is down shows what its storage holds (its view's entries are the last written).
    const kind: CellKind = index > view.log.lastIndex ? 'empty' : !running ? 'stored' : entry ? 'entry' : 'unknown';
    cells.push({
      index, kind, term: entry?.term ?? 0, command: entry?.command ?? '', noop: entry?.kind === 'noop',
      committed: index <= view.commitIndex, applied: index <= view.lastApplied,
      durable: kind === 'stored' || (kind === 'entry' && index <= view.log.stableIndex),
      conflict: !!theirs && theirs.term !== entry.term,
      replaced: replaced?.get(index) ?? null,
      pendingWhy: kind === 'entry' && entry && index > view.commitIndex ? whyPending(index, entry, leader, noopOnElection) : null,
    });
  }
  const p = leader?.progress.find((item) => item.peer === view.id);
  return { node: view.id, snapshot, cells, progress: p ? { next: p.nextIndex, match: p.matchIndex } : null };
}

/**
 * Why an entry is not committed yet, as the leader sees it: too few copies (§5.3), or a majority of
 * copies of an earlier term's entry, which commits only with one of the leader's term (§5.4.2).
 */
export function whyPending(index: number, entry: EntryView, leader: NodeView | null, noopOnElection: boolean): string {
  if (!leader) return 'no leader now: it commits only once a leader holding it gets an entry of its own term onto a majority (§5.4)';
  const theirs = leader.log.window.find((e) => e.index === index);
  if (theirs && theirs.term !== entry.term) return `the leader holds a different entry here (term ${theirs.term}): this one will be replaced (§5.3)`;
  if (index > leader.log.lastIndex) return `the leader's log ends at ${leader.log.lastIndex}: this entry will be removed (§5.3)`;
  const size = leader.progress.length + 1;
  const majority = Math.floor(size / 2) + 1;
  const copies = 1 + leader.progress.filter((p) => p.matchIndex >= index).length;
  if (copies < majority) return `on ${copies} of ${size} nodes as far as the leader knows: it commits once a majority (${majority}) stores it (§5.3)`;
  if (entry.term < leader.term) {
    return `on a majority, but from term ${entry.term}: entries of earlier terms commit only together with one of the leader's term ${leader.term} (§5.4.2)`
      + (noopOnElection ? '; the leader\'s no-op will carry it (§8)' : '; the lab\'s Raft appends no no-op on election, so it waits for the next client write');
  }
  return 'on a majority: the leader commits it at its next step (§5.3)';
}

/** How long a replaced entry stays marked (real ms). */
export const REPLACED_FOR_MS = 15_000;

/**
 * Remembers what each node's log held at each index, so that an entry overwritten or truncated
 * (Figure 2, AppendEntries 3) is visibly replaced, not silently different.
 */
export class ReplacementTracker {
  private readonly last = new Map<NodeId, { incarnation: number; entries: Map<number, EntryView>; snapshotIndex: number }>();
  private replaced = new Map<NodeId, ReadonlyMap<number, Replacement>>();

  /** Compare the new views with the last ones; returns the marks (a new Map whenever they changed). */
  observe(nodes: readonly NodeView[], realNow: number): ReadonlyMap<NodeId, ReadonlyMap<number, Replacement>> {
    let changed = false;
    const next = new Map(this.replaced);
    for (const view of nodes) {
      if (view.status !== 'running') continue;
      const before = this.last.get(view.id);
      const entries = new Map(view.log.window.map((e) => [e.index, e]));
      this.last.set(view.id, { incarnation: view.incarnation, entries, snapshotIndex: view.log.snapshotIndex });
      if (!before || before.incarnation !== view.incarnation) continue;
      const marks = new Map(next.get(view.id) ?? []);
      let nodeChanged = false;
      for (const [index, was] of before.entries) {
        if (index <= view.log.snapshotIndex) continue;
        const now = entries.get(index);
        const removed = index > view.log.lastIndex;
        if (removed || (now && (now.term !== was.term || now.kind !== was.kind || now.command !== was.command))) {
          marks.set(index, { was, at: realNow, removed });
          nodeChanged = true;
        }
      }
      for (const [index, mark] of marks) {
        if (realNow - mark.at > REPLACED_FOR_MS) { marks.delete(index); nodeChanged = true; }
      }
      if (nodeChanged) { next.set(view.id, marks); changed = true; }
    }
    if (changed) this.replaced = next;
    return this.replaced;
  }

  clear(): void {
    this.last.clear();
    this.replaced = new Map();
  }
}
