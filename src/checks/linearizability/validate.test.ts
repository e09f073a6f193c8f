import { describe, expect, it } from 'vitest';
import { get, history, put } from './fixtures';
import { checkKvHistory } from './index';
import type { KvOperation } from './types';

const good = (): KvOperation => history(put('x', '1', [0, 1], 'new'))[0]!;

/** Builds a one-operation history with `patch` applied to an otherwise valid operation. */
const withPatch = (patch: Record<string, unknown>) => [{ ...good(), ...patch } as unknown as KvOperation];

describe('malformed histories are rejected with a message naming the operation', () => {
  it.each([
    ['a return before the call', { call: 5, return: 4 }, /history\[0\] \(op 1\): it returns at 4, before its call at 5/],
    ['a return without a result', { result: undefined }, /op 1\): it returned at 1 but has no result/],
    ['a result without a return', { return: null }, /op 1\): it has a result but no return time/],
    ['a non-integer id', { id: 1.5 }, /history\[0\] \(op 1.5\): the id must be an integer/],
    ['a missing client', { client: undefined }, /the client must be a string/],
    ['a non-finite call time', { call: Number.NaN }, /the call time must be a finite number/],
    ['a non-numeric return time', { return: '7' }, /the return time must be a finite number or null/],
    ['an unknown command', { command: { op: 'cas', key: 'x' } }, /bad command: unknown KV operation "cas"/],
    ['a put without a value', { command: { op: 'put', key: 'x' } }, /bad command: put needs a string value/],
    ['a malformed result', { result: { succ: 'yes', key: 'x', value: '1' } }, /the result must be \{ succ: boolean/],
    ['a result for another key', { result: { succ: true, key: 'y', value: '1' } }, /the result is for key 'y' but the command is on key 'x'/],
  ])('%s', (_, patch, message) => {
    expect(() => checkKvHistory(withPatch(patch))).toThrow(message);
  });

  it('rejects duplicate ids', () => {
    const [first, second] = history(put('x', '1', [0, 1], 'new'), get('x', [2, 3], '1'));
    expect(() => checkKvHistory([first!, { ...second!, id: 1 }])).toThrow(/history\[1\] \(op 1\): the id 1 is used twice/);
  });

  it('rejects a non-object operation', () => {
    expect(() => checkKvHistory([null as unknown as KvOperation])).toThrow(/history\[0\]: an operation must be an object/);
  });

  it.each([Number.NaN, -1])('rejects a time budget of %s', (timeBudgetMs) => {
    expect(() => checkKvHistory([], { timeBudgetMs })).toThrow(/timeBudgetMs must be a number ≥ 0/);
  });

  it('accepts the valid operation the cases above start from', () => {
    expect(checkKvHistory(withPatch({})).ok).toBe(true);
  });
});
