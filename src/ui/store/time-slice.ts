import type { StateCreator } from 'zustand/vanilla';
import type { RunPosition } from '../../engine/run';
import type { ClockState } from '../../runtime';
import { forkedAt, LIVE, pastAt, rowsUntil, type Viewing } from '../model/viewing';
import type { AppState } from './store';

/** What feeds.ts reports of the cluster as it is now, whatever moment the page shows. */
export interface LiveReport {
  readonly clock: ClockState;
  /** Virtual ms now. */
  readonly at: number;
  /** The simulated engine's place in its run; null on the live engine. */
  readonly run: RunPosition | null;
  /** The live engine's kept past, in virtual ms (null: nothing kept). */
  readonly rewindRange: { readonly from: number; readonly to: number } | null;
  /** Virtual ms of the kept state shown while rewound (null while live). */
  readonly shownAt: number | null;
}

/**
 * Time: which moment the page shows, and where the cluster itself is. The cluster slice holds
 * the state *shown* (feeds.ts picks it: the live one, or a kept one while rewound); this slice holds
 * the live clock and run beside it, and `viewing`, the user's choice. `selectPastAt` is the one
 * place that says whether the page shows the past, and which instant.
 */
export interface TimeSlice {
  viewing: Viewing;
  liveClock: ClockState | null;
  liveAt: number;
  run: RunPosition | null;
  rewindRange: { readonly from: number; readonly to: number } | null;
  shownAt: number | null;
  /** The last fork of the simulated engine's run (virtual ms), until the user moves in time again. */
  fork: { readonly at: number } | null;
  /**
   * Time-travel moves under way (seek, step back, step forward): what the engine reports meanwhile
   * replays a run already seen (feeds.ts neither adds its rows again nor re-checks it).
   */
  travelling: number;
  /** Show the live engine's kept state at virtual instant `at`. */
  rewindTo(at: number): void;
  backToLive(): void;
  setLive(report: LiveReport): void;
  dismissFork(): void;
  /** Run a time-travel move, counted in `travelling` until it settles; clears the fork notice. */
  travel(move: () => Promise<void>): Promise<void>;
}

export const createTimeSlice: StateCreator<AppState, [], [], TimeSlice> = (set) => ({
  viewing: LIVE,
  liveClock: null,
  liveAt: 0,
  run: null,
  rewindRange: null,
  shownAt: null,
  fork: null,
  travelling: 0,
  rewindTo: (at) => set({ viewing: { kind: 'rewind', at } }),
  backToLive: () => set({ viewing: LIVE, shownAt: null }),
  setLive: (report) => set((s) => {
    const next: Partial<AppState> = {
      liveClock: report.clock, liveAt: report.at, run: report.run, rewindRange: report.rewindRange, shownAt: report.shownAt,
    };
    const at = forkedAt(s.run, report.run);
    if (at === null) return next;
    // The old future is gone (the engine dropped it): so are its timeline rows and operations.
    const ops = s.ops.filter((op) => (s.opTimes.get(op.id)?.call ?? -Infinity) <= at);
    const highlight = s.highlight && s.highlight.at > at ? null : s.highlight;
    return { ...next, fork: { at }, timeline: rowsUntil(s.timeline, at), ops, highlight };
  }),
  dismissFork: () => set({ fork: null }),
  travel: async (move) => {
    set((s) => ({ travelling: s.travelling + 1, fork: null }));
    try {
      await move();
    } finally {
      set((s) => ({ travelling: s.travelling - 1 }));
    }
  },
});

/** The virtual ms the page shows when it is a past moment, else null. */
export function selectPastAt(s: AppState): number | null {
  return pastAt(s.run, s.viewing, s.shownAt);
}
