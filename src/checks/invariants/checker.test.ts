import { describe, expect, it } from 'vitest';
import { InvariantChecker } from './checker';
import { InvariantViolation, type CheckedNode } from './types';

type Log = { term: number; command: unknown }[];

/** A full-log view of a node: log[0] is index 1. */
function view(id: number, role: CheckedNode['role'], term: number, log: Log, commitIndex = 0): CheckedNode {
  return {
    id, role, term, commitIndex, snapshotIndex: 0, snapshotTerm: 0, lastIndex: log.length, firstShownIndex: 1,
    entryAt: (index) => log[index - 1],
  };
}

function violation(run: () => void): InvariantViolation {
  try {
    run();
  } catch (error) {
    if (error instanceof InvariantViolation) return error;
    throw error;
  }
  throw new Error('expected an InvariantViolation');
}

const e = (term: number, command: unknown) => ({ term, command });

describe('invariant checker (Figure 3)', () => {
  it('accepts a normal history: leaders of different terms, matching logs, agreed applies', () => {
    const checker = new InvariantChecker();
    const log = [e(1, 'a'), e(1, 'b')];
    checker.observe(view(0, 'leader', 1, log, 2));
    checker.observe(view(1, 'follower', 1, log.slice(0, 1), 1));
    checker.observe(view(1, 'leader', 2, [...log, e(2, 'c')], 2));
    checker.observeApply(0, 1, log[0]!);
    checker.observeApply(1, 1, log[0]!);
    expect(checker.checks).toBe(3);
  });

  it('Election Safety: two leaders in one term', () => {
    const checker = new InvariantChecker();
    checker.observe(view(0, 'leader', 3, []));
    expect(violation(() => checker.observe(view(2, 'leader', 3, []))).invariant).toBe('Election Safety');
  });

  it('Log Matching: the same index and term with different commands', () => {
    const checker = new InvariantChecker();
    checker.observe(view(0, 'follower', 2, [e(1, 'a'), e(2, 'x')]));
    expect(violation(() => checker.observe(view(1, 'follower', 2, [e(1, 'a'), e(2, 'y')]))).invariant).toBe('Log Matching');
  });

  it('Log Matching: the same index and term over different earlier entries', () => {
    const checker = new InvariantChecker();
    checker.observe(view(0, 'follower', 3, [e(1, 'a'), e(3, 'x')]));
    expect(violation(() => checker.observe(view(1, 'follower', 3, [e(2, 'b'), e(3, 'x')]))).invariant).toBe('Log Matching');
  });

  it('Leader Completeness: a later leader lacks a committed entry', () => {
    const checker = new InvariantChecker();
    checker.observe(view(0, 'leader', 1, [e(1, 'a'), e(1, 'b')], 2));
    const error = violation(() => checker.observe(view(1, 'leader', 2, [e(1, 'a')], 1)));
    expect(error.invariant).toBe('Leader Completeness');
    expect(error.nodes).toEqual([1]);
  });

  it('Leader Append-Only: a leader loses entries of its own log', () => {
    const checker = new InvariantChecker();
    checker.observe(view(0, 'leader', 4, [e(4, 'a'), e(4, 'b')]));
    expect(violation(() => checker.observe(view(0, 'leader', 4, [e(4, 'a')]))).invariant).toBe('Leader Append-Only');
  });

  it('State Machine Safety: two nodes apply different commands at one index', () => {
    const checker = new InvariantChecker();
    checker.observeApply(0, 5, e(2, 'put x 1'));
    expect(violation(() => checker.observeApply(3, 5, e(3, 'put x 2'))).invariant).toBe('State Machine Safety');
  });

  it('forgetThrough drops what lies at or below every snapshot, and still checks what lies above', () => {
    const checker = new InvariantChecker();
    const log = Array.from({ length: 10 }, (_, i) => e(1, `c${i + 1}`));
    checker.observe(view(0, 'leader', 1, log, 10));
    checker.observe(view(1, 'follower', 1, log, 10));
    for (let index = 1; index <= 10; index++) checker.observeApply(0, index, log[index - 1]!);
    const before = checker.retained;
    checker.forgetThrough(8);
    // Ten facts, ten committed, ten applied before; two of each after.
    expect([before, checker.retained]).toEqual([30, 6]);
    // Above the floor every check still holds its ground: a different command at index 9 is caught.
    expect(violation(() => checker.observeApply(1, 9, e(1, 'other'))).invariant).toBe('State Machine Safety');
    const fresh = new InvariantChecker();
    fresh.observe(view(0, 'leader', 1, log, 10));
    fresh.forgetThrough(8);
    const lacking = { ...view(1, 'leader', 2, log.slice(0, 8), 8), snapshotIndex: 8, snapshotTerm: 1, firstShownIndex: 9 };
    expect(violation(() => fresh.observe(lacking)).invariant).toBe('Leader Completeness');
  });
});

