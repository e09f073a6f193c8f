import { makeConfig } from '../src/raft/config';
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
function throughput(nodes: number, entries: number, batch = 100, window = 2000): { perSecond: number; virtualMs: number } {
  const cluster = new SimCluster<number, number>({ size: nodes, seed: 42, makeStateMachine: () => new Counter(), config: makeConfig() });
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
  for (const nodes of [3, 5]) {
    throughput(nodes, 50_000); // warm up the JIT
    const runs = [1, 2, 3].map(() => throughput(nodes, 300_000));
    const best = runs.map((r) => r.perSecond).sort((a, b) => b - a)[1]!; // median of 3
    lines.push({
      name: `core throughput, ${nodes} nodes`, value: Math.round(best), unit: 'committed entries/s',
      detail: `simulator, reliable network, 300,000 entries, client keeps 2,000 outstanding in batches of 100; median of 3 runs (target ≥ 100,000 for 3 nodes)`,
    });
  }
  return lines;
}
