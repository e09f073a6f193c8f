import type { RunFile } from '../engine/run';
import type { Bounds, BugName } from './context';
import type { SearchOptions, SearchProgress } from './search';

/** The checker's four modes (model.ts), with what the page calls them. */
export const SEARCH_MODES = {
  bfs: 'Breadth-first (the shortest trace)',
  dfs: 'Depth-first',
  random: 'Random walks (seeded)',
  directed: 'Directed, for deep bugs (seeded; trace shrunk)',
} as const satisfies Record<SearchOptions['mode'], string>;

export type SearchMode = keyof typeof SEARCH_MODES;

/**
 * What the page and the model checker's Worker (model-worker.ts) say to each other. The page asks
 * for one search; the worker reports progress now and then, then one outcome. Cancel is the page
 * terminating the worker: the search is one synchronous loop, which no message could interrupt.
 * Nothing here imports the checker, so the page's own code stays free of it.
 */
export interface SearchRequest {
  readonly type: 'search';
  readonly bounds: Bounds;
  readonly bug: BugName | null;
  /** A goal's name (goals.ts), or null to look for a violation of Figure 3. */
  readonly goal: string | null;
  readonly timeLimitMs: number;
  readonly mode: SearchMode;
  /** Symmetry reduction over node ids (symmetry.ts). */
  readonly symmetry: boolean;
  /** Random walks and directed search: the PRNG's seed. */
  readonly seed: number;
  /** Write each batch within its step (context.ts atomicPersist); null: the context's default. */
  readonly atomicPersist: boolean | null;
}

export type SearchReport =
  | { readonly type: 'progress'; readonly progress: SearchProgress }
  | {
    readonly type: 'found';
    readonly kind: 'violation' | 'goal';
    readonly name: string;
    readonly detail: string;
    /** The mode that found it: only breadth-first's trace is the shortest. */
    readonly mode: SearchMode;
    /** Each step explained (to-run.ts explainSteps), and the trace as a run of the simulated engine. */
    readonly steps: readonly string[];
    readonly run: RunFile;
    readonly progress: SearchProgress;
  }
  | { readonly type: 'none'; readonly exhausted: boolean; readonly progress: SearchProgress }
  | { readonly type: 'error'; readonly message: string };

/** Each bound the page offers: its label and the values it takes (small: the search is exhaustive). */
export const BOUND_LIMITS = {
  nodes: { label: 'Nodes', min: 2, max: 5 },
  maxTerm: { label: 'Highest term', min: 1, max: 5 },
  maxLog: { label: 'Longest log', min: 0, max: 4 },
  // Figure 8 (§5.4.2) needs 16 in flight (bug-searches.ts); the directed mode goes that deep.
  maxInflight: { label: 'Messages in flight', min: 1, max: 16 },
  crashes: { label: 'Crashes', min: 0, max: 3 },
  wipes: { label: 'Disk wipes', min: 0, max: 2 },
  drops: { label: 'Drops', min: 0, max: 3 },
  duplicates: { label: 'Duplicates', min: 0, max: 3 },
  proposals: { label: 'Client proposals', min: 0, max: 4 },
  // Optional: left empty, the budget is unbounded (elections, heartbeats) or none (reads).
  elections: { label: 'Elections', min: 0, max: 8, empty: 'unbounded' },
  heartbeats: { label: 'Heartbeats', min: 0, max: 8, empty: 'unbounded' },
  reads: { label: 'Reads (ReadIndex)', min: 0, max: 3, empty: 'none' },
  compactions: { label: 'Snapshots', min: 0, max: 3, empty: 'none' },
} as const satisfies Partial<Record<keyof Bounds, { readonly label: string; readonly min: number; readonly max: number; readonly empty?: string }>>;

/** The bounds the page offers (context.ts has a few more, optional, for deep searches from the CLI). */
export type OfferedBound = keyof typeof BOUND_LIMITS;

