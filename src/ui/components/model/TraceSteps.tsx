import { memo } from 'react';
import { timeTravelOf } from '../../../engine/cluster';
import { usePageApp, useAppState } from '../../app/context';
import { clipText } from '../../model/user-text';
import { UserText } from '../common/UserText';
import type { OpenedTrace } from './opened-trace';

/** A step's explanation is cut here in the list (a run file is anyone's text). */
const STEP_CHARS = 600;

/**
 * A counterexample opened in the simulated engine, step by step (issue 13, item 5): each model
 * step is one virtual ms of the run (src/model/to-run.ts), so going to step k is seeking to its ms
 * — the time bar, the timeline and every panel follow. The step the run stands at is marked.
 */
export const TraceSteps = memo(function TraceSteps({ trace }: { trace: OpenedTrace }) {
  const { store, cluster } = usePageApp();
  const travel = cluster ? timeTravelOf(cluster) : null;
  const at = useAppState((s) => s.run?.at ?? 0);
  const count = trace.steps.length;
  // Steps done: those at or before the run's moment.
  const done = trace.steps.filter((step) => step.at <= at).length;
  const go = (step: number): void => {
    if (!travel) return;
    const target = step === 0 ? 0 : trace.steps[step - 1]!.at;
    void store.getState().travel(() => travel.seek(target)).catch((error: unknown) => console.warn('seek failed', error));
  };
  return (
    <section className="trace-steps" aria-label="Counterexample steps">
      <p className="pop-intro"><strong>Counterexample:</strong> <UserText text={clipText(trace.title, 400)} /></p>
      <div className="trace-nav">
        <button className="btn small" disabled={done === 0} onClick={() => go(0)}>Back to the start</button>
        <button className="btn small" disabled={done === 0} onClick={() => go(done - 1)}>Previous step</button>
        <button className="btn small" disabled={done >= count} onClick={() => go(done + 1)}>Next step</button>
        <span className="muted small" role="status" data-testid="trace-position">{done === 0 ? `Before step 1 of ${count}` : `After step ${done} of ${count}`}</span>
      </div>
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
