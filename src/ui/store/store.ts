import { createStore, type StoreApi } from 'zustand/vanilla';
import { createChecksSlice, type ChecksSlice } from './checks-slice';
import { createClusterSlice, type ClusterSlice } from './cluster-slice';
import { createKvSlice, type KvSlice } from './kv-slice';
import { createPrefsSlice, type PrefsSlice, type Theme } from './prefs-slice';
import { createSelectionSlice, type SelectionSlice } from './selection-slice';
import { createTimeSlice, type TimeSlice } from './time-slice';
import { createTimelineSlice, type TimelineSlice } from './timeline-slice';

/**
 * The page's one store, split into slices (zustand's pattern). Slices hold what React renders;
 * per-frame state (message dots, timer rings) never goes through it — the frame loop reads the
 * cluster directly. Maps and arrays are replaced, never mutated, so selectors see the change.
 */
export type AppState = ClusterSlice & SelectionSlice & TimelineSlice & KvSlice & ChecksSlice & PrefsSlice & TimeSlice;
export type AppStore = StoreApi<AppState>;

export function createAppStore(theme: Theme = 'light'): AppStore {
  return createStore<AppState>()((...a) => ({
    ...createClusterSlice(...a),
    ...createSelectionSlice(...a),
    ...createTimelineSlice(...a),
    ...createKvSlice(...a),
    ...createChecksSlice(...a),
    ...createPrefsSlice(theme)(...a),
    ...createTimeSlice(...a),
  }));
}
