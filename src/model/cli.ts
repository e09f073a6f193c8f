/**
 * `npx tsx src/model/cli.ts --nodes 3 --max-term 3 --max-log 2 --max-inflight 4 --crashes 1
 *  [--drops N] [--dups N] [--proposals N] [--elections N] [--heartbeats N] [--reads N] [--compactions N] [--bug NAME] [--features F,G] [--mode bfs|dfs|random|directed] [--goal NAME]
 *  [--seed S] [--walks N] [--max-depth N] [--max-states N] [--time-limit SECONDS] [--persist atomic|step] [--symmetry] [--kv] [--out FILE]`
 *
 * Model-checks the real Raft core (src/raft) within the bounds. A progress line goes to stderr;
 * a violation (or a goal reached) prints its trace as readable steps and writes the first as a run
 * file (--out FILE, else one in the temporary folder) for the page; the last line is
 * `model: D distinct states, depth K, V violation(s) in S s (R distinct states/s)`, and the exit
 * code is 1 when V > 0.
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LAB_FEATURES, type RaftFeatures } from '../raft/config';
import { BUG_NAMES, DEFAULT_BOUNDS, makeContext, type BugName, type Bounds, type ModelContext } from './context';
import { GOALS, goalNamed } from './goals';
import { check } from './model';
import type { SearchOptions, SearchProgress, SearchResult } from './search';
import { traceToRun } from './to-run';
import { describeTrace } from './trace';
import { findingTitle, SEARCH_MODES, type SearchMode } from './worker-protocol';

interface Args {
  bounds: Bounds;
  bug: BugName | null;
  goal: string | null;
  atomicPersist: boolean | undefined;
  /** Model the key-value store, its clients, and linearizability (clients.ts). */
  kv?: boolean;
  /** Production mechanisms on without a bug (a bug switch turns its own on: shared/bugs.ts BUG_NEEDS). */
  features?: Partial<RaftFeatures>;
  search: Omit<SearchOptions, 'goal' | 'clock' | 'onProgress'>;
}

const BOUND_FLAGS: Record<string, keyof Bounds> = {
  '--nodes': 'nodes', '--max-term': 'maxTerm', '--max-log': 'maxLog', '--max-inflight': 'maxInflight',
  '--crashes': 'crashes', '--wipes': 'wipes', '--drops': 'drops', '--dups': 'duplicates', '--proposals': 'proposals',
  '--elections': 'elections', '--heartbeats': 'heartbeats', '--reads': 'reads', '--compactions': 'compactions',
};

const USAGE = 'usage: npx tsx src/model/cli.ts [--nodes N] [--max-term N] [--max-log N] [--max-inflight N] [--crashes N] [--wipes N] [--drops N] [--dups N] [--proposals N] [--elections N] [--heartbeats N] [--reads N] [--compactions N] [--bug NAME] [--features F,G] [--mode bfs|dfs|random|directed] [--goal NAME] [--seed S] [--walks N] [--max-depth N] [--max-states N] [--time-limit SECONDS] [--persist atomic|step] [--symmetry] [--kv] [--out FILE]';

export function parseArgs(argv: readonly string[]): Args {
  const bounds: { -readonly [K in keyof Bounds]: Bounds[K] } = { ...DEFAULT_BOUNDS };
  const args: Args = { bounds, bug: null, goal: null, atomicPersist: undefined, search: { mode: 'bfs' } };
  const search: { -readonly [K in keyof Args['search']]: Args['search'][K] } = args.search;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = argv[++i];
    const int = (): number => {
      const n = Number(value);
      if (value === undefined || !Number.isInteger(n) || n < 0) throw new Error(`${flag} needs a non-negative integer`);
      return n;
    };
    if (flag in BOUND_FLAGS) bounds[BOUND_FLAGS[flag]!] = int();
    else if (flag === '--bug') args.bug = oneOf(flag, value, BUG_NAMES);
    else if (flag === '--goal') args.goal = oneOf(flag, value, GOALS.map((g) => g.name));
    else if (flag === '--mode') search.mode = oneOf(flag, value, Object.keys(SEARCH_MODES) as SearchMode[]);
    else if (flag === '--seed') search.seed = int();
    else if (flag === '--walks') search.walks = int();
    else if (flag === '--max-depth') search.maxDepth = int();
    else if (flag === '--max-states') search.maxStates = int();
    else if (flag === '--max-findings') search.maxFindings = int();
    else if (flag === '--time-limit') search.timeLimitMs = int() * 1000;
    else if (flag === '--symmetry') { search.symmetry = true; i--; }
    else if (flag === '--kv') { args.kv = true; i--; }
    else if (flag === '--features') args.features = featuresOf(value);
    else if (flag === '--persist') args.atomicPersist = oneOf(flag, value, ['atomic', 'step'] as const) === 'atomic';
    else throw new Error(`unknown argument ${flag}\n${USAGE}`);
  }
  if (bounds.nodes < 1) throw new Error('--nodes must be at least 1');
  return args;
}

/** `--features preVote,readIndex`: each a feature of src/raft/config.ts, on. */
function featuresOf(value: string | undefined): Partial<RaftFeatures> {
  const names = (value ?? '').split(',');
  const known = Object.keys(LAB_FEATURES) as (keyof RaftFeatures)[];
  for (const name of names) oneOf('--features', name, known);
  return Object.fromEntries(names.map((name) => [name, true]));
}

