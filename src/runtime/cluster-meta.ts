import { createStore, del, get, set, type UseStore } from 'idb-keyval';
import { MACHINE_KINDS, type MachineKind } from './machines';
import { describe } from './validate';

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

/** What the page found about a cluster's shape: none yet, a usable one, or a record it cannot run. */
export type MetaFound =
  | { readonly meta: ClusterMeta | null }
  | { readonly unusable: string };

/**
 * The remembered shape of cluster `namespace`. A record that is there but wrong (another format,
 * a size or machine this build does not run) is reported with the reason, never replaced: only
 * the user's reset starts a new cluster over it.
 */
export async function loadClusterMeta(namespace: string): Promise<MetaFound> {
  const raw = await get<unknown>(namespace, store());
  if (raw === undefined) return { meta: null };
  const problem = metaProblem(raw);
  if (problem) return { unusable: problem };
  const { size, machine } = raw as ClusterMeta;
  return { meta: { v: 1, size, machine } };
}

function metaProblem(raw: unknown): string | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw) || ArrayBuffer.isView(raw)) return `the record is not an object (${describe(raw)})`;
  const r = raw as Record<string, unknown>;
  if (r.v !== 1) return `unknown format version ${JSON.stringify(r.v) ?? 'undefined'}; this build reads version 1`;
  if (!isClusterSize(r.size)) return `size ${describe(r.size)} is not one this build runs (1 to ${MAX_CLUSTER_SIZE} nodes)`;
  if (!(MACHINE_KINDS as readonly unknown[]).includes(r.machine)) return `machine ${describe(r.machine)} is not one this build runs (${MACHINE_KINDS.join(', ')})`;
  return null;
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
