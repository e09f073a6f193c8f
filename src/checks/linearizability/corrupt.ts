import type { KvOperation } from './types';

/*
 * Bugs planted in recorded histories, for tests and the benchmark. Each returns a history that is
 * certainly not linearizable, and the id of the operation that was changed.
 */

export const NEVER_WRITTEN = '⊥never-written';

export interface Corrupted {
  readonly history: KvOperation[];
  readonly corruptedId: number;
}

/** The answered operation at `index` reports a value no put wrote: no state can produce it. */
export function corruptValue(history: readonly KvOperation[], index: number): Corrupted {
  const target = history[index];
  if (!target?.result) throw new Error(`history[${index}] has no result to corrupt`);
  return replaceResult(history, index, { ...target.result, value: NEVER_WRITTEN });
}

/**
 * The first answered get at or after `fromIndex` that can be made stale: it now reads the value
 * of the latest put P that an operation W overwrote, where P returned before W was called and W
 * returned before the get was called. P's value must be written by no other put, so nothing can
 * bring it back: the read is stale in every order that respects real time.
 */
export function injectStaleRead(history: readonly KvOperation[], fromIndex: number): Corrupted {
  for (let index = fromIndex; index < history.length; index++) {
    const target = history[index]!;
    if (target.command.op !== 'get' || target.return === null) continue;
    const stale = findOverwrittenValue(history, target);
    if (stale !== null) return replaceResult(history, index, { succ: true, key: target.command.key, value: stale });
  }
  throw new Error(`no get at or after history[${fromIndex}] can be made stale`);
}

function findOverwrittenValue(history: readonly KvOperation[], reader: KvOperation): string | null {
  const key = reader.command.key;
  const sameKey = history.filter((op) => op.command.key === key && op.return !== null);
  const writes = sameKey.filter((op) => op.command.op !== 'get');
  const puts = new Map<string, number>();
  for (const op of history) {
    if (op.command.op === 'put' && op.command.key === key) puts.set(op.command.value, (puts.get(op.command.value) ?? 0) + 1);
  }
  // Latest first: a read that lags by one write is the stale read a real bug produces.
  for (const put of [...writes].reverse()) {
    if (put.command.op !== 'put' || put.return! >= reader.call) continue;
    const value = put.command.value;
    const unique = puts.get(value) === 1;
    const overwritten = writes.some((w) => w !== put && w.call > put.return! && w.return! < reader.call);
    if (unique && overwritten && reader.result?.value !== value) return value;
  }
  return null;
}

function replaceResult(history: readonly KvOperation[], index: number, result: KvOperation['result']): Corrupted {
  const copy = [...history];
  copy[index] = { ...history[index]!, result };
  return { history: copy, corruptedId: history[index]!.id };
}
