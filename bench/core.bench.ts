import { makeConfig, RAFT_PROFILES, type RaftProfileName } from '../src/raft/config';
import type { StateMachine } from '../src/raft/types';
import { SimCluster } from '../src/sim/cluster';
import type { BenchLine } from './types';

/** A state machine that only counts, so the figure is the protocol's cost, not the application's. */
class Counter implements StateMachine<number, number> {
  count = 0;
  apply(): number { return ++this.count; }
  snapshot(): Uint8Array { return new Uint8Array(0); }
  restore(): void { this.count = 0; }
}

/**
 * Committed entries per second of wall time: one simulated cluster on a reliable network, a client
 * keeping `window` proposals outstanding and proposing in batches of `batch` per step.
 */
function throughput(nodes: number, entries: number, profile: RaftProfileName = 'lab', batch = 100, window = 2000): { perSecond: number; virtualMs: number } {
  const config = makeConfig({ features: RAFT_PROFILES[profile] });
  const cluster = new SimCluster<number, number>({ size: nodes, seed: 42, makeStateMachine: () => new Counter(), config });
  cluster.scheduler.runUntil(2000); // elect a leader
  const leader = cluster.nodes.findIndex((n) => n.isLeader());
  if (leader < 0) throw new Error('no leader after 2 s');
  const node = cluster.node(leader);
  const started = performance.now();
  const startVirtual = cluster.now;
  let proposed = 0;
  const base = node.core.commitIndex;
  while (node.core.commitIndex - base < entries) {
    if (proposed - (node.core.commitIndex - base) < window && proposed < entries) {
      cluster.input(leader, (n) => { for (let i = 0; i < batch; i++) n.newCommand(cluster.now, proposed + i); });
      proposed += batch;
    } else if (!cluster.scheduler.runNext()) throw new Error('simulation ran dry');
  }
  const seconds = (performance.now() - started) / 1000;
  return { perSecond: entries / seconds, virtualMs: cluster.now - startVirtual };
}

export default async function benchCore(): Promise<BenchLine[]> {
  const lines: BenchLine[] = [];
  const cases: [number, RaftProfileName][] = [[3, 'lab'], [5, 'lab'], [3, 'production']];
  for (const [nodes, profile] of cases) {
    throughput(nodes, 50_000, profile); // warm up the JIT
    const runs = [1, 2, 3].map(() => throughput(nodes, 300_000, profile)).map((r) => r.perSecond).sort((a, b) => a - b);
    lines.push({
      name: `core throughput, ${nodes} nodes, ${profile === 'lab' ? 'the lab\'s Raft' : 'Production Raft'}`, value: Math.round(runs[1]!), unit: 'committed entries/s',
      detail: `median of 3 (spread ${Math.round(runs[0]!).toLocaleString('en-US')}–${Math.round(runs[2]!).toLocaleString('en-US')}); simulator, reliable network, 300,000 entries, client keeps 2,000 outstanding in batches of 100 (target ≥ 100,000 for 3 nodes; Production within 10% of the lab's)`,
    });
  }
  return lines;
}
