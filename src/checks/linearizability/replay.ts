import type { IncrementalChecker, IncrementalStatus } from './incremental';
import type { KvOperation } from './types';

/*
 * A recorded history fed to an IncrementalChecker the way a live page feeds it, for tests and the
 * benchmark: an operation is handed over once it has finished (answered ones at their return,
 * unanswered ones when their client gives up), in batches, and after each batch the horizon is
 * "now" or the call of the earliest operation still in flight, whichever is earlier.
 */

export interface ReplayOptions {
  /** How long after its call a client gives up on an unanswered operation. */
  readonly giveUpAfter: number;
  /** Operations in the next batch (called once per batch). */
  readonly batchSize: () => number;
  /** Told of the status after each batch. */
  readonly onBatch?: (status: IncrementalStatus) => void;
}

export function replayIncrementally(history: readonly KvOperation[], checker: IncrementalChecker, options: ReplayOptions): IncrementalStatus {
  const finished = history
    .map((op) => ({ op, at: op.return ?? op.call + options.giveUpAfter }))
    .sort((a, b) => a.at - b.at);
  // earliestCallFrom[i]: the earliest call among operations not handed over before batch item i.
  const earliestCallFrom = new Array<number>(finished.length + 1).fill(Infinity);
  for (let i = finished.length - 1; i >= 0; i--) earliestCallFrom[i] = Math.min(finished[i]!.op.call, earliestCallFrom[i + 1]!);
  for (let start = 0; start < finished.length;) {
    const end = Math.min(finished.length, start + Math.max(1, options.batchSize()));
    checker.add(finished.slice(start, end).map((f) => f.op));
    const status = checker.advance(Math.min(finished[end - 1]!.at, earliestCallFrom[end]!));
    options.onBatch?.(status);
    start = end;
  }
  return checker.finish();
}
