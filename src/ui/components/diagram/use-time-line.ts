import { useEffect, type RefObject } from 'react';
import type { AppStore } from '../../store/store';
import { formatAt } from '../../model/timeline';
import { yOf, type Layout } from './geometry';
import { shownAt } from './time-link';

/**
 * The scrubber's instant drawn as a line across the diagram, moved by a store subscription (no
 * React render per move), and scrolled into view when it leaves it while `follow` is on.
 */
export function useTimeLine(store: AppStore, line: RefObject<SVGGElement | null>, scroller: RefObject<HTMLDivElement | null>, layout: Layout, follow: boolean): void {
  useEffect(() => {
    let last = -1;
    const place = (at: number): void => {
      const g = line.current;
      const box = scroller.current;
      if (!g || !box || at === last) return;
      last = at;
      const y = yOf(layout, at);
      g.setAttribute('transform', `translate(0 ${y})`);
      g.setAttribute('aria-label', `Current time: t = ${formatAt(at)}`);
      g.dataset.at = String(at);
      if (follow && (y < box.scrollTop + 8 || y > box.scrollTop + box.clientHeight - 8)) box.scrollTop = Math.max(0, y - box.clientHeight * 0.6);
    };
    place(shownAt(store.getState()));
    return store.subscribe((s) => place(shownAt(s)));
  }, [store, line, scroller, layout, follow]);
}