/** The command line that runs this search: parseArgs() reads back what it writes. */
export function commandLine(bounds: Bounds, bug: BugName | null, search: Args['search'], extra: { atomicPersist?: boolean; goal?: string; features?: Partial<RaftFeatures> } = {}): string {
  const { atomicPersist, goal, features } = extra;
  const parts = ['npm run model --'];
  for (const [flag, key] of Object.entries(BOUND_FLAGS)) if (bounds[key] !== undefined) parts.push(flag, String(bounds[key]));
  if (bug) parts.push('--bug', bug);
  if (goal) parts.push('--goal', goal);
  const on = Object.entries(features ?? {}).filter(([, value]) => value).map(([name]) => name);
  if (on.length > 0) parts.push('--features', on.join(','));
  parts.push('--mode', search.mode);
  if (search.seed !== undefined) parts.push('--seed', String(search.seed));
  if (search.maxStates !== undefined) parts.push('--max-states', String(search.maxStates));
  if (search.symmetry) parts.push('--symmetry');
  if (atomicPersist !== undefined) parts.push('--persist', atomicPersist ? 'atomic' : 'step');
  return parts.join(' ');
}

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T {
  if (!allowed.includes(value as T)) throw new Error(`${flag} must be one of ${allowed.join(', ')}`);
  return value as T;
}

function progressLine(p: SearchProgress): string {
  const heapMb = process.memoryUsage().heapUsed / 2 ** 20;
  const rate = Math.round(p.distinct / (p.elapsedMs / 1000));
  return `  states ${p.generated}, distinct ${p.distinct}, depth ${p.depth}, ${rate} distinct/s, visited set ${(p.visitedBytes / 2 ** 20).toFixed(1)} MB, heap ${heapMb.toFixed(0)} MB`;
}

export function summaryLine(result: SearchResult): string {
  const seconds = result.elapsedMs / 1000;
  const violations = result.findings.length;
  const rate = seconds > 0 ? Math.round(result.distinct / seconds) : result.distinct;
  return `model: ${result.distinct} distinct states, depth ${result.depth}, ${violations} violation(s) in ${seconds.toFixed(1)} s (${rate} distinct states/s)`;
}

/**
 * `--out FILE`: where the first finding goes as a run file (to-run.ts), to open with the page's
 * Runs → Import run and step through in the simulated engine; without it, a file in the system's
 * temporary folder named for the bug or goal.
 */
export function takeOut(argv: readonly string[]): { out: string | null; rest: string[] } {
  const at = argv.indexOf('--out');
  if (at < 0) return { out: null, rest: [...argv] };
  const out = argv[at + 1];
  if (!out || out.startsWith('--')) throw new Error('--out needs a file name');
  return { out, rest: [...argv.slice(0, at), ...argv.slice(at + 2)] };
}

function writeRun(finding: SearchResult['findings'][number], context: ModelContext, args: Args, out: string | null): void {
  const file = out ?? join(tmpdir(), `raftlab-model-${args.bug ?? args.goal ?? 'trace'}.run.json`);
  try {
    const { run } = traceToRun(finding.actions, context, findingTitle(args.bug, finding));
    writeFileSync(file, JSON.stringify(run, null, 1));
    console.log(`run file: ${file} (open it with Runs → Import run, and step through it in the simulated engine)`);
  } catch (error) {
    console.log(`no run file: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function main(): number {
  const { out, rest } = takeOut(process.argv.slice(2));
  const args = parseArgs(rest);
  const context = makeContext(args.bounds, args.bug, { ...(args.atomicPersist === undefined ? {} : { atomicPersist: args.atomicPersist }), ...(args.kv ? { kv: true } : {}), ...(args.features ? { features: args.features } : {}) });
  const b = args.bounds;
  console.log(`model: ${b.nodes} nodes, terms ≤ ${b.maxTerm}, log ≤ ${b.maxLog}, in flight ≤ ${b.maxInflight}, crashes ${b.crashes}, wipes ${b.wipes}, drops ${b.drops}, duplicates ${b.duplicates}, proposals ${b.proposals}${b.elections === undefined ? '' : `, elections ${b.elections}`}${b.heartbeats === undefined ? '' : `, heartbeats ${b.heartbeats}`}${b.reads === undefined ? '' : `, reads ${b.reads} (ReadIndex)`}${b.compactions === undefined ? '' : `, snapshots ${b.compactions}`}; `
    + `bug ${args.bug ?? 'none'}; features ${(Object.entries(context.config.features).filter(([, on]) => on).map(([name]) => name).join(', ')) || 'none (the paper\'s Raft)'}; goal ${args.goal ?? 'none'}; ${args.search.mode}${args.search.mode === 'random' || args.search.mode === 'directed' ? ` seed ${args.search.seed ?? 1}` : ''}; persist ${context.atomicPersist ? 'atomic' : 'as a step'}${args.search.symmetry ? '; symmetry reduction' : ''}${context.kv ? '; key-value store and clients' : ''}`);
  const goal = args.goal ? goalNamed(args.goal) : null;
  const result = check(context, {
    ...args.search, goal, clock: () => performance.now(), onProgress: (p) => console.error(progressLine(p)),
  });
  for (const finding of result.findings) {
    const what = finding.kind === 'goal' ? `goal ${finding.name} reached: ${finding.detail}` : `VIOLATION of ${finding.name}: ${finding.detail}`;
    console.log(`\n${what}\ntrace of ${finding.actions.length} step(s)${args.search.mode === 'bfs' ? ' (shortest)' : ''}:`);
    console.log(describeTrace(finding.actions, context).join('\n'));
  }
  if (result.findings[0]) writeRun(result.findings[0], context, args, out);
  if (result.findings.length === 0) console.log(result.exhausted ? 'every reachable state within the bounds explored' : 'search stopped at a limit: the space is not exhausted');
  console.log(summaryLine(result));
  return result.findings.length > 0 ? 1 : 0;
}

if (process.argv[1]?.endsWith('cli.ts')) {
  try {
    process.exitCode = main();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 2;
  }
}
