import type { KvOperation } from './types';

/**
 * Splits a history into one sub-history per key. Each key is an independent object, and
 * linearizability is local (Herlihy & Wing 1990, the locality theorem): the whole history is
 * linearizable iff every key's sub-history is. Searching keys separately turns one search over
 * all interleavings into several far smaller ones (Horn & Kroening 2015, "P-compositionality").
 * Keys come out in the order of their first operation, so reports are reproducible.
 */
export function partitionByKey(history: readonly KvOperation[]): Map<string, KvOperation[]> {
  const byKey = new Map<string, KvOperation[]>();
  for (const operation of history) {
    const key = operation.command.key;
    const list = byKey.get(key);
    if (list) list.push(operation);
    else byKey.set(key, [operation]);
  }
  return byKey;
}