describe('invariant checker under membership change (thesis §4)', () => {
  const withVoters = (node: CheckedNode, ...groups: number[][]): CheckedNode => ({ ...node, voterGroups: groups });

  it('Election Safety holds per term under any configuration: a removed server that leads in a term already led is caught', () => {
    const checker = new InvariantChecker();
    checker.observe(withVoters(view(0, 'leader', 3, [e(1, 'a')]), [0, 1, 2]));
    // Node 5 was removed and still believes in an older configuration {3,4,5}: one term, one leader, whatever the configurations.
    const error = violation(() => checker.observe(withVoters(view(5, 'leader', 3, [e(1, 'a')]), [3, 4, 5])));
    expect(error.invariant).toBe('Election Safety');
  });

  it('Log Matching: two configuration entries at one index and term must name the same membership', () => {
    const checker = new InvariantChecker();
    const config = (voters: number[]) => ({ term: 2, kind: 'config', membership: { voters, learners: [] } });
    checker.observe(view(0, 'follower', 2, [e(1, 'a'), config([0, 1, 2]) as never]));
    const error = violation(() => checker.observe(view(1, 'follower', 2, [e(1, 'a'), config([0, 1]) as never])));
    expect(error.invariant).toBe('Log Matching');
  });

  it('Commit Quorum: a leader\'s commit must be held by a majority of the voters in force; learners and outsiders do not count', () => {
    const log = [e(2, 'a'), e(2, 'b')];
    const run = (groups: number[][]) => {
      const checker = new InvariantChecker();
      checker.observe(withVoters(view(0, 'leader', 2, log, 0), ...groups));
      checker.observe(view(7, 'follower', 2, log, 0)); // a learner holding the entries
      checker.observe(view(1, 'follower', 2, log.slice(0, 1), 0));
      checker.observe(withVoters(view(0, 'leader', 2, log, 2), ...groups));
    };
    expect(() => run([[0, 7, 9]])).not.toThrow(); // 0 and 7 of {0,7,9}
    expect(violation(() => run([[0, 1, 2]])).detail).toBe('leader of term 2 committed entry 2 (term 2) held by only 0 of the voters 0, 1, 2 in force: not a majority');
    expect(violation(() => run([[0, 7, 9], [0, 1, 2]])).invariant).toBe('Commit Quorum'); // joint: a majority of both
  });

  it('Commit Quorum: a voter that lost its storage and is recovering is given the benefit of the doubt', () => {
    const log = [e(2, 'a')];
    const checker = new InvariantChecker();
    checker.observe(withVoters(view(0, 'leader', 2, log, 0), [0, 1, 2]));
    checker.observe({ ...view(1, 'follower', 2, [], 0), recovering: true });
    expect(() => checker.observe(withVoters(view(0, 'leader', 2, log, 1), [0, 1, 2]))).not.toThrow();
  });
});
