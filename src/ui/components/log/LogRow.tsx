import { memo, useMemo } from 'react';
import type { EntryView, NodeView } from '../../../runtime';
import { logRow, type LogColumns, type Replacement } from '../../model/log-grid';
import { displayRole, newestTerm } from '../../model/roles';
import { termColor } from '../../model/terms';
import { useAppState } from '../../app/context';
import { LogCellView } from './LogCellView';

export interface LogRowProps {
  readonly view: NodeView;
  readonly columns: LogColumns;
  readonly leader: NodeView | null;
  readonly replaced: ReadonlyMap<number, Replacement> | undefined;
  readonly highlightIndex: number | undefined;
  /** The index of this row's cell chosen for the entry card, if one is. */
  readonly pickedIndex: number | undefined;
  /** Entries read before the views' windows (log-cache.ts): this node's and the leader's. */
  readonly older?: ReadonlyMap<number, EntryView> | undefined;
  readonly leaderOlder?: ReadonlyMap<number, EntryView> | undefined;
}

const NONE: ReadonlyMap<number, EntryView> = new Map();

/** One node's log: the snapshot as one block, then a cell per entry; commit and the leader's next/match marked. */
export const LogRow = memo(function LogRow({ view, columns, leader, replaced, highlightIndex, pickedIndex, older = NONE, leaderOlder = NONE }: LogRowProps) {
  const noop = useAppState((s) => s.config?.features?.noopOnElection ?? false);
  const row = useMemo(() => logRow(view, columns, leader, replaced, noop, { own: older, leader: leaderOlder }), [view, columns, leader, replaced, noop, older, leaderOlder]);
  // The picture names a leader of an older term "stale": so does its row (issue 12, item 7).
  const stale = useAppState((s) => displayRole(view, newestTerm(s.nodes)) === 'stale-leader');
  const isLeader = leader?.id === view.id;
  const down = view.status !== 'running';
  /** A snapshot that ends before the first column shown is named in the label instead. */
  const hidden = row.snapshot && row.snapshot.span === 0 ? row.snapshot : null;
  // Tab reaches one cell per row: the chosen one, else the last that holds something.
  const held = row.cells.filter((cell) => cell.kind !== 'empty');
  const tabIndex = pickedIndex ?? (held.at(-1) ?? row.cells[0])?.index;
  return (
    <div className={`log-row ${down ? 'down' : ''}`} data-testid={`log-${view.id}`} data-node={view.id} data-first={view.log.snapshotIndex + 1}
      role="group" aria-label={`Log of node ${view.id}`}>
      <span className="log-label">
        <b>Node {view.id}</b>
        <span className="log-sub" title={hidden ? `Entries 1–${hidden.index} are compacted into a snapshot (last included term ${hidden.term}, §7)`
          : row.progress && !isLeader ? 'The leader\'s nextIndex (the next entry it sends this follower) and matchIndex (the last it knows this follower holds), §5.3' : undefined}>
          {hidden && <span className="snapshot-note">snapshot ≤{hidden.index} · </span>}
          {stale ? `stale leader (term ${view.term})` : isLeader ? 'leader' : down ? view.status : row.progress ? `next ${row.progress.next} · match ${row.progress.match}` : `commit ${view.commitIndex}`}
        </span>
      </span>
      {/* The columns scrolled past to the left, not drawn (the scroller's --before). */}
      <span className="log-before" />
      {row.snapshot && row.snapshot.span > 0 && (
        <span className="log-snapshot" style={{ gridColumn: `span ${row.snapshot.span}`, ['--term' as string]: termColor(row.snapshot.term) }}
          title={`Snapshot: entries 1–${row.snapshot.index} compacted; last included index ${row.snapshot.index}, term ${row.snapshot.term} (§7)`}>
          snapshot ≤{row.snapshot.index} · t{row.snapshot.term}
        </span>
      )}
      {row.cells.map((cell, slot) => (
        // Keyed by position, not index: as the log grows the same elements show newer entries,
        // so a busy cluster updates text in place instead of moving every cell.
        <LogCellView key={slot} cell={cell} commitEdge={cell.index === view.commitIndex} highlight={cell.index === highlightIndex}
          next={row.progress?.next === cell.index} match={row.progress?.match === cell.index}
          picked={cell.index === pickedIndex} tabStop={cell.index === tabIndex} />
      ))}
    </div>
  );
});
