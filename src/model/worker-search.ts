import { BUG_NAMES, makeContext, type ModelContext } from './context';
import { GOALS } from './goals';
import { check } from './model';
import type { SearchOptions, SearchProgress, SearchResult } from './search';
import { traceToRun } from './to-run';
import { findingTitle, requestProblems, type SearchReport, type SearchRequest } from './worker-protocol';

/**
 * The search a page's request asks for (model-worker.ts runs it): refused whole if any field is
 * out of range (the worker trusts no page), else the context and options check() takes — the
 * same pair a search of bug-searches.ts makes, when the form was filled from it.
 */
export function planSearch(request: SearchRequest): { context: ModelContext; options: SearchOptions } {
  const problems = requestProblems(request as unknown as Record<string, unknown>);
  if (problems.length > 0) throw new Error(problems.join('; '));
  if (request.bug !== null && !BUG_NAMES.includes(request.bug)) throw new Error(`unknown bug switch "${request.bug}"`);
  const goal = request.goal === null ? null : GOALS.find((g) => g.name === request.goal);
  if (goal === undefined) throw new Error(`unknown goal "${request.goal}"`);
  const context = makeContext(request.bounds, request.bug, request.atomicPersist === null ? {} : { atomicPersist: request.atomicPersist });
  const options: SearchOptions = { mode: request.mode, symmetry: request.symmetry, seed: request.seed, goal, timeLimitMs: request.timeLimitMs };
  return { context, options };
}

/** Run the request, posting progress now and then (by `clock`) and then one outcome. */
export function runSearch(request: SearchRequest, clock: () => number, post: (report: SearchReport) => void): void {
  const { context, options } = planSearch(request);
  const result = check(context, { ...options, clock, progressEveryMs: 250, onProgress: (progress) => post({ type: 'progress', progress }) });
  const progress = finalProgress(result);
  const finding = result.findings[0];
  if (!finding) return post({ type: 'none', exhausted: result.exhausted, progress });
  const { run, steps } = traceToRun(finding.actions, context, findingTitle(request.bug, finding));
  post({ type: 'found', mode: request.mode, kind: finding.kind, name: finding.name, detail: finding.detail, steps, run, progress });
}

function finalProgress(result: SearchResult): SearchProgress {
  return { generated: result.generated, distinct: result.distinct, depth: result.depth, elapsedMs: result.elapsedMs, visitedBytes: result.visitedBytes };
}
