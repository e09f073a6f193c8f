import type { NodeId } from '../raft/types';
import { relabel, stateFingerprint, type Relabel } from './encode';
import type { Fingerprint } from './hash';
import type { SystemState } from './types';

/**
 * Symmetry reduction over node ids (as TLC's SYMMETRY and Murφ's scalarsets): the nodes run the
 * same code with the same configuration, so renaming them maps reachable states to reachable
 * states with the same verdicts. A state's canonical fingerprint is the least fingerprint over
 * every renaming, so each class of renamed states is explored once — up to n! fewer states, at n!
 * fingerprints per state (6 for 3 nodes, 120 for 5). The core's seeded PRNG is the same for every
 * node and its draws never reach the state (timers are abstract), so it breaks no symmetry.
 */
export function allRelabellings(n: number): Relabel[] {
  const perms: NodeId[][] = [];
  const build = (prefix: NodeId[]): void => {
    if (prefix.length === n) {
      perms.push(prefix);
      return;
    }
    for (let id = 0; id < n; id++) if (!prefix.includes(id)) build([...prefix, id]);
  };
  build([]);
  return perms.map((perm, index) => relabel(perm, index)); // index 0 is the identity
}

export function canonicalFingerprint(state: SystemState, relabellings: readonly Relabel[]): Fingerprint {
  let best = stateFingerprint(state, relabellings[0]);
  for (let i = 1; i < relabellings.length; i++) {
    const f = stateFingerprint(state, relabellings[i]);
    if (f.hi < best.hi || (f.hi === best.hi && f.lo < best.lo)) best = f;
  }
  return best;
}
