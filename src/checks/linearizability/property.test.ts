import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Prng } from '../../raft/prng';
import { KvStateMachine } from '../../kv/machine';
import { corruptValue, injectStaleRead } from './corrupt';
import { checkKvHistory, type KvOperation } from './index';
import { isLinearizableByBruteForce } from './reference';
import { executePlan, planOf, randomPlan } from './simulate';

/*
 * Histories from real concurrent executions: integer times so that intervals often touch and
 * effects often share an instant, repeated values, and unanswered operations that took effect
 * (inside or after their interval) or never did. fast-check prints the seed that replays a failure.
 */
const plannedOperation = fc.record({
  client: fc.integer({ min: 0, max: 3 }),
  op: fc.constantFrom('get', 'put', 'del'),
  key: fc.constantFrom('a', 'b', 'c'),
  value: fc.constantFrom('x', 'y', 'z'),
  call: fc.integer({ min: 0, max: 40 }),
  duration: fc.integer({ min: 0, max: 8 }),
  effectOffset: fc.integer({ min: 0, max: 20 }),
  fate: fc.constantFrom('answered', 'answered', 'answered', 'answered', 'answered', 'lost', 'late'),
});


const executed = (maxLength: number) => fc.array(plannedOperation, { minLength: 1, maxLength }).map((specs) => executePlan(planOf(specs)));

describe('histories from real concurrent executions', () => {
  it('are always linearizable', () => {
    fc.assert(
      fc.property(executed(40), (history) => {
        const result = checkKvHistory(history);
        expect(result.ok, result.explanation).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('are caught when one answer is corrupted to a value never written', () => {
    const withTarget = executed(40)
      .filter((history) => history.some((op) => op.result))
      .chain((history) => fc.tuple(fc.constant(history), fc.constantFrom(...answeredIndices(history))));
    fc.assert(
      fc.property(withTarget, ([history, index]) => {
        const { history: bad, corruptedId } = corruptValue(history, index);
        const result = checkKvHistory(bad);
        expect(result.ok).toBe(false);
        expect(result.timedOut).toBe(false);
        expect(result.failingKey).toBe(history[index]!.command.key);
        expect(result.badOperations).toContain(corruptedId);
        expectValidPartial(bad, result.failingKey!, result.longestPartial!, result.badOperations);
      }),
      { numRuns: 400 },
    );
  });
});

describe('sequential histories (one possible order)', () => {
  const sequential = fc
    .array(plannedOperation, { minLength: 1, maxLength: 30 })
    .map((specs) => executePlan(planOf(specs.map((s, i) => ({ ...s, call: i * 10, duration: 5, fate: 'answered' })))));
  const otherResult = fc.record({ pick: fc.nat(), succ: fc.boolean(), value: fc.constantFrom('', 'x', 'y', 'z') });

  it('accept exactly the outputs KvStateMachine gives: any other single output is rejected', () => {
    fc.assert(
      fc.property(sequential, otherResult, (history, { pick, succ, value }) => {
        expect(checkKvHistory(history).ok).toBe(true);
        const index = pick % history.length;
        const target = history[index]!;
        fc.pre(succ !== target.result!.succ || value !== target.result!.value);
        const changed = [...history];
        changed[index] = { ...target, result: { succ, key: target.command.key, value } };
        const result = checkKvHistory(changed);
        expect(result.ok).toBe(false);
        expect(result.failingKey).toBe(target.command.key);
      }),
      { numRuns: 400 },
    );
  });
});

describe('agreement with the brute-force definition', () => {
  /** Small executed histories, half of them with one answer replaced by an arbitrary one. */
  const smallHistories = fc
    .tuple(executed(7), fc.option(fc.record({ pick: fc.nat(), succ: fc.boolean(), value: fc.constantFrom('', 'x', 'y') })))
    .map(([history, mutation]) => {
      const answered = answeredIndices(history);
      if (!mutation || answered.length === 0) return history;
      const index = answered[mutation.pick % answered.length]!;
      const target = history[index]!;
      const copy = [...history];
      copy[index] = { ...target, result: { succ: mutation.succ, key: target.command.key, value: mutation.value } };
      return copy;
    });

  it('gives the same verdict on small histories', () => {
    fc.assert(
      fc.property(smallHistories, (history) => {
        expect(checkKvHistory(history).ok).toBe(isLinearizableByBruteForce(history));
      }),
      { numRuns: 1500 },
    );
  });

  it('is exercised on both verdicts (so the agreement test means something)', () => {
    const verdicts = fc.sample(smallHistories, { numRuns: 400, seed: 42 }).map(isLinearizableByBruteForce);
    expect(verdicts.filter(Boolean).length).toBeGreaterThan(100);
    expect(verdicts.filter((ok) => !ok).length).toBeGreaterThan(50);
  });
});

describe('larger seeded histories', () => {
  it.each([1, 2, 3])('one busy key, 16 clients, 2 percent unanswered: linearizable, and a stale read is caught (seed %i)', (seed) => {
    const history = executePlan(randomPlan(new Prng(seed), { operations: 2000, keys: 1, clients: 16, unansweredRate: 0.02 }));
    expect(checkKvHistory(history).ok, `seed ${seed}`).toBe(true);
    const { history: bad, corruptedId } = injectStaleRead(history, 1000);
    const result = checkKvHistory(bad);
    expect(result.ok, `seed ${seed}`).toBe(false);
    expect(result.badOperations).toContain(corruptedId);
    expect(result.explanation).toContain(`op ${corruptedId},`);
  });
});

function answeredIndices(history: readonly KvOperation[]): number[] {
  return history.flatMap((op, i) => (op.result ? [i] : []));
}

/**
 * An independent check of what the checker reports: the partial order respects real time (every
 * answered operation that returned before a placed one was called is placed before it), replays
 * on a real store with the recorded outputs, and shares nothing with the bad operations.
 */
function expectValidPartial(history: readonly KvOperation[], key: string, order: readonly number[], bad: readonly number[]): void {
  const byId = new Map(history.map((op) => [op.id, op]));
  const store = new KvStateMachine();
  order.forEach((id, position) => {
    const op = byId.get(id)!;
    expect(op.command.key).toBe(key);
    const earlier = new Set(order.slice(0, position));
    for (const other of history) {
      if (other.command.key === key && other.return !== null && other.return < op.call) expect(earlier.has(other.id)).toBe(true);
    }
    const actual = store.apply(op.command);
    if (op.result) expect(actual).toEqual(op.result);
  });
  expect(bad.length).toBeGreaterThan(0);
  for (const id of bad) {
    expect(order).not.toContain(id);
    expect(byId.get(id)!.command.key).toBe(key);
  }
}
