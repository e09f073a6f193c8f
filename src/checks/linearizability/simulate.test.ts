import { describe, expect, it } from 'vitest';
import { Prng } from '../../raft/prng';
import { injectStaleRead } from './corrupt';
import { history, put } from './fixtures';
import { executePlan, randomPlan, type PlannedOperation } from './simulate';

const planned = (patch: Partial<PlannedOperation>): PlannedOperation => ({
  id: 0, client: 'c0', command: { op: 'put', key: 'k', value: 'v' }, call: 10, return: 20, effectAt: 15, ...patch,
});

describe('executePlan', () => {
  it('applies operations in effect order, not call order, and records what each saw', () => {
    const [first, second] = executePlan([
      planned({ id: 1, call: 0, return: 10, effectAt: 9, command: { op: 'get', key: 'k' } }),
      planned({ id: 2, call: 1, return: 10, effectAt: 2 }),
    ]);
    expect(first!.result).toEqual({ succ: true, key: 'k', value: 'v' });
    expect(second!.result).toEqual({ succ: true, key: 'k', value: 'v' });
  });

  it('gives unanswered operations no result, whether or not they took effect', () => {
    const ops = executePlan([planned({ return: null, effectAt: 99 }), planned({ id: 1, return: null, effectAt: null })]);
    expect(ops.map((op) => op.result)).toEqual([undefined, undefined]);
  });

  it.each([
    ['before the call', { effectAt: 5 }],
    ['after the return', { effectAt: 25 }],
    ['never, for an answered operation', { effectAt: null }],
  ])('rejects an effect %s', (_, patch) => {
    expect(() => executePlan([planned(patch)])).toThrow(/outside its interval/);
  });
});

describe('randomPlan', () => {
  const shape = { operations: 2000, keys: 10, clients: 8 };

  it('is a pure function of the seed', () => {
    expect(randomPlan(new Prng(5), shape)).toEqual(randomPlan(new Prng(5), shape));
    expect(randomPlan(new Prng(5), shape)).not.toEqual(randomPlan(new Prng(6), shape));
  });

  it('keeps about `clients` operations in flight, each client one at a time', () => {
    const plan = randomPlan(new Prng(5), shape);
    const span = plan[plan.length - 1]!.return! - plan[0]!.call;
    const busy = plan.reduce((sum, op) => sum + (op.return! - op.call), 0);
    expect(busy / span).toBeGreaterThan(7);
    expect(busy / span).toBeLessThanOrEqual(8);
    for (const client of ['c0', 'c7']) {
      const own = plan.filter((op) => op.client === client);
      own.slice(1).forEach((op, i) => expect(op.call).toBeGreaterThanOrEqual(own[i]!.return!));
    }
  });
});

describe('injectStaleRead', () => {
  it('refuses when no get can be made stale', () => {
    expect(() => injectStaleRead(history(put('x', '1', [0, 1], 'new')), 0)).toThrow(/can be made stale/);
  });
});
