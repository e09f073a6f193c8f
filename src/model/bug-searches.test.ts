import { describe, expect, it } from 'vitest';
import { BUG_NAMES } from './context';
import { BUG_SEARCHES, searchContext, searchOptions, UNMODELLED_BUGS } from './bug-searches';
import { check } from './model';
import { stepsToFinding } from './shrink';
import { describeTrace } from './trace';

/**
 * Proof that the checker can fail: each bug switch the model runs is found by its search
 * (bug-searches.ts) with a trace of at most 40 steps (issue 13's target) that replays to the same
 * violation. Timings are in the benchmark (npm run bench -- model), not here.
 */
describe('each bug switch is found by its search', () => {
  it('every bug switch has a search, or a reason it is not modelled', () => {
    for (const bug of BUG_NAMES) expect(BUG_SEARCHES.some((s) => s.bug === bug) || UNMODELLED_BUGS[bug] !== undefined, bug).toBe(true);
  });

  for (const search of BUG_SEARCHES) {
    it(`${search.bug}: ${search.violation} — ${search.why}`, () => {
      const context = searchContext(search);
      const options = searchOptions(search);
      const result = check(context, options);
      expect(result.findings.map((f) => f.name)).toEqual([search.violation]);
      const actions = result.findings[0]!.actions;
      expect(actions.length).toBeLessThanOrEqual(40);
      expect(stepsToFinding(actions, context, options.goal ?? null)).toBe(actions.length);
      if (search.bug === 'commitPreviousTermByCount') {
        // Figure 8 on three nodes: an entry of term 1 counted onto a majority and committed in
        // term 3, then a leader of term 4 whose log holds term 2 there.
        const trace = describeTrace(actions, context).join('\n');
        expect(trace).toMatch(/votes from a majority \(2 of 3\) in term 3/);
        expect(trace).toMatch(/votes from a majority \(2 of 3\) in term 4/);
      }
      if (search.bug === 'readIndexBeforeTermCommit') {
        // Thesis §6.4 step 1 skipped: a write answered, then a new leader reads at a commit index
        // from before it (its no-op of term 2 not yet committed), and answers "not found".
        const trace = describeTrace(actions, context).join('\n');
        expect(trace).toMatch(/answers command 1: put x=1 → ok 1[^]*node \d t2: read index 1 recorded[^]*answers command read 1: get x → not found/);
      }
    });
  }
});
