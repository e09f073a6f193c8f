import { describe, expect, it } from 'vitest';
import { BUG_SEARCHES, searchContext, searchOptions } from './bug-searches';
import { goalNamed } from './goals';
import { check } from './model';
import { describeTrace } from './trace';

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

/**
 * conflictBelowSnapshot as a reachable bad state (goals.ts rejects-committed-prefix): a follower
 * rejects a request that starts inside its committed prefix, so the leader resends it forever (the
 * stranded follower of src/sim/chaos/strand.ts). Honest only if the correct core, snapshots taken,
 * never does it.
 */
const SNAPSHOT_SEARCH = BUG_SEARCHES.find((search) => search.bug === 'conflictBelowSnapshot')!;

describe('rejects-committed-prefix (§5.4.3, §7)', () => {
  it('the correct core with snapshots, at the bug\'s bounds and with a second term: every reachable state explored, the goal never reached', () => {
    for (const bounds of [SNAPSHOT_SEARCH.bounds, { ...SNAPSHOT_SEARCH.bounds, maxTerm: 2 }]) {
      const result = check(searchContext({ ...SNAPSHOT_SEARCH, bounds }, true), searchOptions(SNAPSHOT_SEARCH));
      expect([result.exhausted, result.findings], JSON.stringify(bounds)).toEqual([true, []]);
    }
  });

  it('the bug\'s trace: a follower compacts through an entry, then rejects the leader\'s older request for it', () => {
    const context = searchContext(SNAPSHOT_SEARCH);
    const finding = check(context, searchOptions(SNAPSHOT_SEARCH)).findings[0]!;
    const trace = describeTrace(finding.actions, context).join('\n');
    expect(trace).toMatch(/node (\d): snapshot of what it applied \(through 1\)[^]*deliver \d->\1 AppendEntries t1 prev 0\/0 n=1[^]*reject: entry 1 has term 1, leader expects 0/);
  });
});
