import { memo, useCallback, useId, useSyncExternalStore } from 'react';
import type { Cluster } from '../../../engine/cluster';
import { Autopilot, PAGE_MIX, type AutopilotStatus } from '../../../engine/autopilot';
import type { PageApp } from '../../app/boot';
import { usePageApp } from '../../app/context';
import '../../styles/chaos.css';

/** One autopilot per cluster, made on first use and kept for the page's life. */
const pilots = new WeakMap<Cluster, Autopilot>();

function pilotOf(app: PageApp): Autopilot | null {
  const { cluster, commands, store } = app;
  if (!cluster || !commands) return null;
  let pilot = pilots.get(cluster);
  if (!pilot) {
    const made = new Autopilot(cluster, (title, nodes, why) => commands.note(title, nodes, why), app.seed);
    // An invariant broke: boot.ts's monitor paused the run; the autopilot stops too, leaving its faults to look at.
    store.subscribe((state, before) => {
      if (state.violation && !before.violation) made.halt(`${state.violation.invariant} violated`);
    });
    pilots.set(cluster, made);
    pilot = made;
  }
  return pilot;
}

const NONE = (): (() => void) => () => undefined;

const faults = (n: number): string => `${n} fault${n === 1 ? '' : 's'}`;

/**
 * "Chaos" (issue 9, item 8): the seeded nemesis on autopilot, on either engine — a fault every few
 * virtual seconds, each on the timeline; off heals what it broke. The seed is the page's, so on
 * the simulated engine one seed gives one run, chaos included.
 */
export const ChaosToggle = memo(function ChaosToggle() {
  const pilot = pilotOf(usePageApp());
  const subscribe = useCallback((listener: () => void) => (pilot ? pilot.subscribe(listener) : NONE()), [pilot]);
  const status: AutopilotStatus | null = useSyncExternalStore(subscribe, () => pilot?.status ?? null);
  const describedBy = useId();
  if (!pilot || !status) return null;
  const { minGapMs, spreadMs } = PAGE_MIX.pace;
  const description = `Autopilot chaos, seed ${status.seed}: a seeded fault every ${minGapMs / 1000}–${(minGapMs + spreadMs) / 1000} virtual seconds `
    + '(crashes, restarts, partitions, cuts, isolation, loss, delay, duplication), each on the timeline; turning it off heals them.';
  return (
    <div className="chaos-toggle">
      <button type="button" className="btn" aria-pressed={status.running} aria-describedby={describedBy} title={description}
        onClick={() => (status.running ? pilot.stop() : pilot.start())}>
        <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M13 2 4 14h7l-1 8 9-12h-7z" /></svg>
        Chaos
      </button>
      <span className="chaos-caption" data-testid="chaos-status">
        {status.running ? `seed ${status.seed} · ${faults(status.faults)}` : status.haltedBecause ? `stopped: violation after ${faults(status.faults)}` : ''}
      </span>
      <span id={describedBy} className="visually-hidden">{description}</span>
    </div>
  );
});
