import type { StateCreator } from 'zustand/vanilla';
import type { RaftEvent } from '../../raft/events';
import type { NodeId } from '../../raft/types';
import { appendTimeline, type NewTimelineEvent, type TimelineEvent } from '../model/timeline';
import type { AppState } from './store';

/** Reasons kept per node for the inspector's "why" list. */
export const REASONS_PER_NODE = 8;

/** The event timeline, and per node the last few rule citations of the core (its "why"). */
export interface TimelineSlice {
  timeline: readonly TimelineEvent[];
  reasons: ReadonlyMap<NodeId, readonly (RaftEvent & { at: number })[]>;
  addTimeline(events: readonly NewTimelineEvent[]): void;
  addReasons(node: NodeId, events: readonly (RaftEvent & { at: number })[]): void;
  clearTimeline(): void;
}

let lastId = 0;
const nextId = (): number => ++lastId;

export const createTimelineSlice: StateCreator<AppState, [], [], TimelineSlice> = (set) => ({
  timeline: [],
  reasons: new Map(),
  addTimeline: (events) => set((s) => ({ timeline: appendTimeline(s.timeline, events, nextId) })),
  addReasons: (node, events) => set((s) => {
    const reasons = new Map(s.reasons);
    reasons.set(node, [...(s.reasons.get(node) ?? []), ...events].slice(-REASONS_PER_NODE));
    return { reasons };
  }),
  clearTimeline: () => set({ timeline: [], reasons: new Map(), highlight: null }),
});
