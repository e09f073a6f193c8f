import { describe, expect, it } from 'vitest';
import { DEFAULT_BOUNDS, makeContext } from './context';
import { encodeState, stateFingerprint } from './encode';
import { sameFingerprint } from './hash';
import { apply, initialState } from './successors';
import { allRelabellings, canonicalFingerprint } from './symmetry';
import type { Action, SystemState } from './types';

const context = makeContext({ ...DEFAULT_BOUNDS, nodes: 3, maxInflight: 6 });

function play(...actions: Action[]): SystemState {
  let state = initialState(context);
  for (const action of actions) state = apply(state, action, context)!.state;
  return state;
}

describe('canonical encoding and fingerprints', () => {
  it('two equal states reached by different orders have one encoding and one fingerprint', () => {
    // Two timers fire in either order: messages in flight are a multiset, so the order is gone.
    const a = play({ kind: 'electionTimeout', node: 0 }, { kind: 'electionTimeout', node: 1 });
    const b = play({ kind: 'electionTimeout', node: 1 }, { kind: 'electionTimeout', node: 0 });
    expect(a).not.toBe(b);
    expect(encodeState(a)).toBe(encodeState(b));
    expect(sameFingerprint(stateFingerprint(a), stateFingerprint(b))).toBe(true);
  });

  it('different states have different fingerprints', () => {
    const initial = play();
    const candidate0 = play({ kind: 'electionTimeout', node: 0 });
    const candidate1 = play({ kind: 'electionTimeout', node: 1 });
    expect(sameFingerprint(stateFingerprint(initial), stateFingerprint(candidate0))).toBe(false);
    expect(sameFingerprint(stateFingerprint(candidate0), stateFingerprint(candidate1))).toBe(false);
  });

  it('the same state renamed has one canonical fingerprint under symmetry reduction', () => {
    const relabellings = allRelabellings(3);
    expect(relabellings).toHaveLength(6);
    const candidate0 = play({ kind: 'electionTimeout', node: 0 });
    const candidate2 = play({ kind: 'electionTimeout', node: 2 });
    expect(sameFingerprint(canonicalFingerprint(candidate0, relabellings), canonicalFingerprint(candidate2, relabellings))).toBe(true);
    const voted = play({ kind: 'electionTimeout', node: 0 }, { kind: 'deliver', key: candidate0.network[0]!.key });
    expect(sameFingerprint(canonicalFingerprint(candidate0, relabellings), canonicalFingerprint(voted, relabellings))).toBe(false);
  });

  it('time and PRNG draws do not enter the state: a fired timer leaves no deadline behind', () => {
    const once = play({ kind: 'electionTimeout', node: 0 });
    expect(encodeState(once)).not.toMatch(/deadline|now/);
    expect(Object.keys(once.nodes[0]!.core)).not.toContain('electionDeadline');
  });
});
