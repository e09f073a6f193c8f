/**
 * The model checker (src/model, issue 13): distinct states per second on the standard bounds (3
 * nodes, terms ≤ 2, log ≤ 1, 3 in flight, 1 proposal: 30,205 distinct states), memory per visited
 * state on a larger space, and each bug switch's search (bug-searches.ts): its command, the length
 * of the trace it finds and how long it took, and the correct core at the same bounds. One core: the search is a single synchronous loop.
 *
 * Rates are given per CPU second (process.cpuUsage, so other work on a shared machine does not
 * count against it) and per wall second. Each figure is the median of RUNS runs after a cold one
 * (the JIT warming up), with the spread. Run: `npm run bench -- model` or `npx tsx bench/model.bench.ts`.
 */
import { BUG_SEARCHES, searchContext, searchOptions, UNMODELLED_BUGS } from '../src/model/bug-searches';
import { BUG_NEEDS } from '../src/shared/bugs';
import { commandLine } from '../src/model/cli';
import { DEFAULT_BOUNDS, makeContext, type Bounds } from '../src/model/context';
import { check } from '../src/model/model';
import type { SearchOptions, SearchResult } from '../src/model/search';
import { runIfMain, type BenchLine } from './types';

const RUNS = 7;
const TARGET_RATE = 100_000;
const TARGET_BYTES = 64;
/** A space too big to finish, stopped at a million distinct states: for memory per state. */
const LARGE: Bounds = { ...DEFAULT_BOUNDS, maxTerm: 3, maxLog: 2, proposals: 2, maxInflight: 4 };
const LARGE_STATES = 1_000_000;

interface Timed {
  readonly result: SearchResult;
  readonly cpuMs: number;
  readonly wallMs: number;
}

function timed(bounds: Bounds, options: SearchOptions, context = makeContext(bounds)): Timed {
  const cpu = process.cpuUsage();
  const wall = performance.now();
  const result = check(context, { ...options, clock: () => performance.now() });
  const used = process.cpuUsage(cpu);
  return { result, cpuMs: (used.user + used.system) / 1000, wallMs: performance.now() - wall };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1]!;
}

function spread(values: readonly number[]): string {
  return `${Math.round(Math.min(...values)).toLocaleString('en-US')}–${Math.round(Math.max(...values)).toLocaleString('en-US')}`;
}

function rateLines(): BenchLine[] {
  const cold = timed(DEFAULT_BOUNDS, { mode: 'bfs' });
  const runs = Array.from({ length: RUNS }, () => timed(DEFAULT_BOUNDS, { mode: 'bfs' }));
  const distinct = cold.result.distinct;
  const cpuRates = runs.map((r) => r.result.distinct / (r.cpuMs / 1000));
  const wallRates = runs.map((r) => r.result.distinct / (r.wallMs / 1000));
  const what = `standard bounds (3 nodes, terms ≤ 2, log ≤ 1, 3 in flight, 1 proposal), BFS: ${distinct.toLocaleString('en-US')} distinct states, depth ${cold.result.depth}`;
  return [
    {
      name: 'model: distinct states per CPU second', value: Math.round(median(cpuRates)), unit: 'states/s',
      detail: `${what}; median of ${RUNS} after a cold run (${Math.round(distinct / (cold.cpuMs / 1000)).toLocaleString('en-US')}/s cold), spread ${spread(cpuRates)}; target ≥ ${TARGET_RATE.toLocaleString('en-US')}`,
    },
    {
      name: 'model: distinct states per wall second', value: Math.round(median(wallRates)), unit: 'states/s',
      detail: `the same runs by the wall clock, spread ${spread(wallRates)} (a shared machine slows these)`,
    },
  ];
}

