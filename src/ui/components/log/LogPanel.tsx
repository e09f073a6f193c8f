import { memo, useMemo, type MouseEvent } from 'react';
import { useAppState } from '../../app/context';
import { logColumns } from '../../model/log-grid';
import { currentLeader } from '../../model/roles';
import '../../styles/log.css';
import { onGridKey } from './log-keys';
import { LogRow } from './LogRow';
import { useLogScroller } from './use-log-scroller';
import { useOlderEntries } from './use-older-entries';

/** Rows are a little shorter for seven nodes, so the cluster keeps its room at 1280×800. */
const rowHeight = (nodes: number): number => (nodes > 5 ? 24 : 27);
const HEADER_HEIGHT = 16;
const GAP = 3;
/** Room for the horizontal scroll bar (thin) under the rows. */
const SCROLLBAR = 10;

/**
 * Every node's log, aligned by index: the same index reads down a column, so a conflicting or
 * replaced entry stands out. The whole log, scrolled sideways and windowed (issue 12): the newest
 * indices by default, older ones read from the nodes as the user scrolls back (use-older-entries).
 */
export const LogPanel = memo(function LogPanel() {
  const nodes = useAppState((s) => s.nodes);
  const replaced = useAppState((s) => s.replaced);
  const highlightIndex = useAppState((s) => s.highlight?.index);
  // Every index up to the longest log, and one empty slot where the next entry goes.
  const needed = useMemo(() => logColumns(nodes, 4).last, [nodes]);
  const scroller = useLogScroller(needed);
  const { columns, count: total } = scroller;
  const cache = useOlderEntries(nodes, columns);
  const leader = currentLeader(nodes);
  const leaderOlder = leader && cache ? cache.entries(leader.id) : undefined;
  const picked = useAppState((s) => (s.selection?.kind === 'entry' ? s.selection : null));
  const select = useAppState((s) => s.select);
  const onClick = (event: MouseEvent<HTMLDivElement>) => {
    const at = cellAt(event.target);
    if (at) select(picked && picked.node === at.node && picked.index === at.index ? null : { kind: 'entry', ...at });
  };
  const indices = Array.from({ length: columns.last - columns.first + 1 }, (_, i) => columns.first + i);
  return (
    <section className="card logs" aria-label="Logs">
      <div className="panel-head compact">
        <h2 className="card-title">Logs</h2>
        {nodes.every((v) => v.log.lastIndex === 0) && <p className="log-empty">No entries yet: send a command from the Client panel and watch it travel and commit.</p>}
        <LogLegend />
        {!scroller.following && <button type="button" className="btn small log-newest" onClick={scroller.toNewest}>Newest</button>}
      </div>
      {cache?.error && <p className="log-error" role="status">{cache.error}</p>}
      {/* A fixed height lets the grid contain its layout and paint (it is its own layer): under
          load every cell changes at each render, and that must not relayout the page. */}
      <div className="log-grid scroller" ref={scroller.ref} onScroll={scroller.onScroll} onClick={onClick}
        onKeyDown={(event) => onGridKey(event, total, scroller.reach)}
        style={{
          height: HEADER_HEIGHT + nodes.length * (rowHeight(nodes.length) + GAP) + SCROLLBAR, ['--row' as string]: `${rowHeight(nodes.length)}px`,
          ['--cols' as string]: indices.length, ['--before' as string]: `${scroller.before}px`, ['--width' as string]: `${scroller.width}px`,
        }}>
        <div className="log-row log-header" aria-hidden="true">
          <span className="log-label">index</span>
          <span className="log-before" />
          {indices.map((i, slot) => <span key={slot} className={`log-index ${i === highlightIndex ? 'hl' : ''}`}>{i}</span>)}
        </div>
        {nodes.map((view) => (
          <LogRow key={view.id} view={view} columns={columns} leader={leader} replaced={replaced.get(view.id)} highlightIndex={highlightIndex}
            pickedIndex={picked?.node === view.id ? picked.index : undefined} older={cache?.entries(view.id)} leaderOlder={leaderOlder} />
        ))}
      </div>
    </section>
  );
});

/** The node and index of the log cell an event happened on, if any. */
function cellAt(target: EventTarget): { node: number; index: number } | null {
  const cell = target instanceof Element ? target.closest<HTMLElement>('.log-cell[data-index]') : null;
  const row = cell?.closest<HTMLElement>('[data-node]');
  return cell && row ? { node: Number(row.dataset.node), index: Number(cell.dataset.index) } : null;
}

function LogLegend() {
  return (
    <div className="log-legend" aria-hidden="true">
      <span><i className="legend-cell" />committed</span>
      <span><i className="legend-cell pending" />not committed</span>
      <span><i className="legend-cell memory" />memory only</span>
      <span><i className="legend-cell conflict" />conflicts with leader</span>
      <span><i className="commit-mark-demo" />commit index</span>
      <span><b className="marker-demo">n</b><b className="marker-demo m">m</b>leader's next / match index (§5.3)</span>
    </div>
  );
}
