/**
 * `npm run grade [-- --runs N] [--seed S]`: the lab's grader. Every test runs N times (default 3)
 * with different seeds; a test scores its points only if every run passes.
 */
import { replayCommand, runLabTest } from './run';
import { LAB_TESTS } from './suite';
import { fullName } from './types';

function parseArgs(argv: string[]): { runs: number; seed: number } {
  let runs = 3;
  let seed = Date.now() >>> 0;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = Number(argv[i + 1]);
    if (arg === '--runs' && Number.isInteger(value) && value >= 1) { runs = value; i++; }
    else if (arg === '--seed' && Number.isInteger(value) && value >= 0 && value <= 0xffffffff) { seed = value; i++; }
    else throw new Error(`bad argument ${arg ?? ''}; usage: npm run grade -- [--runs N] [--seed S]`);
  }
  return { runs, seed };
}

/** The seed of run `k` of a grading session: spread out, reproducible from the base seed. */
export function runSeed(base: number, k: number): number {
  return (base + Math.imul(k, 0x9e3779b9)) >>> 0;
}

async function main(): Promise<number> {
  const { runs, seed } = parseArgs(process.argv.slice(2));
  console.log(`Grading ${LAB_TESTS.length} tests × ${runs} runs (base seed ${seed})`);
  const started = performance.now();
  let score = 0;
  let total = 0;
  let failedRuns = 0;
  for (const test of LAB_TESTS) {
    total += test.points;
    const failures: string[] = [];
    let wall = 0;
    let virtual = 0;
    for (let k = 0; k < runs; k++) {
      const runSeedK = runSeed(seed, k);
      const result = await runLabTest(test, runSeedK);
      wall += result.wallMs;
      virtual += result.virtualMs;
      if (!result.ok) failures.push(`    seed ${runSeedK}: ${result.error}\n    replay: ${replayCommand(test, runSeedK)}`);
    }
    failedRuns += failures.length;
    const passed = failures.length === 0;
    if (passed) score += test.points;
    console.log(`${passed ? 'Pass' : 'Fail'} (${fullName(test)}) ${runs - failures.length}/${runs} runs, ${passed ? test.points : 0}/${test.points} points. wall-time: ${(wall / 1000).toFixed(2)}s, virtual-time: ${(virtual / 1000).toFixed(1)}s`);
    for (const failure of failures) console.log(failure);
  }
  const wall = (performance.now() - started) / 1000;
  console.log(`${LAB_TESTS.length * runs - failedRuns} of ${LAB_TESTS.length * runs} runs passed. wall-time: ${wall.toFixed(2)}s`);
  console.log(`Score: ${score}/${total}`);
  return score === total ? 0 : 1;
}

// Set the exit code rather than calling process.exit(), which can cut off output still in a pipe.
main().then((code) => { process.exitCode = code; }, (error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 2;
});
