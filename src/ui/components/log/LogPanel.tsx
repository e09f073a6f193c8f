import { memo, useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { useAppState } from '../../app/context';
import { logColumns } from '../../model/log-grid';
import { currentLeader } from '../../model/roles';
import { LogRow } from './LogRow';

/** Cell width, row height, gap and the label column, in px (the grid's CSS uses the same). */
export const CELL_WIDTH = 52;
/** Rows are a little shorter for seven nodes, so the cluster keeps its room at 1280×800. */
const rowHeight = (nodes: number): number => (nodes > 5 ? 24 : 27);
const HEADER_HEIGHT = 16;
const GAP = 3;
const LABEL_WIDTH = 132;
/** Workers send at most this many of the last entries (src/runtime/node-view.ts LOG_WINDOW). */
const MAX_COLUMNS = 24;

/**
 * Every node's log, aligned by index: the same index reads down a column, so a conflicting or
 * replaced entry stands out. Shows the newest indices that fit (a window, never the whole log).
 */
export const LogPanel = memo(function LogPanel() {
  const nodes = useAppState((s) => s.nodes);
  const replaced = useAppState((s) => s.replaced);
  const highlightIndex = useAppState((s) => s.highlight?.index);
  const { ref, count } = useColumnCount();
  const columns = useMemo(() => logColumns(nodes, count), [nodes, count]);
  const leader = currentLeader(nodes);
  const indices = Array.from({ length: columns.last - columns.first + 1 }, (_, i) => columns.first + i);
  return (
    <section className="card logs" aria-label="Logs">
      <div className="panel-head compact">
        <h2 className="card-title">Logs</h2>
        {nodes.every((v) => v.log.lastIndex === 0) && <p className="log-empty">No entries yet: send a command from the Client panel and watch it travel and commit.</p>}
        <LogLegend />
      </div>
      {/* A fixed height lets the grid contain its layout and paint (it is its own layer): under
          load every cell changes at each render, and that must not relayout the page. */}
      <div className="log-grid" ref={ref} style={{ ['--cols' as string]: indices.length, height: HEADER_HEIGHT + nodes.length * (rowHeight(nodes.length) + GAP), ['--row' as string]: `${rowHeight(nodes.length)}px` }}>
        <div className="log-row log-header" aria-hidden="true">
          <span className="log-label">index</span>
          {indices.map((i, slot) => <span key={slot} className={`log-index ${i === highlightIndex ? 'hl' : ''}`}>{i}</span>)}
        </div>
        {nodes.map((view) => (
          <LogRow key={view.id} view={view} columns={columns} leader={leader} replaced={replaced.get(view.id)} highlightIndex={highlightIndex} />
        ))}
      </div>
    </section>
  );
});

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

/** How many index columns fit the grid's width (follows resizes). */
function useColumnCount(): { ref: RefObject<HTMLDivElement | null>; count: number } {
  const ref = useRef<HTMLDivElement>(null);
  const [count, setCount] = useState(16);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => {
      const width = entry?.contentRect.width ?? 0;
      setCount(Math.max(4, Math.min(MAX_COLUMNS, Math.floor((width - LABEL_WIDTH) / (CELL_WIDTH + 3)))));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return { ref, count };
}
