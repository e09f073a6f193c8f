import { runLabTest } from '../src/lab/run';
import { LAB_TESTS } from '../src/lab/suite';
import type { BenchLine } from './types';

/** The whole lab suite once, as `npm run lab` runs it (invariant checking on). */
export default async function benchLab(): Promise<BenchLine[]> {
  const passes = [];
  for (let pass = 0; pass < 3; pass++) {
    const started = performance.now();
    let virtualMs = 0;
    let failed = 0;
    for (const test of LAB_TESTS) {
      const result = await runLabTest(test, 1000 + pass);
      virtualMs += result.virtualMs;
      if (!result.ok) failed++;
    }
    passes.push({ wallMs: performance.now() - started, virtualMs, failed });
  }
  const median = passes.slice().sort((a, b) => a.wallMs - b.wallMs)[1]!;
  if (passes.some((p) => p.failed > 0)) throw new Error('a lab test failed during the benchmark');
  return [
    { name: 'lab suite, one pass (21 tests)', value: Math.round(median.wallMs), unit: 'ms wall', detail: 'median of 3 passes, seeds 1000-1002, invariants checked every step (target ≤ 10,000 ms; the C++ original needs ~243 s)' },
    { name: 'lab suite, virtual time covered', value: Math.round(median.virtualMs / 100) / 10, unit: 's virtual', detail: 'the scenarios\' own waits and time-outs, simulated' },
  ];
}