function memoryLines(): BenchLine[] {
  const heapBefore = process.memoryUsage().heapUsed;
  let heapPeak = heapBefore;
  const run = timed(LARGE, {
    mode: 'bfs', maxStates: LARGE_STATES, progressEveryMs: 0,
    onProgress: () => { heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed); },
  });
  const { distinct, visitedBytes } = run.result;
  const what = `3 nodes, terms ≤ 3, log ≤ 2, 4 in flight, 2 proposals, BFS stopped at ${distinct.toLocaleString('en-US')} distinct states (depth ${run.result.depth}) in ${(run.wallMs / 1000).toFixed(1)} s, ${Math.round(distinct / (run.cpuMs / 1000)).toLocaleString('en-US')} distinct states per CPU second`;
  return [
    {
      name: 'model: visited set, bytes per distinct state', value: Math.round((visitedBytes / distinct) * 10) / 10, unit: 'bytes',
      detail: `${what}; the typed arrays' capacity (64-bit fingerprint, parent id, hash slots) over the states held; target ≤ ${TARGET_BYTES}`,
    },
    {
      name: 'model: heap per distinct state, peak', value: Math.round((heapPeak - heapBefore) / distinct), unit: 'bytes',
      detail: 'the peak JavaScript heap over the search less the heap before it, per state: the visited set plus the BFS frontier (whole states) and the memo of node steps; sampled at progress reports',
    },
  ];
}

function bugLines(): BenchLine[] {
  return BUG_SEARCHES.map((search) => {
    const context = searchContext(search);
    const runs = Array.from({ length: 3 }, () => timed(search.bounds, searchOptions(search), context));
    const found = runs[0]!.result.findings[0];
    const steps = found ? found.actions.length : -1;
    const kind = search.options.mode === 'bfs' ? 'shortest' : 'shrunk, locally minimal';
    const command = commandLine(search.bounds, search.bug, search.options, search);
    return {
      name: `model: ${search.bug} found in`, value: Math.round(median(runs.map((r) => r.wallMs))), unit: 'ms',
      detail: found
        ? `${found.name}, trace of ${steps} steps (${kind}), ${runs[0]!.result.distinct.toLocaleString('en-US')} distinct states; median of 3 by the wall clock, spread ${spread(runs.map((r) => r.wallMs))} ms, ${Math.round(median(runs.map((r) => r.cpuMs)))} ms of CPU; targets ≤ 60 s, ≤ 40 steps; ${command}`
        : `NOT FOUND within its search: ${command}`,
    };
  });
}

/**
 * The other half of each breadth-first bug search: the correct core at the same bounds, explored
 * whole, finds nothing — so what the search finds is the bug's, not the bounds'. (Figure 8's
 * directed search is not exhaustive: there is nothing to explore whole.)
 */
function correctCoreLines(): BenchLine[] {
  return BUG_SEARCHES.filter((search) => search.options.mode === 'bfs').map((search) => {
    const { result, wallMs, cpuMs } = timed(search.bounds, searchOptions(search), searchContext(search, true));
    const verdict = result.findings.length > 0 ? `FOUND ${result.findings[0]!.name} on the correct core` : result.exhausted ? 'exhausted, nothing found' : 'not exhausted';
    return {
      name: `model: the correct core at ${search.bug}'s bounds`, value: result.distinct, unit: 'distinct states',
      detail: `${verdict}; ${(wallMs / 1000).toFixed(1)} s wall, ${(cpuMs / 1000).toFixed(1)} s CPU; ${commandLine(search.bounds, null, search.options, { ...search, features: BUG_NEEDS[search.bug] ?? {} })}`,
    };
  });
}

export default async function modelBench(): Promise<BenchLine[]> {
  const unmodelled: BenchLine[] = Object.entries(UNMODELLED_BUGS).map(([bug, why]) => ({ name: `model: ${bug}`, value: 0, unit: 'not modelled', detail: why }));
  return [...rateLines(), ...memoryLines(), ...bugLines(), ...correctCoreLines(), ...unmodelled];
}

runIfMain(import.meta.url, modelBench);
