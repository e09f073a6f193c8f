/**
 * The model checker's Worker (issue 13, item 5): one search per worker, off the page's thread.
 * It reports progress about every quarter second and then its outcome; a counterexample comes with
 * each step explained and as a run of the simulated engine (to-run.ts), which the page opens.
 */
import { BUG_NAMES, makeContext } from './context';
import { GOALS } from './goals';
import { check } from './model';
import type { SearchProgress, SearchResult } from './search';
import { traceToRun } from './to-run';
import { boundsProblems, findingTitle, MAX_TIME_LIMIT_MS, type SearchReport, type SearchRequest } from './worker-protocol';

interface WorkerScope {
  onmessage: ((event: MessageEvent) => void) | null;
  postMessage(message: unknown): void;
}

const scope = self as unknown as WorkerScope;
const post = (report: SearchReport): void => scope.postMessage(report);

scope.onmessage = (event) => {
  try {
    search(event.data as SearchRequest);
  } catch (error) {
    post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
};

function search(request: SearchRequest): void {
  const problems = boundsProblems(request.bounds as unknown as Record<string, unknown>);
  if (problems.length > 0) throw new Error(problems.join('; '));
  if (request.bug !== null && !BUG_NAMES.includes(request.bug)) throw new Error(`unknown bug switch "${request.bug}"`);
  const goal = request.goal === null ? null : GOALS.find((g) => g.name === request.goal);
  if (goal === undefined) throw new Error(`unknown goal "${request.goal}"`);
  const context = makeContext(request.bounds, request.bug);
  const result = check(context, {
    mode: 'bfs', symmetry: true, goal, timeLimitMs: Math.min(request.timeLimitMs, MAX_TIME_LIMIT_MS),
    clock: () => performance.now(), progressEveryMs: 250, onProgress: (progress) => post({ type: 'progress', progress }),
  });
  const progress = finalProgress(result);
  const finding = result.findings[0];
  if (!finding) return post({ type: 'none', exhausted: result.exhausted, progress });
  const { run, steps } = traceToRun(finding.actions, context, findingTitle(request.bug, finding));
  post({ type: 'found', kind: finding.kind, name: finding.name, detail: finding.detail, steps, run, progress });
}

function finalProgress(result: SearchResult): SearchProgress {
  return { generated: result.generated, distinct: result.distinct, depth: result.depth, elapsedMs: result.elapsedMs, visitedBytes: result.visitedBytes };
}
