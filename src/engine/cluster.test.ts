import { describe, expect, it } from 'vitest';
import { WorkerCluster } from '../runtime/cluster';
import { setDuplication, type Cluster } from './cluster';

// The live engine satisfies the interface as it is: tsc fails here the day a method the UI uses
// changes shape in one and not the other.
const _live: Cluster = null as unknown as WorkerCluster;

describe('Cluster', () => {
  it('sets duplication through setNetwork on the live engine, for all messages or one link', () => {
    const cluster: Cluster = new WorkerCluster({ size: 3, spawnWorker: () => { throw new Error('not started'); } });
    setDuplication(cluster, 25);
    expect(cluster.getNetwork().requests.duplicatePercent).toBe(25);
    expect(cluster.getState().network.replies.duplicatePercent).toBe(25);
    setDuplication(cluster, 50, { link: [0, 2] });
    expect(cluster.getNetwork().links['0>2']?.duplicatePercent).toBe(50);
    expect(() => setDuplication(cluster, 120)).toThrow(/duplication must be 0–100%/);
  });
});
