import { describe, expect, it } from 'vitest';
import { DEFAULT_BOUNDS, makeContext, type Bounds } from './context';
import { check } from './model';
import { shrinkTrace, stepsToFinding } from './shrink';

/**
 * Directed search (Go-Explore over cells of node beliefs) and trace shrinking. Reference: Figure 8
 * and §5.4.2 — a leader must not count replicas to commit an entry of an earlier term.
 */
const FIGURE_8: Bounds = { ...DEFAULT_BOUNDS, nodes: 3, maxTerm: 4, maxLog: 1, proposals: 2, maxInflight: 16 };

describe('model checker, directed search', () => {
  // That it finds the Figure 8 bug, which BFS cannot reach in time: bug-searches.test.ts.
  it('finds nothing on the correct core at the same bounds (it is not exhaustive: a state limit stops it)', () => {
    const result = check(makeContext(FIGURE_8), { mode: 'directed', seed: 1, maxStates: 150_000 });
    expect(result.findings).toEqual([]);
    expect(result.exhausted).toBe(false);
  });

  it('a run is a pure function of its seed', () => {
    const context = makeContext({ ...DEFAULT_BOUNDS, maxTerm: 3 }, 'grantVoteWithoutUpToDate');
    const once = () => check(context, { mode: 'directed', seed: 7, maxStates: 500_000 }).findings[0]?.actions;
    const first = once();
    expect(first).toBeDefined();
    expect(once()).toEqual(first);
  });
});

describe('trace shrinking', () => {
  it('deletes steps that do not matter and keeps the violation: a long random walk to the §5.4.1 bug shrinks', () => {
    const context = makeContext({ ...DEFAULT_BOUNDS, maxTerm: 3 }, 'grantVoteWithoutUpToDate');
    const walk = check(context, { mode: 'random', seed: 3, walks: 20_000, maxDepth: 60 }).findings[0]!.actions;
    const shrunk = shrinkTrace(walk, context, null);
    expect(stepsToFinding(shrunk, context, null)).toBe(shrunk.length);
    expect(shrunk.length).toBeLessThan(walk.length);
    // Locally minimal: no single step can go.
    for (let i = 0; i < shrunk.length; i++) expect(stepsToFinding([...shrunk.slice(0, i), ...shrunk.slice(i + 1)], context, null)).toBeNull();
  });
});
