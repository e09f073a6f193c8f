/**
 * The model checker's Worker (issue 13, item 5): one search per worker, off the page's thread.
 * It reports progress about every quarter second and then its outcome; a counterexample comes with
 * each step explained and as a run of the simulated engine (to-run.ts), which the page opens.
 * The search itself is worker-search.ts, which tests run without a Worker.
 */
import { runSearch } from './worker-search';
import type { SearchReport, SearchRequest } from './worker-protocol';

interface WorkerScope {
  onmessage: ((event: MessageEvent) => void) | null;
  postMessage(message: unknown): void;
}

const scope = self as unknown as WorkerScope;
const post = (report: SearchReport): void => scope.postMessage(report);

scope.onmessage = (event) => {
  try {
    runSearch(event.data as SearchRequest, () => performance.now(), post);
  } catch (error) {
    post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
};
