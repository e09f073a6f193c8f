import { describe, expect, it } from 'vitest';
import { BUG_NAMES } from './context';
import { BUG_SEARCHES, UNMODELLED_BUGS } from './bug-searches';

/**
 * Proof that the checker can fail: every bug switch has its search in bug-searches.ts, or a stated
 * reason it is not modelled. Each search is run once, in to-run.test.ts: found with a trace of at
 * most 40 steps (issue 13's target), every step needed, replayed to the same violation in the
 * simulated engine. Timings are in the benchmark (npm run bench -- model), not here.
 */
describe('each bug switch is found by its search', () => {
  it('every bug switch has a search, or a reason it is not modelled', () => {
    for (const bug of BUG_NAMES) expect(BUG_SEARCHES.some((s) => s.bug === bug) || UNMODELLED_BUGS[bug] !== undefined, bug).toBe(true);
  });
});
