/**
 * `npx tsx src/model/write-run.ts --out FILE [the model CLI's flags: --nodes 3 --bug NAME …]`
 *
 * Runs the model checker as src/model/cli.ts does and writes the first finding's trace as a run
 * file (to-run.ts): open it with the page's Runs → Import run, and step through it in the
 * simulated engine. Exit code 0 with a file written, 1 when nothing was found within the bounds,
 * 2 on bad arguments.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from './cli';
import { makeContext } from './context';
import { goalNamed } from './goals';
import { check } from './model';
import { traceToRun } from './to-run';
import { findingTitle } from './worker-protocol';

function main(argv: readonly string[]): number {
  const at = argv.indexOf('--out');
  const out = at >= 0 ? argv[at + 1] : undefined;
  if (!out || out.startsWith('--')) throw new Error('usage: npx tsx src/model/write-run.ts --out FILE [--nodes N --bug NAME … as npm run model]');
  const args = parseArgs([...argv.slice(0, at), ...argv.slice(at + 2)]);
  const context = makeContext(args.bounds, args.bug, args.atomicPersist === undefined ? {} : { atomicPersist: args.atomicPersist });
  const result = check(context, { ...args.search, goal: args.goal ? goalNamed(args.goal) : null });
  const finding = result.findings[0];
  if (!finding) {
    console.log(`model: nothing found within the bounds (${result.distinct} distinct states${result.exhausted ? ', every one explored' : ', not exhausted'}); no run written`);
    return 1;
  }
  const title = findingTitle(args.bug, finding);
  const { run, steps } = traceToRun(finding.actions, context, title);
  writeFileSync(out, JSON.stringify(run, null, 1));
  console.log(`${steps.map((step, i) => `${String(i + 1).padStart(3)}. ${step}`).join('\n')}\nmodel: ${title}; run written to ${out}`);
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 2;
}
