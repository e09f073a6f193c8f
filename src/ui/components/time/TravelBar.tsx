import { memo, useMemo, useState } from 'react';
import { exploreOf, type TimeTravel } from '../../../engine/cluster';
import { usePageApp, useAppState } from '../../app/context';
import { LatestOnly } from '../../model/latest-only';
import { formatAt } from '../../model/timeline';
import { Icon } from '../common/Icon';
import { ExplorePanel } from './ExplorePanel';
import { RunSlider, snapToEnd } from './RunSlider';

/**
 * Time travel on the simulated engine (issue 9, item 3): the whole run on the "Run time" slider,
 * one event back or forward, and what it means to be in the past. The engine itself goes back
 * (checkpoints and deterministic replay), so every panel shows that moment from its state.
 */
export const TravelBar = memo(function TravelBar({ travel }: { travel: TimeTravel }) {
  const { store, cluster } = usePageApp();
  const explore = cluster ? exploreOf(cluster) : null;
  const run = useAppState((s) => s.run);
  const [dragged, setDragged] = useState<number | null>(null);
  // The thumb follows the hand while seeks catch up, then the engine's position again.
  const seeks = useMemo(() => new LatestOnly<number>((at) => store.getState().travel(() => travel.seek(at)), {
    onError: (error) => console.warn('seek failed', error),
    onIdle: () => setDragged(null),
  }), [store, travel]);
  if (!run) return <div className="time-bar" role="group" aria-label="Time travel"><span className="run-now">Waiting for the engine's run…</span></div>;
  const move = (stepMove: () => Promise<void>): void => {
    setDragged(null);
    void store.getState().travel(stepMove).catch((error: unknown) => console.warn('step failed', error));
  };
  const onChange = (value: number): void => {
    const at = snapToEnd(value, run.endAt);
    setDragged(at);
    seeks.request(at);
  };
  return (
    <div className={`time-bar ${run.inPast ? 'in-past' : ''}`} role="group" aria-label="Time travel">
      <button className="btn" onClick={() => move(() => travel.stepBack())} disabled={run.step === 0} title="Undo one event: a delivery, a timer, a disk write or an action">
        <span className="flip" aria-hidden="true"><Icon name="step" /></span><span>Step back</span>
      </button>
      <button className="btn" onClick={() => move(() => travel.stepForward())} title="Run one more event">
        <Icon name="step" /><span>Step forward</span>
      </button>
      {explore && <ExplorePanel explore={explore} stepForward={() => move(() => travel.stepForward())} />}
      <RunSlider from={0} to={run.endAt} value={dragged ?? run.at} onChange={onChange}
        detail={<span className="run-steps" data-testid="run-step">event {run.step} of {run.endStep}</span>} />
      <TravelStatus />
    </div>
  );
});

/** Where the view stands: in the past (acting forks), or just forked. */
const TravelStatus = memo(function TravelStatus() {
  const inPast = useAppState((s) => s.run?.inPast ?? false);
  const at = useAppState((s) => s.run?.at ?? 0);
  const fork = useAppState((s) => s.fork);
  // A fork at 0 is a run begun anew (a lesson opening or starting over): no future worth naming was dropped.
  const text = fork?.at === 0 ? 'A new run from the start (t = 0.00 s).'
    : fork ? `Forked at t = ${formatAt(fork.at)}: the old future was dropped.`
    : inPast ? `Viewing the past at t = ${formatAt(at)}. Acting here forks a new future from this moment.`
    : 'The run\'s end. Drag “Run time” back, or Step back, to see an earlier moment.';
  return (
    <p className={`time-status ${fork ? 'forked' : inPast ? 'past' : ''}`} role="status" data-testid="time-status">{text}</p>
  );
});
