import type { StateCreator } from 'zustand/vanilla';
import type { LinearizabilityResult } from '../../checks/linearizability';
import { virtualAt, wallNow } from '../../runtime/clock';
import type { KvOp } from '../../kv/types';
import type { ClientOp } from '../kv/history';
import type { OpTimes } from '../model/viewing';
import type { AppState } from './store';

/**
 * Operations kept for display: the latest, by id. The checker sees the whole history (the runner
 * hands every finished operation to its worker), so nothing older is needed here.
 */
export const OPS_SHOWN = 300;

export type LinearizabilityStatus =
  | { readonly state: 'idle' }
  | { readonly state: 'checking' }
  /** `operations` were checked, from the first of the run; `waiting` more wait for a quiet moment on their key. */
  | { readonly state: 'done'; readonly result: LinearizabilityResult; readonly operations: number; readonly waiting: number }
  | { readonly state: 'failed'; readonly reason: string }
  /**
   * The simulated run forked at virtual ms `at`: the checker already took operations of the future
   * the fork dropped and cannot take them back, so it stops rather than judge a history that never
   * happened (until the cluster is reset). Its last verdict, on the history before, is kept.
   */
  | { readonly state: 'forked'; readonly at: number; readonly before: LinearizabilityStatus };

/** What the client form holds: kept here, so that switching the side panel's tabs (which unmounts the form) loses nothing typed. */
export interface KvDraft {
  readonly op: KvOp;
  readonly key: string;
  readonly value: string;
  /** 'leader', or a node's id as text. */
  readonly target: string;
  readonly client: string;
}

export const INITIAL_KV_DRAFT: KvDraft = { op: 'put', key: 'x', value: '1', target: 'leader', client: 'A' };

export interface KvSlice {
  kvDraft: KvDraft;
  setKvDraft(patch: Partial<KvDraft>): void;
  ops: readonly ClientOp[];
  /**
   * When each shown operation was called and answered, in virtual ms: stamped when the store first
   * saw it pending and then answered, by the cluster's clock (ClientOp's own times are real ms).
   * The page hides what happened after a past moment it shows (model/viewing.ts).
   */
  opTimes: ReadonlyMap<number, OpTimes>;
  linearizability: LinearizabilityStatus;
  upsertOp(op: ClientOp): void;
  setLinearizability(status: LinearizabilityStatus): void;
  clearOps(): void;
}

export const createKvSlice: StateCreator<AppState, [], [], KvSlice> = (set) => ({
  kvDraft: INITIAL_KV_DRAFT,
  setKvDraft: (patch) => set((s) => ({ kvDraft: { ...s.kvDraft, ...patch } })),
  ops: [],
  opTimes: new Map(),
  linearizability: { state: 'idle' },
  upsertOp: (op) => set((s) => {
    const ops = upsert(s.ops, op);
    return { ops, opTimes: stamp(s.opTimes, ops, op, s.liveClock ? virtualAt(s.liveClock, wallNow()) : 0) };
  }),
  setLinearizability: (linearizability) => set({ linearizability }),
  clearOps: () => set({ ops: [], opTimes: new Map(), linearizability: { state: 'idle' } }),
});

/** The stamps with `op`'s call (first seen) or return (first seen answered) at virtual ms `now`, kept for the ops shown only. */
function stamp(times: ReadonlyMap<number, OpTimes>, ops: readonly ClientOp[], op: ClientOp, now: number): ReadonlyMap<number, OpTimes> {
  const before = times.get(op.id);
  const answered = op.status !== 'pending';
  if (before && (before.return !== null || !answered)) return times;
  if (!ops.includes(op)) return times;
  const next = new Map<number, OpTimes>();
  for (const shown of ops) {
    const t = times.get(shown.id);
    if (t) next.set(shown.id, t);
  }
  next.set(op.id, { call: before?.call ?? now, return: answered ? now : null });
  return next;
}

/**
 * The window with `op` added or replaced, in id order, at most OPS_SHOWN long. An operation that
 * finishes after OPS_SHOWN newer ones were issued is older than anything shown: it stays out
 * (pushing it at the end would put an old interval among the newest).
 */
export function upsert(ops: readonly ClientOp[], op: ClientOp): readonly ClientOp[] {
  let at = ops.length - 1;
  while (at >= 0 && ops[at]!.id > op.id) at--; // recent operations are at the end
  if (at >= 0 && ops[at]!.id === op.id) {
    const next = ops.slice();
    next[at] = op;
    return next;
  }
  if (at < 0 && ops.length >= OPS_SHOWN) return ops;
  const next = [...ops.slice(0, at + 1), op, ...ops.slice(at + 1)];
  return next.length > OPS_SHOWN ? next.slice(next.length - OPS_SHOWN) : next;
}
