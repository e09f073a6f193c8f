import type { StateCreator } from 'zustand/vanilla';
import type { LinearizabilityResult } from '../../checks/linearizability';
import type { ClientOp } from '../kv/history';
import type { AppState } from './store';

/** Operations kept for display (the checker sees the whole history, in UiClients). */
export const OPS_SHOWN = 300;

export type LinearizabilityStatus =
  | { readonly state: 'idle' }
  | { readonly state: 'checking' }
  | { readonly state: 'done'; readonly result: LinearizabilityResult; readonly operations: number }
  | { readonly state: 'too-long'; readonly operations: number };

export interface KvSlice {
  ops: readonly ClientOp[];
  linearizability: LinearizabilityStatus;
  upsertOp(op: ClientOp): void;
  setLinearizability(status: LinearizabilityStatus): void;
  clearOps(): void;
}

export const createKvSlice: StateCreator<AppState, [], [], KvSlice> = (set) => ({
  ops: [],
  linearizability: { state: 'idle' },
  upsertOp: (op) => set((s) => {
    const ops = s.ops.slice();
    let at = ops.length - 1;
    while (at >= 0 && ops[at]!.id !== op.id) at--;
    if (at >= 0) ops[at] = op;
    else ops.push(op);
    return { ops: ops.length > OPS_SHOWN ? ops.slice(ops.length - OPS_SHOWN) : ops };
  }),
  setLinearizability: (linearizability) => set({ linearizability }),
  clearOps: () => set({ ops: [], linearizability: { state: 'idle' } }),
});
