import type { StateCreator } from 'zustand/vanilla';
import type { ViolationReport } from '../checks/invariant-monitor';
import type { AppState } from './store';

/** The live invariant check: the violation that paused the cluster, if any, and how much was checked. */
export interface ChecksSlice {
  violation: ViolationReport | null;
  checked: { readonly views: number; readonly applied: number };
  setViolation(violation: ViolationReport | null): void;
  setChecked(checked: { views: number; applied: number }): void;
}

export const createChecksSlice: StateCreator<AppState, [], [], ChecksSlice> = (set) => ({
  violation: null,
  checked: { views: 0, applied: 0 },
  setViolation: (violation) => set({ violation }),
  setChecked: (checked) => set({ checked }),
});
