import type { Cluster } from '../../engine/cluster';

/**
 * Pause the cluster while the tab is hidden, and resume it when it is shown again — unless the
 * user had paused it. A hidden page then costs nothing: workers sleep, no frame is drawn.
 */
export function autoPauseWhenHidden(cluster: Cluster, note: (title: string) => void, doc: Document = document): () => void {
  let pausedByUs = false;
  const onChange = (): void => {
    if (doc.hidden) {
      if (cluster.getState().clock.paused) return;
      cluster.pause();
      pausedByUs = true;
      note('Paused while the tab is hidden');
    } else if (pausedByUs) {
      pausedByUs = false;
      cluster.resume();
      note('Resumed: the tab is visible again');
    }
  };
  doc.addEventListener('visibilitychange', onChange);
  return () => doc.removeEventListener('visibilitychange', onChange);
}
