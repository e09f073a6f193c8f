import type { StateCreator } from 'zustand/vanilla';
import type { NodeId } from '../../raft/types';
import type { TimelineEvent } from '../model/timeline';
import type { AppState } from './store';

export type Selection =
  | { readonly kind: 'node'; readonly node: NodeId }
  | { readonly kind: 'link'; readonly a: NodeId; readonly b: NodeId }
  /** A log entry (the log grid's cell): the inspector says what the page knows of it. */
  | { readonly kind: 'entry'; readonly node: NodeId; readonly index: number }
  | null;

/** What the user pointed at: a node, link or log entry (the inspector follows it) and a timeline row. */
export interface SelectionSlice {
  selection: Selection;
  /** The timeline row selected: its nodes and log index are highlighted everywhere. */
  highlight: TimelineEvent | null;
  select(selection: Selection): void;
  setHighlight(event: TimelineEvent | null): void;
}

export const createSelectionSlice: StateCreator<AppState, [], [], SelectionSlice> = (set) => ({
  selection: null,
  highlight: null,
  select: (selection) => set({ selection }),
  setHighlight: (highlight) => set({ highlight }),
});
