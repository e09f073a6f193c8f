/**
 * `npm run lab -- [partN [name]] [--seed N]`: run lab tests in the simulator and print the lab's
 * report format, with virtual time added.
 */
import { replayCommand, runLabTest } from './run';
import { selectTests } from './suite';
import { fullName } from './types';

function parseArgs(argv: string[]): { part?: string; name?: string; seed: number } {
  const positional: string[] = [];
  let seed: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--seed') {
      const value = Number(argv[++i]);
      if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) throw new Error(`--seed needs an integer from 0 to ${0xffffffff}`);
      seed = value;
    } else if (arg.startsWith('--')) {
      throw new Error(`unknown option ${arg}; usage: npm run lab -- [partN [name]] [--seed N]`);
    } else positional.push(arg);
  }
  const [part, name] = positional;
  return { ...(part ? { part } : {}), ...(name ? { name } : {}), seed: seed ?? (Date.now() >>> 0) };
}

async function main(): Promise<number> {
  const { part, name, seed } = parseArgs(process.argv.slice(2));
  const tests = selectTests(part, name);
  console.log(`Running ${tests.length} Tests ... (seed ${seed})`);
  const started = performance.now();
  let passed = 0;
  let virtualMs = 0;
  for (const test of tests) {
    console.log(`Test (${fullName(test)}): ${test.description}`);
    const result = await runLabTest(test, seed);
    virtualMs += result.virtualMs;
    const times = `wall-time: ${(result.wallMs / 1000).toFixed(2)}s, virtual-time: ${(result.virtualMs / 1000).toFixed(2)}s`;
    if (result.ok) {
      passed++;
      console.log(`Pass (${result.test}). ${times}`);
    } else {
      console.log(`Fail (${result.test}). ${times}\n  ${result.error}\n  seed ${seed}; replay: ${replayCommand(test, seed)}`);
    }
  }
  const wall = (performance.now() - started) / 1000;
  console.log(`Pass ${passed}/${tests.length} tests. wall-time: ${wall.toFixed(2)}s, virtual-time: ${(virtualMs / 1000).toFixed(2)}s`);
  return passed === tests.length ? 0 : 1;
}

// Set the exit code rather than calling process.exit(), which can cut off output still in a pipe.
main().then((code) => { process.exitCode = code; }, (error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 2;
});
