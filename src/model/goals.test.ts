import { describe, expect, it } from 'vitest';
import { BUG_SEARCHES, searchContext, searchOptions } from './bug-searches';
import { goalNamed } from './goals';
import { check } from './model';

/**
 * preVoteBumpsTerm as a reachable bad state (goals.ts pre-vote-raised-term): thesis §9.6's rule,
 * that a pre-candidate does not raise its term. The bug is a liveness bug (a node cut off comes
 * back with a higher term and deposes a working leader); the goal catches its cause. For the goal
 * to be honest it must be silent on the correct core with PreVote on, where elections do happen
 * (the model's voters may grant pre-votes: image.ts lets every §4.2.3 lease lapse).
 */
const SEARCH = BUG_SEARCHES.find((search) => search.bug === 'preVoteBumpsTerm')!;

describe('pre-vote-raised-term (thesis §9.6)', () => {
  it('the correct core with PreVote on: every reachable state explored, the goal never reached, yet leaders are elected', () => {
    const context = searchContext(SEARCH, true);
    expect(context.config.features.preVote).toBe(true);
    const result = check(context, searchOptions(SEARCH));
    expect([result.exhausted, result.findings]).toEqual([true, []]);
    expect(result.distinct).toBeGreaterThan(10_000);
    const elected = check(context, { mode: 'bfs', symmetry: true, goal: goalNamed('two-leaders') }).findings[0];
    expect(elected?.kind, 'a second leader, after a round of pre-votes won').toBe('goal');
  });
});
