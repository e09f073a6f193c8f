import type { KvOperation } from './types';

export interface Cut {
  /** Segments ready to check, oldest first; each in call order. */
  readonly segments: KvOperation[][];
  /** What must wait: the operations after the last quiescent point. */
  readonly rest: KvOperation[];
}

/**
 * Splits one key's unchecked operations at quiescent points: places where every answered
 * operation before has returned before every operation after is called. No order can then put an
 * operation after the point before one before it, so the two sides can be checked one after the
 * other, the second from the states the first may leave (incremental.ts). Times that are equal
 * count as concurrent (as in timeline.ts): the returns must be strictly earlier.
 *
 * Unanswered operations do not stop a cut (they have no return; incremental.ts carries them
 * across it). `horizon` is how far the history is complete: every operation called before it has
 * been given, so a point is quiescent only if everything before it also returned before the
 * horizon; an operation still in flight could otherwise overlap it. Segments are cut at the first
 * quiescent point after `minOps` operations, and at the last one, so a quiet key is checked at once
 * while a busy one is not checked one operation at a time.
 */
export function cutSegments(operations: readonly KvOperation[], horizon: number, minOps: number): Cut {
  const sorted = [...operations].sort((a, b) => a.call - b.call || a.id - b.id);
  const quietAfter: number[] = [];
  let lastReturn = -Infinity;
  sorted.forEach((op, i) => {
    if (op.return !== null) lastReturn = Math.max(lastReturn, op.return);
    const nextCall = sorted[i + 1]?.call ?? Infinity;
    if (lastReturn < Math.min(nextCall, horizon)) quietAfter.push(i);
  });
  const segments: KvOperation[][] = [];
  let start = 0;
  quietAfter.forEach((end, n) => {
    if (end + 1 - start < minOps && n < quietAfter.length - 1) return;
    segments.push(sorted.slice(start, end + 1));
    start = end + 1;
  });
  return { segments, rest: sorted.slice(start) };
}
