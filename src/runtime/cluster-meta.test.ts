import 'fake-indexeddb/auto';
import { createStore, get, set } from 'idb-keyval';
import { describe, expect, it } from 'vitest';
import type { WorkerLike } from './cluster';
import { loadClusterMeta, saveClusterMeta } from './cluster-meta';
import { openCluster } from './open-cluster';

/**
 * The remembered shape of the page's cluster (issue 8, 3c): a record that decodes but names a size
 * or machine this build cannot run is reported with the reason and left as it is; the page then
 * offers a reset, which is the only thing that replaces it.
 */

const metaStore = () => createStore('raftlab-meta', 'clusters');

function fakeWorkers() {
  const spawned: number[] = [];
  const spawnWorker = (id: number): WorkerLike => {
    spawned.push(id);
    return { postMessage: () => undefined, terminate: () => undefined, onmessage: null, onerror: null };
  };
  return { spawned, spawnWorker };
}

describe('the remembered cluster shape', () => {
  it('comes back as saved', async () => {
    await saveClusterMeta('meta-a', { size: 7, machine: 'kv' });
    expect(await loadClusterMeta('meta-a')).toEqual({ meta: { v: 1, size: 7, machine: 'kv' } });
    expect(await loadClusterMeta('meta-none')).toEqual({ meta: null });
  });

  const unusable: [string, unknown, RegExp][] = [
    ['an unsupported size', { v: 1, size: 12, machine: 'kv' }, /size number 12 is not one this build runs \(1 to 9 nodes\)/],
    ['an unsupported machine', { v: 1, size: 5, machine: 'sql' }, /machine the string "sql" is not one this build runs \(kv, list\)/],
    ['another format version', { v: 2, size: 5, machine: 'kv' }, /unknown format version 2/],
    ['bytes instead of a record', new Uint8Array([1, 2]), /not an object/],
  ];

  for (const [what, record, reason] of unusable) {
    it(`with ${what}: the cluster opens parked with the reason, starts no worker, and only a reset replaces it`, async () => {
      const namespace = `meta-${what.replace(/\W+/g, '-')}`;
      await set(namespace, record, metaStore());
      const found = await loadClusterMeta(namespace);
      expect('unusable' in found && found.unusable).toMatch(reason);

      const { spawned, spawnWorker } = fakeWorkers();
      const { cluster } = await openCluster({ namespace, spawnWorker });
      expect(cluster.getState().standby).toMatchObject({ kind: 'unusable-shape', reason: expect.stringMatching(reason) });
      expect(spawned).toEqual([]);
      expect(await get(namespace, metaStore())).toEqual(record); // nothing overwritten

      expect(await cluster.reset()).toBe(true);
      expect(cluster.getState()).toMatchObject({ standby: null, size: 5 });
      expect(spawned).toEqual([0, 1, 2, 3, 4]);
      expect(await loadClusterMeta(namespace)).toEqual({ meta: { v: 1, size: 5, machine: 'kv' } });
    });
  }
});
