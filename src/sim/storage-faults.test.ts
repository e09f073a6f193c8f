import { describe, expect, it } from 'vitest';
import { createGroup } from './harness';

/**
 * Storage faults on the simulated disk: what fails its checks is never served; the node stays down
 * with a storage error until wiped, then recovers before it votes (src/raft/recovery.ts).
 */
describe('simulated storage faults', () => {
  async function clusterWithEntries(options: { diskLatencyMs?: { min: number; max: number } } = {}) {
    const g = createGroup({ nodes: 3, seed: 11, ...options });
    const leader = await g.checkExactlyOneLeader();
    for (let value = 1; value <= 5; value++) await g.appendNewCommand(value, 3);
    return { g, leader, follower: (leader + 1) % 3 };
  }

  it('a garbled record goes unnoticed while the node runs, and stops it at the next start: it serves nothing', async () => {
    const { g, follower } = await clusterWithEntries();
    g.cluster.storages[follower]!.corrupt('a stored record is garbled');
    await g.appendNewCommand(6, 3); // still running from memory
    g.cluster.restart(follower);
    expect(g.cluster.storageErrors[follower]).toMatch(/garbled/);
    expect(g.cluster.node(follower).isStopped()).toBe(true);
    // The two others carry on, without it.
    const before = g.cluster.node(follower).core.log.lastIndex;
    await g.appendNewCommand(7, 2);
    expect(g.cluster.node(follower).core.log.lastIndex).toBe(before);
  });

  it('a wiped node comes back recovering in a higher term, refuses votes, catches up, then votes again', async () => {
    const { g, follower } = await clusterWithEntries();
    const maxTerm = Math.max(...g.cluster.nodes.map((n) => n.term()));
    g.cluster.storages[follower]!.corrupt('a stored record is garbled');
    g.cluster.restart(follower);
    g.cluster.wipe(follower);
    const wiped = g.cluster.node(follower).core;
    expect(g.cluster.storageErrors[follower]).toBeNull();
    expect(wiped.recovering).toBe(true);
    expect(wiped.term).toBe(maxTerm + 1);
    expect(wiped.log.lastIndex).toBe(0);
    await g.appendNewCommand(8, 3); // a leader of a later term brings it up to date
    await g.sleep(1000);
    const caughtUp = g.cluster.node(follower).core;
    expect(caughtUp.recovering).toBe(false);
    expect(g.cluster.storages[follower]!.load().hardState.recovering).toBeUndefined(); // cleared on disk too
    const leader = g.cluster.nodes.find((n) => n.isLeader())!;
    expect(caughtUp.log.lastIndex).toBe(leader.core.log.lastIndex);
  });

  it('a crash during a write: lost (never acknowledged), or torn — then found on the next load', async () => {
    const { g, follower } = await clusterWithEntries({ diskLatencyMs: { min: 5, max: 5 } });
    const leader = g.cluster.nodes.findIndex((n) => n.isLeader());
    g.cluster.input(leader, (n) => n.newCommand(g.now, 100));
    // Run until the follower has the entry in memory but its write is still in flight.
    for (let i = 0; i < 200 && !g.cluster.writeInFlight(follower); i++) await g.sleep(1);
    expect(g.cluster.writeInFlight(follower)).toBe(true);
    const durable = g.cluster.storages[follower]!.load().entries.length;
    g.cluster.restart(follower); // lost: only what was durable survives
    expect(g.cluster.storages[follower]!.load().entries.length).toBe(durable);
    expect(g.cluster.storageErrors[follower]).toBeNull();

    g.cluster.input(leader, (n) => n.newCommand(g.now, 101));
    for (let i = 0; i < 200 && !g.cluster.writeInFlight(follower); i++) await g.sleep(1);
    g.cluster.restart(follower, { tear: true });
    expect(g.cluster.storageErrors[follower]).toMatch(/torn/);
  });
});
