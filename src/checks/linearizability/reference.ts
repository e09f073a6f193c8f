import { KvStateMachine } from '../../kv/machine';
import type { KvOperation } from './types';

/**
 * The definition of linearizability (Herlihy & Wing 1990) checked by brute force, for tests
 * only: try every order of the whole history (no partitioning by key, no pruning, no cache) that
 * respects real time, on a real KvStateMachine, with each unanswered operation either placed
 * somewhere after its call or left out. Exponential: keep histories to a handful of operations.
 */
export function isLinearizableByBruteForce(history: readonly KvOperation[]): boolean {
  return extend(history, [], new Set());
}

function extend(history: readonly KvOperation[], order: KvOperation[], placed: Set<number>): boolean {
  const unplaced = history.filter((op) => !placed.has(op.id));
  if (unplaced.every((op) => op.return === null)) return true;
  for (const next of unplaced) {
    // `next` may come now unless an unplaced answered operation returned strictly before it was called.
    if (unplaced.some((other) => other.return !== null && other.return < next.call)) continue;
    if (!outputsMatch([...order, next])) continue;
    placed.add(next.id);
    const found = extend(history, [...order, next], placed);
    placed.delete(next.id);
    if (found) return true;
  }
  return false;
}

/** Replays `order` from an empty store; only the last operation's output needs checking (the rest were checked on the way). */
function outputsMatch(order: readonly KvOperation[]): boolean {
  const store = new KvStateMachine();
  let actual;
  for (const op of order) actual = store.apply(op.command);
  const expected = order[order.length - 1]!.result;
  if (expected === undefined) return true;
  return expected.succ === actual!.succ && expected.key === actual!.key && expected.value === actual!.value;
}
