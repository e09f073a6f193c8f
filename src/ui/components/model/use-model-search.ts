import { useCallback, useEffect, useRef, useState } from 'react';
import type { SearchProgress } from '../../../model/search';
import type { SearchReport, SearchRequest } from '../../../model/worker-protocol';

/** Where a search stands, as the panel shows it. */
export type SearchState =
  | { readonly phase: 'idle' }
  | { readonly phase: 'running'; readonly progress: SearchProgress | null; readonly timeLimitMs: number }
  | { readonly phase: 'cancelled'; readonly progress: SearchProgress | null }
  | { readonly phase: 'done'; readonly report: Extract<SearchReport, { type: 'found' | 'none' | 'error' }> };

/**
 * One model-checker search at a time, each in a Worker of its own (src/model/model-worker.ts,
 * loaded only when a search starts). Cancel terminates the worker: the search is a synchronous
 * loop, so that is the only way to stop it at once. Unmounting cancels too.
 */
export function useModelSearch(): { state: SearchState; start: (request: Omit<SearchRequest, 'type'>) => void; cancel: () => void } {
  const [state, setState] = useState<SearchState>({ phase: 'idle' });
  const worker = useRef<Worker | null>(null);

  const stop = useCallback((): void => {
    worker.current?.terminate();
    worker.current = null;
  }, []);

  const start = useCallback((request: Omit<SearchRequest, 'type'>): void => {
    stop();
    const spawned = new Worker(new URL('../../../model/model-worker.ts', import.meta.url), { type: 'module' });
    worker.current = spawned;
    setState({ phase: 'running', progress: null, timeLimitMs: request.timeLimitMs });
    spawned.onmessage = (event: MessageEvent<SearchReport>) => {
      if (worker.current !== spawned) return;
      const report = event.data;
      if (report.type === 'progress') {
        setState({ phase: 'running', progress: report.progress, timeLimitMs: request.timeLimitMs });
        return;
      }
      stop();
      setState({ phase: 'done', report });
    };
    spawned.onerror = (event) => {
      if (worker.current !== spawned) return;
      stop();
      setState({ phase: 'done', report: { type: 'error', message: event.message || 'the model checker\'s worker failed to start' } });
    };
    spawned.postMessage({ type: 'search', ...request } satisfies SearchRequest);
  }, [stop]);

  const cancel = useCallback((): void => {
    if (!worker.current) return;
    stop();
    setState((s) => ({ phase: 'cancelled', progress: s.phase === 'running' ? s.progress : null }));
  }, [stop]);

  useEffect(() => stop, [stop]);
  return { state, start, cancel };
}
