import { createStore, del, get, set, type UseStore } from 'idb-keyval';
import type { MachineKind } from './machines';

/**
 * What the page remembers about a cluster besides its nodes' own stores: how many nodes it has and
 * which machine they run, so that a reload brings back the same cluster.
 */
export interface ClusterMeta {
  readonly v: 1;
  readonly size: number;
  readonly machine: MachineKind;
}

let metaStore: UseStore | null = null;
const store = (): UseStore => (metaStore ??= createStore('raftlab-meta', 'clusters'));

/** The remembered shape of cluster `namespace`, or null if none (or if the record is unreadable). */
export async function loadClusterMeta(namespace: string): Promise<ClusterMeta | null> {
  const raw = (await get<unknown>(namespace, store())) as Partial<ClusterMeta> | undefined;
  if (!raw || raw.v !== 1 || !isClusterSize(raw.size) || (raw.machine !== 'kv' && raw.machine !== 'list')) return null;
  return { v: 1, size: raw.size, machine: raw.machine };
}

export function saveClusterMeta(namespace: string, meta: Omit<ClusterMeta, 'v'>): Promise<void> {
  return set(namespace, { v: 1, ...meta }, store());
}

export function deleteClusterMeta(namespace: string): Promise<void> {
  return del(namespace, store());
}

/** The largest cluster the runtime runs (the UI offers 3, 5 and 7). */
export const MAX_CLUSTER_SIZE = 9;

/** Cluster sizes the runtime accepts: 1 to MAX_CLUSTER_SIZE nodes. */
export function isClusterSize(size: unknown): size is number {
  return typeof size === 'number' && Number.isInteger(size) && size >= 1 && size <= MAX_CLUSTER_SIZE;
}
