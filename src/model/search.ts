import { notLinearizable } from './kv-checks';
import type { ModelContext } from './context';
import { stateFingerprint } from './encode';
import type { Fingerprint } from './hash';
import { allRelabellings, canonicalFingerprint } from './symmetry';
import type { Goal } from './goals';
import { checkState, checkStep } from './invariants';
import { initialState } from './successors';
import type { Action, SystemState } from './types';

/** What the search found: a broken invariant, or a goal reached. `actions` lead there from the initial state. */
export interface Finding {
  readonly kind: 'violation' | 'goal';
  readonly name: string;
  readonly detail: string;
  readonly actions: readonly Action[];
}

export interface SearchProgress {
  readonly generated: number;
  readonly distinct: number;
  readonly depth: number;
  readonly elapsedMs: number;
  readonly visitedBytes: number;
}

export interface SearchOptions {
  /** Directed: Go-Explore over cells of node beliefs, for deep bugs (directed.ts). */
  readonly mode: 'bfs' | 'dfs' | 'random' | 'directed';
  /** Symmetry reduction over node ids (symmetry.ts). */
  readonly symmetry?: boolean;
  readonly goal?: Goal | null;
  /** Stop after this many findings (default 1: the first, which in BFS has the shortest trace). */
  readonly maxFindings?: number;
  readonly maxDepth?: number;
  readonly maxStates?: number;
  readonly timeLimitMs?: number;
  /** Random walk and directed search: the seed; random walk: how many walks, how deep each. */
  readonly seed?: number;
  readonly walks?: number;
  /** Wall-clock milliseconds, for the report line and progress only: nothing the search decides depends on it. */
  readonly clock?: () => number;
  readonly onProgress?: (progress: SearchProgress) => void;
  readonly progressEveryMs?: number;
}

export interface SearchResult {
  readonly distinct: number;
  readonly generated: number;
  /** The deepest level reached (BFS: every state up to it was explored). */
  readonly depth: number;
  readonly findings: readonly Finding[];
  /** True when every reachable state within the bounds was explored. */
  readonly exhausted: boolean;
  readonly elapsedMs: number;
  readonly visitedBytes: number;
}

/**
 * What is wrong with a state reached from `parent` (null: the initial state), if anything. A state
 * not `fresh` was judged when first reached: only the step from `parent` is checked.
 */
export function judge(state: SystemState, parent: SystemState | null, goal: Goal | null, fresh = true): Omit<Finding, 'actions'> | null {
  const step = parent ? checkStep(parent, state) : null;
  const violation = step ?? (fresh ? checkState(state) : null);
  if (violation) return { kind: 'violation', name: violation.invariant, detail: violation.detail };
  const history = fresh && answeredNow(state, parent) ? notLinearizable(state.clients) : null;
  if (history) return { kind: 'violation', name: 'Linearizability', detail: history };
  if (goal?.reached(state, parent)) return { kind: 'goal', name: goal.name, detail: goal.question };
  return null;
}

/** A client was answered in this step (clients.ts): the history to check has grown by an answer. */
function answeredNow(state: SystemState, parent: SystemState | null): boolean {
  const events = state.clients.events;
  return events.length > (parent?.clients.events.length ?? 0) && events.some((e, i) => e.kind === 'return' && i >= (parent?.clients.events.length ?? 0));
}

/** Shared bookkeeping of the three modes: limits, progress, findings. */
export class SearchRun {
  readonly findings: Finding[] = [];
  generated = 0;
  depth = 0;
  private readonly started: number;
  private lastProgress: number;

  constructor(readonly context: ModelContext, readonly options: SearchOptions) {
    this.started = this.now();
    this.lastProgress = this.started;
    const relabellings = allRelabellings(context.members.length);
    this.fingerprint = options.symmetry ? (state) => canonicalFingerprint(state, relabellings) : (state) => stateFingerprint(state);
  }

  get initial(): SystemState {
    return initialState(this.context);
  }

  get goal(): Goal | null {
    return this.options.goal ?? null;
  }

  /** The visited set's key for a state: canonical over node renamings with symmetry on. */
  readonly fingerprint: (state: SystemState) => Fingerprint;

  /** True when the search should stop: enough findings, or a limit reached. */
  done(distinct: number): boolean {
    if (this.findings.length >= (this.options.maxFindings ?? 1)) return true;
    if (this.options.maxStates !== undefined && distinct >= this.options.maxStates) return true;
    return this.options.timeLimitMs !== undefined && (this.generated & 1023) === 0 && this.elapsed() >= this.options.timeLimitMs;
  }

  /** Call once per state generated: reports progress now and then. */
  tick(distinct: number, visitedBytes: number): void {
    this.generated++;
    if ((this.generated & 4095) !== 0 || !this.options.onProgress) return;
    const now = this.now();
    if (now - this.lastProgress < (this.options.progressEveryMs ?? 1000)) return;
    this.lastProgress = now;
    this.options.onProgress({ generated: this.generated, distinct, depth: this.depth, elapsedMs: now - this.started, visitedBytes });
  }

  elapsed(): number {
    return this.now() - this.started;
  }

  result(distinct: number, exhausted: boolean, visitedBytes: number): SearchResult {
    return { distinct, generated: this.generated, depth: this.depth, findings: this.findings, exhausted, elapsedMs: this.elapsed(), visitedBytes };
  }

  private now(): number {
    return this.options.clock ? this.options.clock() : 0;
  }
}
