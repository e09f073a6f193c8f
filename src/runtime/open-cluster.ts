import { loadClusterMeta, saveClusterMeta, type ClusterMeta } from './cluster-meta';
import { WorkerCluster, type ClusterOptions, type Standby } from './cluster';
import type { TabLock } from './tab-lock';
import { TabOwner } from './tab-owner';
import { dropWarmWorkers } from './warm-workers';

/** Sizes the UI offers. */
export const CLUSTER_SIZES = [3, 5, 7] as const;
export const DEFAULT_CLUSTER_SIZE = 5;

export interface OpenedCluster {
  readonly cluster: WorkerCluster;
  /** Who runs the cluster among this origin's tabs (null without a lock). */
  readonly owner: TabOwner | null;
  /** The shape remembered from an earlier visit, which wins over options.size (null: none). */
  readonly remembered: ClusterMeta | null;
}

/**
 * Open the cluster of `namespace` ("app" by default): if the page ran one before, the same size and
 * machine come back and every node restores its state from IndexedDB; otherwise a new one of
 * `size` nodes (5) starts empty. The shape is remembered across reloads.
 *
 * With a lock, the cluster runs only in the tab that holds it; in any other it opens parked
 * ("elsewhere") and writes nothing until the user takes it over. A remembered shape this build
 * cannot run parks it too ("unusable-shape"), untouched, until the user resets it.
 */
export async function openCluster(options: Partial<ClusterOptions> & { readonly lock?: TabLock } = {}): Promise<OpenedCluster> {
  const { lock, ...clusterOptions } = options;
  const namespace = options.namespace ?? 'app';
  const owned = lock ? await lock.tryAcquire() : true;
  const found = await loadClusterMeta(namespace);
  const remembered = 'meta' in found ? found.meta : null;
  const size = remembered?.size ?? options.size ?? DEFAULT_CLUSTER_SIZE;
  const machine = remembered?.machine ?? options.machine ?? 'kv';
  let standby: Standby | null = null;
  if (!owned) standby = { kind: 'elsewhere' };
  else if ('unusable' in found) standby = { kind: 'unusable-shape', reason: found.unusable };
  // Remember a new cluster's shape while its workers start: the page should not wait for the write.
  const saving = standby || remembered ? Promise.resolve() : saveClusterMeta(namespace, { size, machine });
  const cluster = new WorkerCluster({ ...clusterOptions, namespace, size, machine, rememberShape: true, ...(standby ? { standby } : {}) }).start();
  // Its workers are started (or, parked, none is): any warm one left over is not needed.
  dropWarmWorkers();
  await saving;
  return { cluster, owner: lock ? new TabOwner(cluster, lock) : null, remembered };
}
