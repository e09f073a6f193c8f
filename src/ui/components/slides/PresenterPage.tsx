import { memo, useEffect } from 'react';
import { timeTravelOf, type TimeTravel } from '../../../engine/cluster';
import { usePageApp, useAppState } from '../../app/context';
import { formatAt } from '../../model/timeline';
import { ClusterStage } from '../cluster/ClusterStage';
import { RichText } from '../common/UserText';
import { presenterMove, PRESENTER_KEYS } from './presenter-keys';

/**
 * `?present` (issue 12, item 4): a run (a share link's #run=…, or the seed's) played from its start
 * one event per key press, for a talk: → or Page Down one event on, ← or Page Up one back, Shift
 * with them 100 ms, Home and End the run's ends, P plays and pauses. Clickers send Page Up/Down.
 * The engine's time travel does the moving (src/engine/sim-engine.ts), so going back is exact.
 */
export function PresenterPage() {
  const { cluster, store } = usePageApp();
  const travel = cluster ? timeTravelOf(cluster) : null;
  useEffect(() => {
    if (!cluster || !travel) return;
    cluster.pause();
    // A seek lands without telling what it skipped: the timeline starts again there, empty, and each
    // event stepped through from it is told as news (feeds.ts).
    const seekTo = (at: number): void => { void store.getState().travel(() => travel.seek(at)).then(() => store.getState().clearTimeline()); };
    seekTo(0);
    const onKey = (event: KeyboardEvent): void => {
      const run = store.getState().run;
      const move = run ? presenterMove(event, run) : null;
      if (!move) return;
      event.preventDefault();
      if (move.kind === 'play') {
        if (cluster.getState().clock.paused) cluster.resume(); else cluster.pause();
        return;
      }
      cluster.pause();
      // A step forward plays the event (its rule reaches the timeline); a step back travels.
      if (move.kind === 'step') void (move.by > 0 ? travel.stepForward() : store.getState().travel(() => travel.stepBack()));
      else seekTo(move.at);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [cluster, travel, store]);
  if (!travel) return <p className="present-error">Presenter mode needs the simulated engine.</p>;
  return (
    <main className="app present">
      <PresenterBar travel={travel} />
      <div className="present-layout">
        <ClusterStage />
        <LastEvent />
      </div>
    </main>
  );
}

const PresenterBar = memo(function PresenterBar({ travel }: { travel: TimeTravel }) {
  const { cluster, store } = usePageApp();
  const run = useAppState((s) => s.run);
  const paused = useAppState((s) => s.liveClock?.paused ?? true);
  const go = (move: () => Promise<void>): Promise<void> => {
    cluster?.pause();
    return store.getState().travel(move);
  };
  return (
    <div className="present-bar" role="toolbar" aria-label="Presenter">
      <button className="btn" onClick={() => go(() => travel.seek(0)).then(() => store.getState().clearTimeline())}>Start</button>
      <button className="btn" onClick={() => void go(() => travel.stepBack())} disabled={!run || run.step === 0}>Back one event</button>
      <button className="btn primary" onClick={() => { cluster?.pause(); void travel.stepForward(); }}>Forward one event</button>
      <button className="btn" onClick={() => (paused ? cluster?.resume() : cluster?.pause())}>{paused ? 'Play' : 'Pause'}</button>
      <span className="present-where" data-testid="present-where" aria-live="polite">
        {run ? `event ${run.step} of ${run.endStep} · t = ${formatAt(run.at)}` : 'loading the run…'}
      </span>
      <span className="present-keys">{PRESENTER_KEYS}</span>
    </div>
  );
});

/** What just happened, large: the newest timeline row up to the moment shown. */
const LastEvent = memo(function LastEvent() {
  const at = useAppState((s) => s.run?.at ?? 0);
  const row = useAppState((s) => {
    for (let i = s.timeline.length - 1; i >= 0; i--) if (s.timeline[i]!.at <= at) return s.timeline[i]!;
    return null;
  });
  return (
    <section className="card present-caption" aria-label="What just happened" aria-live="polite">
      {row ? <><time>{formatAt(row.at)}</time> <RichText text={row.title} />{row.why && <p className="muted"><RichText text={row.why} /></p>}</>
        : <span className="muted">Nothing explained yet: press → to play the run one event at a time.</span>}
    </section>
  );
});