/** The search gives up after this long at most (a time-out answers "not found within the time", never a guess). */
export const MAX_TIME_LIMIT_MS = 600_000;

/** What is wrong with a request's bounds, one line per bound; empty when it can run. */
export function boundsProblems(bounds: Readonly<Record<string, unknown>>): string[] {
  const problems: string[] = [];
  for (const [name, limits] of Object.entries(BOUND_LIMITS)) {
    const value = bounds[name];
    if (value === undefined && 'empty' in limits) continue;
    const { label, min, max } = limits;
    if (!wholeIn(value, min, max)) problems.push(`${label} must be a whole number from ${min} to ${max}${'empty' in limits ? ', or empty' : ''} (got ${shown(value)})`);
  }
  // Each heartbeat round is numbered (thesis §6.4): unbounded rounds would be unbounded states (context.ts).
  if (typeof bounds['reads'] === 'number' && bounds['reads'] > 0 && bounds['heartbeats'] === undefined) problems.push('Reads need a heartbeat budget: give Heartbeats a number');
  return problems;
}

/** The largest seed the page takes (the PRNG's seed is a 32-bit unsigned integer). */
export const MAX_SEED = 2 ** 32 - 1;

/**
 * What is wrong with a request, one line per field (its bounds, mode, seed, time limit); empty
 * when it can run. The form and the worker both ask: the worker trusts no page.
 */
export function requestProblems(request: Readonly<Record<string, unknown>>): string[] {
  const problems = boundsProblems((request['bounds'] ?? {}) as Record<string, unknown>);
  const { mode, seed, timeLimitMs } = request;
  if (typeof mode !== 'string' || !(mode in SEARCH_MODES)) problems.push(`Mode must be one of ${Object.keys(SEARCH_MODES).join(', ')} (got ${String(mode)})`);
  if (!wholeIn(seed, 0, MAX_SEED)) problems.push(`Seed must be a whole number from 0 to ${MAX_SEED} (got ${shown(seed)})`);
  if (!wholeIn(timeLimitMs, 1000, MAX_TIME_LIMIT_MS) || (timeLimitMs as number) % 1000 !== 0) {
    problems.push(`Time limit must be a whole number of seconds from 1 to ${MAX_TIME_LIMIT_MS / 1000} (got ${typeof timeLimitMs === 'number' ? shown(timeLimitMs / 1000) : 'nothing'})`);
  }
  return problems;
}

function wholeIn(value: unknown, min: number, max: number): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

function shown(value: unknown): string {
  return value === undefined || (typeof value === 'number' && Number.isNaN(value)) ? 'nothing' : String(value);
}

/**
 * A counterexample's run explains itself (to-run.ts): its note starts with MODEL_RUN_PREFIX, and
 * before each step's actions a note action says what step it is and why. The page finds the steps
 * again in a run it opened (a link, a file) by these, so the explanation travels with the run.
 */
export const MODEL_RUN_PREFIX = 'model checker: ';

export function stepNote(step: number, of: number, text: string): string {
  return `Model step ${step} of ${of}: ${text}`;
}

/** A step note's number, count and text; null for any other note. */
export function parseStepNote(note: string): { step: number; of: number; text: string } | null {
  const match = /^Model step (\d+) of (\d+): ([^]*)$/.exec(note);
  return match ? { step: Number(match[1]), of: Number(match[2]), text: match[3]! } : null;
}

/** A counterexample's title: what was switched on, what was found, in how many steps, and why it is wrong. */
export function findingTitle(bug: string | null, finding: { readonly kind: 'violation' | 'goal'; readonly name: string; readonly detail: string; readonly actions: readonly unknown[] }): string {
  const what = finding.kind === 'goal' ? `goal ${finding.name} (${finding.detail})` : `${finding.name} broken (${finding.detail})`;
  return `${bug ?? 'no bug'}: ${what} in ${finding.actions.length} steps`;
}
