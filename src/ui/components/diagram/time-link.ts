import { timeTravelOf } from '../../../engine/cluster';
import type { PageApp } from '../../app/boot';
import type { AppState } from '../../store/store';
import { selectPastAt } from '../../store/time-slice';

/** The instant the page shows (virtual ms): the simulated run's position, the rewound moment, or now. */
export function shownAt(s: AppState): number {
  return s.run ? s.run.at : selectPastAt(s) ?? s.liveAt;
}

/**
 * Show the run at `at` (a click in the diagram): the simulated engine seeks there (within the run
 * recorded so far); the live engine rewinds to its kept state when it has one that old.
 */
export function seekRun(app: Pick<PageApp, 'cluster' | 'store'>, at: number): void {
  const s = app.store.getState();
  const travel = app.cluster ? timeTravelOf(app.cluster) : null;
  if (travel) {
    const target = Math.min(Math.max(0, Math.round(at)), s.run?.endAt ?? at);
    void s.travel(() => travel.seek(target)).catch((error: unknown) => console.warn('seek failed', error));
    return;
  }
  const range = s.rewindRange;
  if (range && at >= range.from && at <= range.to) s.rewindTo(at);
}
