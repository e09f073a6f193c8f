/**
 * `npm run bench [-- name ...]`: every benchmark, or the named ones. Timing claims live here, never
 * in tests. Modules: core, lab, chaos, linearizability, runtime and ui (these two need a build: npm run build).
 * long-run (a build too) runs for 20 minutes, so only when named: `npm run bench -- long-run --minutes 3`.
 * reads (a build too: gets by lease, ReadIndex and the log in the live runtime) only when named.
 * time-travel (seeks in a 10-minute simulated run, checkpoint memory, replay speed) only when named.
 * lab-page (a build too: the 21 lab tests run in the page) only when named.
 * diagram (a build too: the space-time diagram scrolling through 5,000 messages) only when named.
 */
import type { BenchLine, BenchModule } from './types';

const MODULES: Record<string, () => Promise<{ default: BenchModule }>> = {
  lab: () => import('./lab.bench'),
  core: () => import('./core.bench'),
  chaos: () => import('./chaos.bench'),
  linearizability: () => import('./linearizability.bench'),
  runtime: () => import('./runtime.bench'),
  ui: () => import('./ui.bench'),
  'long-run': () => import('./long-run.bench'),
  'sim-engine': () => import('./sim-engine.bench'),
  'time-travel': () => import('./time-travel.bench'),
  reads: () => import('./reads.bench'),
  'lab-page': () => import('./lab-page.bench'),
  diagram: () => import('./diagram.bench'),
  model: () => import('./model.bench'),
};

/** Run by default; the others only when named. */
const DEFAULT_SET = ['lab', 'core', 'chaos', 'linearizability', 'runtime', 'ui'];

async function main(): Promise<number> {
  // Flags (`--minutes 3`) are for the modules, which read process.argv themselves.
  const args = process.argv.slice(2);
  const wanted = args.filter((arg, i) => !arg.startsWith('--') && !args[i - 1]?.startsWith('--'));
  const unknown = wanted.filter((name) => !(name in MODULES));
  if (unknown.length > 0) throw new Error(`unknown benchmark ${unknown.join(', ')}; known: ${Object.keys(MODULES).join(', ')}`);
  let failed = 0;
  for (const name of wanted.length > 0 ? wanted : DEFAULT_SET) {
    console.log(`\n## ${name}`);
    try {
      const lines: BenchLine[] = await (await MODULES[name]!()).default();
      for (const line of lines) console.log(`${line.name}: ${line.value.toLocaleString('en-US')} ${line.unit}${line.detail ? `  (${line.detail})` : ''}`);
    } catch (error) {
      failed++;
      console.log(`${name} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return failed === 0 ? 0 : 1;
}

main().then((code) => { process.exitCode = code; }, (error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 2;
});
