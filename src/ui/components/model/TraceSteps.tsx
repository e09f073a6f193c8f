import { memo, useState } from 'react';
import { exploreOf, timeTravelOf } from '../../../engine/cluster';
import { usePageApp, useAppState } from '../../app/context';
import { clipText } from '../../model/user-text';
import { UserText } from '../common/UserText';
import type { OpenedTrace } from './opened-trace';
import { performStep } from './step-live';

/** A step's explanation is cut here in the list (a run file is anyone's text). */
const STEP_CHARS = 600;

/**
 * A counterexample opened in the simulated engine, step by step (issue 13, item 5). It opens at
 * its end; each model step is one virtual ms of the run (src/model/to-run.ts), so Previous and Next
 * travel through the recorded run. "Back to the start" goes to its beginning, and from there Next
 * makes each step happen anew, as explore mode's choices (step-live.ts): the page's invariant
 * checker watches every state and reports the violation when the step that breaks it is taken.
 */
export const TraceSteps = memo(function TraceSteps({ trace }: { trace: OpenedTrace }) {
  const { store, cluster } = usePageApp();
  const travel = cluster ? timeTravelOf(cluster) : null;
  const explore = cluster ? exploreOf(cluster) : null;
  const at = useAppState((s) => s.run?.at ?? 0);
  // Steps taken anew since "Back to the start"; null while travelling the recorded run.
  const [taken, setTaken] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const count = trace.steps.length;
  const done = taken ?? trace.steps.filter((step) => step.at <= at).length;
  const act = (work: () => Promise<void>) => async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const seek = (at: number): Promise<void> => store.getState().travel(() => travel!.seek(at));
  const start = act(async () => {
    await seek(0);
    setTaken(0);
  });
  const previous = act(() => seek(trace.steps[done - 2]?.at ?? 0));
  const next = act(async () => {
    if (taken === null) return seek(trace.steps[done]!.at);
    await performStep(cluster!, explore!, trace.steps[taken]!);
    setTaken(taken + 1);
  });
  if (!travel || !explore || !cluster) return null;
  return (
    <section className="trace-steps" aria-label="Counterexample steps">
      <p className="pop-intro"><strong>Counterexample:</strong> <UserText text={clipText(trace.title, 400)} /></p>
      <p className="muted small">
        {taken === null
          ? 'Previous and Next travel through the recorded run. Back to the start, then Next, takes each step anew, so that the page\'s invariant checker sees every state.'
          : 'Each Next takes the step anew (explore mode\'s choices): the page\'s invariant checker sees every state.'}
      </p>
      <div className="trace-nav">
        <button className="btn small" disabled={busy} onClick={() => void start()}>Back to the start</button>
        <button className="btn small" disabled={busy || taken !== null || done === 0} onClick={() => void previous()}>Previous step</button>
        <button className="btn small" disabled={busy || done >= count} onClick={() => void next()}>Next step</button>
        <span className="muted small" role="status" data-testid="trace-position">{done === 0 ? `Before step 1 of ${count}` : `After step ${done} of ${count}`}</span>
      </div>
      <div role="alert" className="model-error">{error && <UserText text={clipText(error, 300)} />}</div>
      <ol className="trace-list">
        {trace.steps.map((step, i) => (
          <li key={i} className={i + 1 === done ? 'current' : i + 1 < done ? 'done' : ''} aria-current={i + 1 === done ? 'step' : undefined}>
            <UserText text={clipText(step.text, STEP_CHARS)} />
          </li>
        ))}
      </ol>
    </section>
  );
});
