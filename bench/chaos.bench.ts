import { runChaos } from '../src/sim/chaos/run';
import type { BenchLine } from './types';

/** Chaos seeds per minute of wall time, per cluster size. */
export default async function benchChaos(): Promise<BenchLine[]> {
  const lines: BenchLine[] = [];
  for (const nodes of [3, 5, 7]) {
    const seeds = 100;
    const started = performance.now();
    let operations = 0;
    for (let seed = 1; seed <= seeds; seed++) {
      const result = await runChaos({ seed, nodes });
      if (!result.ok) throw new Error(`chaos seed ${seed} (${nodes} nodes) failed: ${result.failure}`);
      operations += result.operations;
    }
    const minutes = (performance.now() - started) / 60_000;
    lines.push({ name: `chaos, ${nodes} nodes`, value: Math.round(seeds / minutes), unit: 'seeds/min', detail: `${seeds} seeds of 15 s virtual each, 3 clients, ${operations} operations checked for linearizability` });
  }
  return lines;
}
