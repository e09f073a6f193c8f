import { RaftCore } from '../raft/core';
import { RaftLog } from '../raft/log';
import { Prng } from '../raft/prng';
import type { Entry } from '../raft/types';
import { SimNetwork } from './network';
import { Scheduler } from './scheduler';
import { MemoryStorage } from './storage';

/**
 * A deep copy of a simulated world (a SimCluster and whatever the engine shows it through), for
 * time travel's checkpoints: restoring one and running on reaches exactly the states the original
 * reached. Structural and prototype-preserving: class instances keep their class, arrays, Maps and
 * Sets are copied, shared references stay shared and cycles are followed (one copy per object).
 *
 * What is shared rather than copied, by the simulation's rules:
 *  - functions (they must not hold state of the world: the scheduler refuses closures, and the
 *    callbacks the cluster was built with reach the world only through its driver);
 *  - plain objects (`{…}` literals): they are values — entries, messages, batches, snapshots,
 *    configurations — replaced, never changed in place. A class that keeps a mutable plain object
 *    says how to copy it (a copier, below or passed in);
 *  - typed arrays (snapshot data, values too).
 * Objects with private `#` fields cannot be copied structurally: RaftCore copies itself.
 */
export type Copier = (value: never, copy: <T>(value: T) => T) => unknown;

const COPIERS = new Map<object, Copier>([
  [RaftCore.prototype, (core: RaftCore<unknown>) => core.copy()],
  [Prng.prototype, (prng: Prng) => prng.copy()],
  [SimNetwork.prototype, (network: SimNetwork) => network.copy()],
  // Logs are long and their entries values: one native slice, not a walk over every entry.
  [MemoryStorage.prototype, (storage: MemoryStorage<unknown>) => storage.copy()],
  [RaftLog.prototype, (log: RaftLog<unknown>) => new RaftLog(log.snapshotIndex, log.snapshotTerm, (log as unknown as { entries: Entry<unknown>[] }).entries)],
  [Scheduler.prototype, (scheduler: Scheduler, copy) => scheduler.copy((receiver) => copy(receiver))],
]);

/** Copy `root` and everything it reaches (see above); `copiers` adds or overrides per-class copies, by prototype. */
export function deepCopy<T>(root: T, copiers: ReadonlyMap<object, Copier> = new Map()): T {
  const memo = new Map<object, unknown>();
  const copy = <V>(value: V): V => {
    if (typeof value !== 'object' || value === null) return value;
    const known = memo.get(value);
    if (known !== undefined) return known as V;
    const proto = Object.getPrototypeOf(value) as object | null;
    if (proto === Object.prototype || proto === null || ArrayBuffer.isView(value)) return value;
    const copier = copiers.get(proto!) ?? COPIERS.get(proto!);
    if (copier) {
      const result = copier(value as never, copy);
      memo.set(value, result);
      return result as V;
    }
    if (Array.isArray(value)) {
      const array: unknown[] = new Array(value.length);
      memo.set(value, array);
      for (let i = 0; i < value.length; i++) array[i] = copy(value[i]);
      return array as V;
    }
    if (value instanceof Map) {
      const map = new Map();
      memo.set(value, map);
      for (const [key, item] of value) map.set(copy(key), copy(item));
      return map as V;
    }
    if (value instanceof Set) {
      const set = new Set();
      memo.set(value, set);
      for (const item of value) set.add(copy(item));
      return set as V;
    }
    const object = Object.create(proto) as Record<string, unknown>;
    memo.set(value, object);
    for (const key of Object.keys(value)) object[key] = copy((value as Record<string, unknown>)[key]);
    return object as V;
  };
  return copy(root);
}
