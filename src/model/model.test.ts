import { describe, expect, it } from 'vitest';
import { DEFAULT_BOUNDS, makeContext, type Bounds, type BugName } from './context';
import { goalNamed } from './goals';
import { check } from './model';
import { describeTrace } from './trace';

/**
 * The model checker over the real core at tiny bounds (each test a few seconds at most): the
 * correct core exhausts its space with no violation, and each bug switch is caught with a short
 * trace. Reference: Figure 3 (the properties), §5.4.1, §5.4.2, thesis §3.8.
 */
const TINY: Bounds = { ...DEFAULT_BOUNDS, nodes: 3, maxTerm: 2, maxLog: 1, maxInflight: 3, proposals: 1 };

function run(bounds: Bounds, bug: BugName | null = null, goal: string | null = null) {
  const context = makeContext(bounds, bug);
  return { context, result: check(context, { mode: 'bfs', symmetry: true, goal: goal ? goalNamed(goal) : null }) };
}

describe('model checker, correct core (Figure 3 holds)', () => {
  it('explores every state at tiny bounds with no violation, and always the same number of them', () => {
    const bounds: Bounds = { ...TINY, maxTerm: 1 };
    const first = run(bounds).result;
    expect(first.findings).toEqual([]);
    expect(first.exhausted).toBe(true);
    expect(first.distinct).toBeGreaterThan(50);
    expect(run(bounds).result.distinct).toBe(first.distinct);
  });

  it('with a crash, and writes as steps of their own: no violation, every state explored', () => {
    const { result } = run({ ...TINY, maxTerm: 1, crashes: 1, maxLog: 0, proposals: 0 });
    expect(result.findings).toEqual([]);
    expect(result.exhausted).toBe(true);
  });
});

describe('model checker, bug switches are caught with a short trace', () => {
  it('grantVoteWithoutUpToDate: a leader without a committed entry (§5.4.1)', () => {
    const { result } = run(TINY, 'grantVoteWithoutUpToDate');
    expect(result.findings.map((f) => f.name)).toEqual(['Leader Completeness']);
    expect(result.findings[0]!.actions.length).toBeLessThanOrEqual(17);
  });

  it('forgetVoteOnRestart: two leaders in one term (Figure 2, votedFor is persistent)', () => {
    const { result } = run({ ...TINY, maxTerm: 1, crashes: 1, proposals: 0, maxLog: 0, maxInflight: 4 }, 'forgetVoteOnRestart');
    expect(result.findings.map((f) => f.name)).toEqual(['Election Safety']);
    expect(result.findings[0]!.actions.length).toBeLessThanOrEqual(15);
  });

  it('ackBeforePersist: a vote sent before it is durable is forgotten by a crash (thesis §3.8)', () => {
    const { context, result } = run({ ...TINY, maxTerm: 1, crashes: 1, proposals: 0, maxLog: 0, maxInflight: 4 }, 'ackBeforePersist');
    expect(result.findings.map((f) => f.name)).toEqual(['Election Safety']);
    const trace = describeTrace(result.findings[0]!.actions, context).join('\n');
    expect(trace).toMatch(/crash and restart \(loses 1 unwritten batch/);
    expect(result.findings[0]!.actions.length).toBeLessThanOrEqual(11);
  });
});

describe('model checker, storage-fault recovery (stretch)', () => {
  it('wipedNodeVotes: a wiped node that votes at once elects a leader without a committed entry', () => {
    // Writes within the step (a synchronous disk): the wipe is the fault explored here.
    const result = check(makeContext({ ...TINY, wipes: 1 }, 'wipedNodeVotes', { atomicPersist: true }), { mode: 'bfs', symmetry: true });
    expect(result.findings.map((f) => f.name)).toEqual(['Leader Completeness']);
    expect(result.findings[0]!.actions.length).toBeLessThanOrEqual(18);
  });
});

describe('model checker, goals', () => {
  it('reaches a goal Raft allows, with the shortest trace: a leader elected in 3 steps', () => {
    const { context, result } = run(TINY, null, 'leader-elected');
    expect(result.findings.map((f) => [f.kind, f.name])).toEqual([['goal', 'leader-elected']]);
    // Timer fires, one RequestVote delivered, the vote delivered back: 3 steps suffice with atomic writes.
    expect(result.findings[0]!.actions.length).toBe(3);
    expect(describeTrace(result.findings[0]!.actions, context).join('\n')).toContain('votes from a majority (2 of 3) in term 1 (§5.2)');
  });

  it('never reaches two leaders in one term on the correct core', () => {
    const { result } = run({ ...TINY, maxTerm: 1 }, null, 'two-leaders-one-term');
    expect(result.findings).toEqual([]);
    expect(result.exhausted).toBe(true);
  });
});
