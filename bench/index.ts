/**
 * `npm run bench [-- name ...]`: every benchmark, or the named ones. Timing claims live here, never
 * in tests. Modules: core, lab, chaos, linearizability, runtime and ui (these two need a build: npm run build).
 */
import type { BenchLine, BenchModule } from './types';

const MODULES: Record<string, () => Promise<{ default: BenchModule }>> = {
  lab: () => import('./lab.bench'),
  core: () => import('./core.bench'),
  chaos: () => import('./chaos.bench'),
  linearizability: () => import('./linearizability.bench'),
  runtime: () => import('./runtime.bench'),
  ui: () => import('./ui.bench'),
};

async function main(): Promise<number> {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((name) => !(name in MODULES));
  if (unknown.length > 0) throw new Error(`unknown benchmark ${unknown.join(', ')}; known: ${Object.keys(MODULES).join(', ')}`);
  let failed = 0;
  for (const name of wanted.length > 0 ? wanted : Object.keys(MODULES)) {
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
