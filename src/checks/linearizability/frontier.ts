import type { KvOperation } from './types';

/**
 * Where a key may stand at a quiescent cut: the value it holds (null: absent) and the unanswered
 * operations that are still unused there. An operation without a response may take effect at any
 * time after its call, or never (Herlihy & Wing 1990; Porcupine treats it the same way), so one
 * the order before the cut did not use stays available after it: the cut carries it. Its output
 * is unknown, which is why a cut can leave several configurations, not one state.
 */
export interface Configuration {
  readonly value: string | null;
  /** Ids of the carried unanswered operations still unused, ascending. */
  readonly available: readonly number[];
}

/**
 * Keeps only configurations no other one dominates. A dominates B when B's unused operations are
 * all unused in A too and B's value is A's or is written by one of the operations A has unused and
 * B has not: A can become B by applying those operations first thing after the cut (they have no
 * response, so nothing constrains where they go), so every future of B is a future of A. Dropping
 * B loses no linearization; without it, each carried unanswered del or put would double the
 * configurations at every cut.
 */
export function keepUndominated(configurations: readonly Configuration[], open: ReadonlyMap<number, KvOperation>): Configuration[] {
  const unique = dedupe(configurations);
  // Domination is a partial order once duplicates are gone (two that dominate each other are
  // equal), so every configuration dropped here is dominated by one that is kept.
  return unique.filter((b, i) => !unique.some((a, j) => j !== i && dominates(a, b, open)));
}

function dominates(a: Configuration, b: Configuration, open: ReadonlyMap<number, KvOperation>): boolean {
  const inA = new Set(a.available);
  if (!b.available.every((id) => inA.has(id))) return false;
  if (a.value === b.value) return true;
  const inB = new Set(b.available);
  return a.available.some((id) => !inB.has(id) && writes(open.get(id)!) === b.value);
}

/** The value an unanswered put or del leaves (gets are never carried: they change nothing). */
export function writes(operation: KvOperation): string | null {
  return operation.command.op === 'put' ? operation.command.value : null;
}

function dedupe(configurations: readonly Configuration[]): Configuration[] {
  const seen = new Map<string, Configuration>();
  for (const c of configurations) seen.set(`${c.value === null ? '∅' : `=${c.value}`}|${c.available.join(',')}`, c);
  return [...seen.values()];
}
