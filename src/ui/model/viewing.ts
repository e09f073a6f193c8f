import type { RunPosition } from '../../engine/run';
import type { ClientOp } from '../kv/history';
import type { TimelineEvent } from './timeline';

/**
 * Which moment the page shows (issue 9, items 3 and 4). Two engines, two ways into the past:
 * - the simulated engine goes back itself (TimeTravel.seek): its state *is* the past moment, and
 *   `run.inPast` says so;
 * - the live engine cannot: the page shows a state it kept (RewindBuffer) while the cluster runs on.
 * Either way, what is not a ClusterState (timeline rows, the client's operations) is filtered by
 * its virtual-time stamp against the one instant `pastAt` returns.
 */
export type Viewing =
  | { readonly kind: 'live' }
  /** The live engine, rewound: the user picked virtual instant `at` on the "Run time" slider. */
  | { readonly kind: 'rewind'; readonly at: number };

export const LIVE: Viewing = { kind: 'live' };

/** The virtual ms shown when it is a past moment, else null (show everything). */
export function pastAt(run: RunPosition | null, viewing: Viewing, shownAt: number | null): number | null {
  if (run?.inPast) return run.at;
  if (viewing.kind === 'rewind') return shownAt ?? viewing.at;
  return null;
}

/** When an operation was called and answered, in virtual ms (stamped by the store when it saw each). */
export interface OpTimes {
  readonly call: number;
  readonly return: number | null;
}

/** Timeline rows up to virtual instant `at` (all of them when `at` is null). */
export function rowsUntil(rows: readonly TimelineEvent[], at: number | null): readonly TimelineEvent[] {
  return at === null ? rows : rows.filter((row) => row.at <= at);
}

/**
 * The client's operations as they stood at virtual instant `at`: those called later are left out,
 * and one answered later is shown still pending. An operation without a stamp (seen before the
 * store kept them) is shown as it is.
 */
export function opsAt(ops: readonly ClientOp[], times: ReadonlyMap<number, OpTimes>, at: number | null): readonly ClientOp[] {
  if (at === null) return ops;
  const out: ClientOp[] = [];
  for (const op of ops) {
    const t = times.get(op.id);
    if (!t) { out.push(op); continue; }
    if (t.call > at) continue;
    const answeredLater = op.status !== 'pending' && (t.return === null || t.return > at);
    out.push(answeredLater ? pendingAgain(op) : op);
  }
  return out;
}

function pendingAgain(op: ClientOp): ClientOp {
  const { result: _result, error: _error, servedBy: _servedBy, ...rest } = op;
  return { ...rest, status: 'pending', return: null };
}

/**
 * A fork, seen between two positions of the simulated engine: acting at a past moment dropped the
 * recorded future and started a new one (the engine counts forks). Returns the virtual ms it
 * forked at — where the user was looking when they acted — or null.
 */
export function forkedAt(before: RunPosition | null, after: RunPosition | null): number | null {
  if (!before || !after || after.forks <= before.forks) return null;
  return Math.min(before.at, after.at);
}
