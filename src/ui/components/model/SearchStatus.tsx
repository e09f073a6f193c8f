import { memo, useState } from 'react';
import type { SearchProgress } from '../../../model/search';
import { openRunInSimulator } from '../../app/run-io';
import { clipText } from '../../model/user-text';
import { UserText } from '../common/UserText';
import type { SearchState } from './use-model-search';
import type { SearchMode } from '../../../model/worker-protocol';

/**
 * Where the search stands: a progress bar (time used of the limit, with states, distinct states and
 * depth) and Cancel while it runs; then what it found — each step explained, and the trace to open
 * in the simulated engine — or a clear "nothing within these bounds", or that it was cancelled.
 */
export const SearchStatus = memo(function SearchStatus({ state, cancel }: { state: SearchState; cancel: () => void }) {
  if (state.phase === 'idle') return null;
  if (state.phase === 'running') {
    const elapsed = Math.min(state.progress?.elapsedMs ?? 0, state.timeLimitMs);
    return (
      <div className="model-status" role="status" aria-label="Search status">
        <progress aria-label="Search progress" max={state.timeLimitMs} value={elapsed} />
        <p>Searching… {state.progress ? counts(state.progress) : 'starting the model checker'}</p>
        <button className="btn small" onClick={cancel}>Cancel search</button>
      </div>
    );
  }
  if (state.phase === 'cancelled') {
    return <p className="model-status" role="status" aria-label="Search status">Search cancelled{state.progress ? ` after ${counts(state.progress)}` : ''}: nothing is known beyond what it explored.</p>;
  }
  const { report } = state;
  if (report.type === 'error') return <p className="model-status model-error" role="alert">The search could not run: <UserText text={clipText(report.message, 400)} /></p>;
  if (report.type === 'none') {
    return (
      <p className="model-status" role="status" aria-label="Search status">
        {report.exhausted
          ? `No violation within these bounds: every reachable state was explored (${counts(report.progress)}).`
          : `Nothing found before the time limit (${counts(report.progress)}); the space was not exhausted, so this proves nothing.`}
      </p>
    );
  }
  return <Found report={report} />;
});

function Found({ report }: { report: Extract<Extract<SearchState, { phase: 'done' }>['report'], { type: 'found' }> }) {
  const [error, setError] = useState<string | null>(null);
  const open = (): void => {
    openRunInSimulator(report.run).catch((e: unknown) => setError((e as Error).message));
  };
  const what = report.kind === 'goal' ? `Goal reached: ${report.detail}` : `${report.name} broken: ${report.detail}`;
  return (
    <div className="model-status" role="status" aria-label="Search status">
      <p><strong>{what}</strong> — {TRACE_IS[report.mode]}, {report.steps.length} {report.steps.length === 1 ? 'step' : 'steps'} ({counts(report.progress)}).</p>
      <ol className="trace-list">{report.steps.map((step, i) => <li key={i}>{step}</li>)}</ol>
      <button className="btn primary" onClick={open}>Step through it in the simulator</button>
      <div role="alert" className="model-error">{error && <UserText text={clipText(error, 300)} />}</div>
    </div>
  );
}

/** Only breadth-first search promises the shortest trace; directed search shrinks its own (src/model/shrink.ts). */
const TRACE_IS: Record<SearchMode, string> = {
  bfs: 'the shortest trace', dfs: 'a trace (depth-first: not the shortest)', random: 'a trace (a random walk: not the shortest)', directed: 'a trace shrunk to a locally minimal one',
};

function counts(p: SearchProgress): string {
  return `${p.generated.toLocaleString('en')} states, ${p.distinct.toLocaleString('en')} distinct, depth ${p.depth}, ${(p.elapsedMs / 1000).toFixed(1)} s`;
}
