import { describe, expect, it } from 'vitest';
import { DEFAULT_BOUNDS, makeContext } from './context';
import { check } from './model';

/** Depth-first and random-walk modes find what BFS finds, with longer traces; a walk is a pure function of its seed. */
const context = makeContext({ ...DEFAULT_BOUNDS, nodes: 3, maxTerm: 2, maxLog: 1, maxInflight: 3, proposals: 1 }, 'grantVoteWithoutUpToDate');

describe('model checker, depth-first and random-walk modes', () => {
  it('depth-first search finds the §5.4.1 bug within a depth bound', () => {
    const result = check(context, { mode: 'dfs', maxDepth: 40 });
    expect(result.findings.map((f) => f.name)).toEqual(['Leader Completeness']);
    expect(result.findings[0]!.actions.length).toBeLessThanOrEqual(40);
  });

  it('random walks find it too, and the same seed walks the same way', () => {
    const walk = () => check(context, { mode: 'random', seed: 1, walks: 5000, maxDepth: 40 });
    const first = walk();
    expect(first.findings.map((f) => f.name)).toEqual(['Leader Completeness']);
    expect(walk().findings[0]!.actions).toEqual(first.findings[0]!.actions);
  });
});
