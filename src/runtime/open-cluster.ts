import { loadClusterMeta, saveClusterMeta } from './cluster-meta';
import { WorkerCluster, type ClusterOptions } from './cluster';

/** Sizes the UI offers. */
export const CLUSTER_SIZES = [3, 5, 7] as const;
export const DEFAULT_CLUSTER_SIZE = 5;

/**
 * Open the cluster of `namespace` ("app" by default): if the page ran one before, the same size and
 * machine come back and every node restores its state from IndexedDB; otherwise a new one of
 * `size` nodes (5) starts empty. The shape is remembered across reloads.
 */
export async function openCluster(options: Partial<ClusterOptions> = {}): Promise<WorkerCluster> {
  const namespace = options.namespace ?? 'app';
  const meta = await loadClusterMeta(namespace);
  const size = meta?.size ?? options.size ?? DEFAULT_CLUSTER_SIZE;
  const machine = meta?.machine ?? options.machine ?? 'kv';
  // Remember a new cluster's shape while its workers start: the page should not wait for the write.
  const saving = meta ? Promise.resolve() : saveClusterMeta(namespace, { size, machine });
  const cluster = new WorkerCluster({ ...options, namespace, size, machine, rememberShape: true }).start();
  await saving;
  return cluster;
}
