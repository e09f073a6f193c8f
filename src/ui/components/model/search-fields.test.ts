import { describe, expect, it } from 'vitest';
import { BUG_SEARCHES, searchContext, searchOptions, UNMODELLED_BUGS } from '../../../model/bug-searches';
import type { SearchReport, SearchRequest } from '../../../model/worker-protocol';
import { planSearch, runSearch } from '../../../model/worker-search';
import { fieldsForBug, readFields, unmodelledReason, type SearchFields } from './search-fields';

/**
 * The page's search form (SearchForm.tsx) as data: choosing a bug switch fills in the search that
 * finds it (src/model/bug-searches.ts), and the worker (worker-search.ts) then runs exactly that
 * search — so every bug the model finds, Figure 8's included, is found from the page.
 */
function requestOf(fields: SearchFields): SearchRequest {
  const read = readFields(fields);
  if (!('request' in read)) throw new Error(read.problems.join('; '));
  return { type: 'search', ...read.request };
}

function problemsOf(fields: SearchFields): string[] {
  const read = readFields(fields);
  return 'problems' in read ? read.problems : [];
}

describe('the search form', () => {
  for (const search of BUG_SEARCHES) {
    it(`choosing ${search.bug} fills in its search, which the worker plans as bug-searches.ts does (${search.options.mode})`, () => {
      const { context, options } = planSearch(requestOf(fieldsForBug(search.bug)));
      const expected = searchContext(search);
      expect(context.bounds).toEqual(search.bounds);
      expect(context.config).toEqual(expected.config);
      expect([context.atomicPersist, context.ackBeforePersist, context.kv]).toEqual([expected.atomicPersist, expected.ackBeforePersist, expected.kv]);
      expect(options.mode).toBe(search.options.mode);
      expect(options.symmetry).toBe(search.options.symmetry === true);
      if (search.options.mode === 'random' || search.options.mode === 'directed') expect(options.seed).toBe(search.options.seed);
      expect(options.goal).toBe(searchOptions(search).goal);
    });
  }

  it('runs the filled-in search in the worker and reports the trace and the mode that found it', () => {
    const reports: SearchReport[] = [];
    runSearch(requestOf(fieldsForBug('grantVoteWithoutUpToDate')), () => 0, (report) => reports.push(report));
    const found = reports.at(-1)!;
    expect(found.type === 'found' && [found.mode, found.name, found.steps.length]).toEqual(['bfs', 'Leader Completeness', 17]);
  });

  it('says why a bug switch without a search is not modelled, and offers the default bounds breadth-first', () => {
    for (const [bug, reason] of Object.entries(UNMODELLED_BUGS)) {
      expect(unmodelledReason(bug as keyof typeof UNMODELLED_BUGS)).toBe(reason);
      expect(fieldsForBug(bug as keyof typeof UNMODELLED_BUGS).mode).toBe('bfs');
    }
    expect(unmodelledReason('grantVoteWithoutUpToDate')).toBeNull();
    expect(unmodelledReason('')).toBeNull();
  });

  it('keeps the time limit when another bug switch is chosen; the goal is the search\'s own, or kept for a bug without one', () => {
    const fields = fieldsForBug('commitPreviousTermByCount', { goal: 'two-leaders-one-term', seconds: '30' });
    expect([fields.goal, fields.seconds, fields.mode, fields.bounds.maxInflight]).toEqual(['', '30', 'directed', '16']);
    expect(fieldsForBug('preVoteBumpsTerm', { goal: '', seconds: '30' }).goal).toBe('pre-vote-raised-term');
    expect(fieldsForBug('leaseWithoutCheckQuorum', { goal: 'two-leaders', seconds: '30' }).goal).toBe('two-leaders');
  });

  it('refuses out-of-range input field by field, saying what is allowed', () => {
    const figure8 = fieldsForBug('commitPreviousTermByCount');
    expect(problemsOf({ ...figure8, bounds: { ...figure8.bounds, maxInflight: '17', nodes: '' }, seed: '-1', seconds: '0' })).toEqual([
      'Nodes must be a whole number from 2 to 5 (got nothing)',
      'Messages in flight must be a whole number from 1 to 16 (got 17)',
      'Seed must be a whole number from 0 to 4294967295 (got -1)',
      'Time limit must be a whole number of seconds from 1 to 600 (got 0)',
    ]);
    expect(problemsOf({ ...figure8, seed: '1e3', seconds: '2.5' })).toEqual([
      'Seed must be a whole number from 0 to 4294967295 (got nothing)',
      'Time limit must be a whole number of seconds from 1 to 600 (got 2.5)',
    ]);
    // Breadth-first draws nothing at random: a seed it would not use is not checked.
    expect(problemsOf({ ...fieldsForBug(''), seed: 'x' })).toEqual([]);
    expect(() => planSearch({ ...requestOf(fieldsForBug('')), mode: 'sideways' as never })).toThrow('Mode must be one of bfs, dfs, random, directed (got sideways)');
  });
});
