import { useEffect, useState } from 'react';
import type { ClusterState, WorkerCluster } from '../runtime';

/**
 * The cluster's state for rendering, at most once per animation frame: workers report up to
 * 50 times a second each, and React need not render more often than the screen refreshes.
 */
export function useClusterState(cluster: WorkerCluster): ClusterState {
  const [state, setState] = useState(() => cluster.getState());
  useEffect(() => {
    let frame = 0;
    const unsubscribe = cluster.subscribe(() => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        setState(cluster.getState());
      });
    });
    setState(cluster.getState());
    return () => {
      unsubscribe();
      if (frame) cancelAnimationFrame(frame);
    };
  }, [cluster]);
  return state;
}
