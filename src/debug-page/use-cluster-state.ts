import { useEffect, useState } from 'react';
import type { ClusterState, WorkerCluster } from '../runtime';

/**
 * At most this often the table re-renders. Workers report up to 50 times a second each, and a
 * table is read, not watched frame by frame: re-rendering it on every animation frame kept the main
 * thread so busy that it doubled the cluster's commit latency (bench/runtime.bench.ts: p50 ~15 ms
 * at 60 renders/s, ~4 ms at 10/s). Animation belongs in a rAF loop fed by subscribeTraffic.
 */
const RENDER_INTERVAL_MS = 100;

/** The cluster's state for rendering, throttled to RENDER_INTERVAL_MS. */
export function useClusterState(cluster: WorkerCluster): ClusterState {
  const [state, setState] = useState(() => cluster.getState());
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const unsubscribe = cluster.subscribe(() => {
      timer ??= setTimeout(() => {
        timer = null;
        setState(cluster.getState());
      }, RENDER_INTERVAL_MS);
    });
    setState(cluster.getState());
    return () => {
      unsubscribe();
      if (timer !== null) clearTimeout(timer);
    };
  }, [cluster]);
  return state;
}
