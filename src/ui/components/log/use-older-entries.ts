import { useEffect, useSyncExternalStore } from 'react';
import type { NodeView } from '../../../runtime';
import { usePageApp, useAppState } from '../../app/context';
import { logCacheOf, type LogCache } from '../../model/log-cache';
import type { LogColumns } from '../../model/log-grid';
import { selectPastAt } from '../../store/time-slice';

/**
 * The page's cache of entries older than the views' windows, kept up to date with the views and
 * filled for the columns shown. Reads go out only while the page shows the present: a past moment
 * shows what its views hold. Re-renders when the cache changes. Null without a cluster.
 */
export function useOlderEntries(nodes: readonly NodeView[], columns: LogColumns): LogCache | null {
  const cache = useLogCache();
  const present = useAppState((s) => selectPastAt(s) === null && s.travelling === 0);
  useEffect(() => {
    if (!cache) return;
    cache.observe(nodes);
    if (!present) return;
    for (const view of nodes) cache.want(view, columns.first, columns.last);
  }, [cache, nodes, columns, present]);
  return cache;
}

/** The page's log cache (null without a cluster); re-renders when it changes. */
export function useLogCache(): LogCache | null {
  const cluster = usePageApp().cluster;
  const cache = cluster ? logCacheOf(cluster) : null;
  useSyncExternalStore(cache?.subscribe ?? noSubscribe, cache?.snapshot ?? zero);
  return cache;
}

const noSubscribe = (): (() => void) => () => undefined;
const zero = (): number => 0;
