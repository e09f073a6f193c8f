import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type RefObject } from 'react';
import type { LogColumns } from '../../model/log-grid';
import type { CellTarget } from './log-keys';

/** A column's pitch (a 52 px cell and the 3 px gap) and the label column's, in px (log.css uses the same). */
export const PITCH = 55;
export const LABEL_PITCH = 135;
/** Columns drawn beyond each edge of the view. */
const OVERSCAN = 4;

export interface LogScroller {
  readonly ref: RefObject<HTMLDivElement | null>;
  /** Columns in all: `needed`, or as many as fill the grid's width (empty slots where entries will go). */
  readonly count: number;
  /** The indices drawn (the visible ones and a few either side). */
  readonly columns: LogColumns;
  /** Width of the space before the first drawn column, and of every row, in px. */
  readonly before: number;
  readonly width: number;
  /** The grid shows the newest index and keeps showing it as the log grows. */
  readonly following: boolean;
  readonly onScroll: () => void;
  toNewest(): void;
  /** Scroll to a cell and focus it once drawn (the keyboard's way past the drawn columns). */
  reach(target: CellTarget): void;
}

/**
 * The log grid's horizontal scroller over indices 1..count (at least `needed`), windowed (@tanstack/react-virtual):
 * only the columns in view, and a few either side, are drawn. It follows the newest index until
 * the user scrolls away, and again once they scroll back to the end (or press Newest).
 */
export function useLogScroller(needed: number): LogScroller {
  const ref = useRef<HTMLDivElement>(null);
  const [viewport, setViewport] = useState(0);
  const count = Math.max(needed, Math.floor((viewport - LABEL_PITCH) / PITCH));
  const [following, setFollowing] = useState(true);
  const pendingFocus = useRef<CellTarget | null>(null);
  const virtualizer = useVirtualizer({
    count, horizontal: true, getScrollElement: () => ref.current, estimateSize: () => PITCH,
    paddingStart: LABEL_PITCH, scrollPaddingStart: LABEL_PITCH, overscan: OVERSCAN, useFlushSync: false,
    initialOffset: () => count * PITCH,
  });
  const items = virtualizer.getVirtualItems();
  // Following, the columns are the last that fit, known at once: as the log grows they move in the
  // same render as the new entry, not in a second one after the scroll event (cheap under load).
  const fits = Math.ceil(Math.max(0, viewport - LABEL_PITCH) / PITCH) + OVERSCAN;
  const first = following ? Math.max(1, count - fits + 1) : (items[0]?.index ?? 0) + 1;
  const last = following ? count : (items.at(-1)?.index ?? count - 1) + 1;
  const columns = useMemo(() => ({ first, last }), [first, last]);
  const onScroll = useCallback(() => {
    const element = ref.current;
    if (element) setFollowing(element.scrollLeft + element.clientWidth >= element.scrollWidth - PITCH / 2);
  }, []);
  const width = virtualizer.getTotalSize();
  const measured = virtualizer.scrollRect?.width ?? 0;
  useLayoutEffect(() => setViewport(measured), [measured]);
  // Following: the newest index stays in view as the log grows and as the grid is resized. At the
  // next frame, not in the commit: scrolling needs layout, and forcing it on every report under
  // load would lay the page out twice a frame; several reports in a frame scroll once.
  useEffect(() => {
    const element = ref.current;
    if (!following || !element) return;
    const frame = requestAnimationFrame(() => { element.scrollLeft = element.scrollWidth; });
    return () => cancelAnimationFrame(frame);
  }, [following, width, viewport]);
  const focusPending = useCallback(() => {
    const target = pendingFocus.current;
    const cell = target && ref.current?.querySelector<HTMLElement>(`.log-row[data-node="${target.node}"] .log-cell[data-index="${target.index}"]`);
    if (!cell) return;
    pendingFocus.current = null;
    cell.focus();
  }, []);
  useEffect(focusPending, [focusPending, columns]);
  const toNewest = useCallback(() => {
    setFollowing(true);
    const element = ref.current;
    if (element) element.scrollLeft = element.scrollWidth;
  }, []);
  const reach = useCallback((target: CellTarget) => {
    pendingFocus.current = target;
    virtualizer.scrollToIndex(target.index - 1, { align: 'auto' });
    focusPending();
  }, [virtualizer, focusPending]);
  return { ref, count, columns, before: (first - 1) * PITCH, width, following, onScroll, toNewest, reach };
}
