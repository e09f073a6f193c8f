import { memo, useEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent, type RefObject } from 'react';
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
      </div>
      {/* A fixed height lets the grid contain its layout and paint (it is its own layer): under
          load every cell changes at each render, and that must not relayout the page. */}
      <div className="log-grid" ref={ref} onClick={onClick} onKeyDown={moveFocus} style={{ ['--cols' as string]: indices.length, height: HEADER_HEIGHT + nodes.length * (rowHeight(nodes.length) + GAP), ['--row' as string]: `${rowHeight(nodes.length)}px` }}>
        <div className="log-row log-header" aria-hidden="true">
          <span className="log-label">index</span>
          {indices.map((i, slot) => <span key={slot} className={`log-index ${i === highlightIndex ? 'hl' : ''}`}>{i}</span>)}
        </div>
        {nodes.map((view) => (
          <LogRow key={view.id} view={view} columns={columns} leader={leader} replaced={replaced.get(view.id)} highlightIndex={highlightIndex}
            pickedIndex={picked?.node === view.id ? picked.index : undefined} />
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

/** Arrow keys move between cells: left and right along a node's log, up and down across nodes at the same index. */
function moveFocus(event: KeyboardEvent<HTMLDivElement>): void {
  const cell = event.target instanceof HTMLElement && event.target.matches('.log-cell') ? event.target : null;
  if (!cell) return;
  const row = cell.closest('.log-row');
  let next: Element | null = null;
  if (event.key === 'ArrowLeft' || event.key === 'ArrowRight') {
    const cells = [...(row?.querySelectorAll('.log-cell') ?? [])];
    next = cells[cells.indexOf(cell) + (event.key === 'ArrowLeft' ? -1 : 1)] ?? null;
  } else if (event.key === 'ArrowUp' || event.key === 'ArrowDown') {
    const other = event.key === 'ArrowUp' ? row?.previousElementSibling : row?.nextElementSibling;
    next = other?.querySelector(`.log-cell[data-index="${cell.dataset.index}"]`) ?? null;
  }
  if (next instanceof HTMLElement) {
    event.preventDefault();
    next.focus();
  }
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
