import { describe, expect, it } from 'vitest';
import { DEFAULT_BOUNDS, makeContext, type Bounds } from './context';
import { check } from './model';

/**
 * The size of the state space at fixed bounds, pinned: a change that makes the checker faster
 * (memoised transitions, interned nodes, folded fingerprints) must explore exactly the same
 * states — as many distinct, as many generated, as deep. A reduction or a lost successor shows
 * here as a different count. The numbers were measured on the checker before it memoised
 * transitions (it rebuilt a core for every successor).
 */
function size(bounds: Bounds, symmetry = false) {
  const { distinct, generated, depth, exhausted, findings } = check(makeContext(bounds), { mode: 'bfs', symmetry });
  return { distinct, generated, depth, exhausted, violations: findings.length };
}

describe('model checker, state-space size at fixed bounds', () => {
  it('the standard bounds (3 nodes, terms ≤ 2, log ≤ 1, 3 in flight, 1 proposal): 30,205 distinct states, depth 38', () => {
    expect(size(DEFAULT_BOUNDS)).toEqual({ distinct: 30205, generated: 68505, depth: 38, exhausted: true, violations: 0 });
  });

  it('the same with symmetry reduction over node ids: 5,036 classes', () => {
    expect(size(DEFAULT_BOUNDS, true)).toEqual({ distinct: 5036, generated: 11422, depth: 38, exhausted: true, violations: 0 });
  });

  it('with a crash and writes as steps of their own', () => {
    const bounds: Bounds = { ...DEFAULT_BOUNDS, maxTerm: 1, crashes: 1 };
    expect(size(bounds)).toEqual({ distinct: 41588, generated: 107199, depth: 37, exhausted: true, violations: 0 });
  });

  it('with a drop and a duplicate (symmetry on)', () => {
    const bounds: Bounds = { ...DEFAULT_BOUNDS, maxTerm: 1, drops: 1, duplicates: 1 };
    expect(size(bounds, true)).toEqual({ distinct: 20622, generated: 57957, depth: 33, exhausted: true, violations: 0 });
  });
});
