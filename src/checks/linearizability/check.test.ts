import { describe, expect, it } from 'vitest';
import { by, del, get, history, put } from './fixtures';
import { checkKvHistory } from './index';
import type { KvOperation } from './types';

/** Asserts a violation and returns the result, printing the explanation if the verdict is wrong. */
function expectViolation(ops: KvOperation[]) {
  const result = checkKvHistory(ops);
  expect(result.ok, result.explanation).toBe(false);
  expect(result.timedOut).toBe(false);
  return result;
}

function expectLinearizable(ops: KvOperation[]) {
  const result = checkKvHistory(ops);
  expect(result.ok, result.explanation).toBe(true);
  expect(result.badOperations).toEqual([]);
  return result;
}

describe('sequential histories', () => {
  it('accepts put, get, overwrite, delete, get in order', () => {
    expectLinearizable(history(
      put('x', '1', [0, 1], 'new'),
      get('x', [2, 3], '1'),
      put('x', '2', [4, 5], { replaced: '1' }),
      del('x', [6, 7], '2'),
      get('x', [8, 9], null),
      del('x', [10, 11], null),
    ));
  });

  it('rejects a read of a value that was never written', () => {
    const result = expectViolation(history(put('x', '1', [0, 1], 'new'), get('x', [2, 3], '7')));
    expect(result.badOperations).toEqual([2]);
    expect(result.explanation).toContain('no sequence of operations on x can produce');
  });

  it('rejects a stale read after an overwrite', () => {
    const result = expectViolation(history(
      put('x', '1', [0, 1], 'new'),
      put('x', '2', [2, 3], { replaced: '1' }),
      get('x', [4, 5], '1'),
    ));
    expect(result.failingKey).toBe('x');
    expect(result.badOperations).toEqual([3]);
    expect(result.longestPartial).toEqual([1, 2]);
    expect(result.explanation).toBe(
      "key x: get x → '1' (op 3, client c3) needs x = '1', but the longest valid order found (2 operation(s)) ends with " +
        "put x '2' → replaced '1' (op 2, client c2), leaving x = '2', and no operation left writes '1'.",
    );
  });

  it('rejects a read of a deleted key that still sees the value', () => {
    expectViolation(history(put('x', '1', [0, 1], 'new'), del('x', [2, 3], '1'), get('x', [4, 5], '1')));
  });
});

describe('overlapping operations', () => {
  it.each([
    ['the old value', null],
    ['the new value', '1'],
  ])('a get overlapping a put may see %s', (_, seen) => {
    expectLinearizable(history(put('x', '1', [0, 10], 'new'), get('x', [2, 5], seen)));
  });

  it('lets two gets overlapping a put disagree in the order the put allows', () => {
    expectLinearizable(history(put('x', '1', [0, 10], 'new'), get('x', [1, 2], null), get('x', [3, 4], '1')));
  });

  it('rejects non-overlapping gets that go backwards (new value, then old)', () => {
    const result = expectViolation(history(
      put('x', '1', [0, 1], 'new'),
      put('x', '2', [2, 20], { replaced: '1' }),
      get('x', [3, 4], '2'),
      get('x', [5, 6], '1'),
    ));
    expect(result.badOperations).toEqual([4]);
  });

  it('rejects two overlapping puts that both claim the key was new', () => {
    const result = expectViolation(history(put('x', '1', [0, 10], 'new'), put('x', '2', [0, 10], 'new')));
    expect(result.longestPartial).toHaveLength(1);
    expect(result.badOperations).toHaveLength(1);
  });

  it('accepts overlapping puts when the second reports replacing the first', () => {
    expectLinearizable(history(put('x', '1', [0, 10], { replaced: '2' }), put('x', '2', [0, 10], 'new')));
  });

  it('treats intervals that only touch as concurrent (equal timestamps prove no order)', () => {
    expectLinearizable(history(put('x', '1', [0, 5], 'new'), get('x', [5, 6], null)));
    expectViolation(history(put('x', '1', [0, 5], 'new'), get('x', [6, 7], null)));
  });

  it('rejects two overlapping dels that both removed the same value', () => {
    expectViolation(history(put('x', '1', [0, 1], 'new'), del('x', [2, 5], '1'), del('x', [3, 6], '1')));
  });
});

describe('put results (new key → succ and the new value; overwrite → the old value)', () => {
  it('rejects a put that reports a new key when the key already held a value', () => {
    expectViolation(history(put('x', '1', [0, 1], 'new'), put('x', '2', [2, 3], 'new')));
  });

  it('rejects a put that reports replacing the wrong old value', () => {
    const result = expectViolation(history(put('x', '1', [0, 1], 'new'), put('x', '2', [2, 3], { replaced: '3' })));
    expect(result.badOperations).toEqual([2]);
  });

  it('rejects a put that reports replacing a value on an absent key', () => {
    expectViolation(history(put('x', '2', [0, 1], { replaced: '1' }), put('x', '1', [2, 3], 'new')));
  });

  it('rejects a put on a new key that echoes a different value', () => {
    const ops = history(put('x', '1', [0, 1], 'new'));
    const bad = [{ ...ops[0]!, result: { succ: true, key: 'x', value: 'other' } }];
    expect(checkKvHistory(bad).ok).toBe(false);
  });
});

describe('del results (succ = the key was present; value = the old value or "")', () => {
  it('rejects a del that reports a value on an absent key', () => {
    expectViolation(history(del('x', [0, 1], '1')));
  });

  it('rejects a del that reports absent while the key holds a value', () => {
    expectViolation(history(put('x', '1', [0, 1], 'new'), del('x', [2, 3], null)));
  });

  it('rejects a failed get or del whose value is not ""', () => {
    const ops = history(get('x', [0, 1], null));
    expect(checkKvHistory([{ ...ops[0]!, result: { succ: false, key: 'x', value: 'junk' } }]).ok).toBe(false);
  });
});

describe('operations without a response (return = null)', () => {
  it('accepts one that took effect: a later get sees its value', () => {
    expectLinearizable(history(put('x', '1', [0, null]), get('x', [5, 6], '1')));
  });

  it('accepts one that never took effect: later gets see the key absent', () => {
    expectLinearizable(history(put('x', '1', [0, null]), get('x', [5, 6], null), get('x', [7, 8], null)));
  });

  it('accepts one that took effect long after its client gave up', () => {
    expectLinearizable(history(put('x', '1', [0, null]), get('x', [5, 6], null), get('x', [50, 51], '1')));
  });

  it('rejects a get that sees its value before it was called', () => {
    const result = expectViolation(history(get('x', [0, 1], '1'), put('x', '1', [5, null])));
    expect(result.badOperations).toEqual([1]);
  });

  it('rejects seeing its effect, then not, then its effect again', () => {
    expectViolation(history(put('x', '1', [0, null]), get('x', [1, 2], '1'), get('x', [3, 4], null), get('x', [5, 6], '1')));
  });

  it('accepts an unanswered del that removed the key', () => {
    expectLinearizable(history(put('x', '1', [0, 1], 'new'), del('x', [2, null]), get('x', [5, 6], null)));
  });

  it('tells apart the same operations linearized into different states', () => {
    // {put a, put b, del} can end with x = b (a, del, b) or x = a (b, del, a); only the second lets
    // the get read 'a'. The late put keeps 'a' producible, so the first order fails only at the
    // get's return, after its configuration has been cached.
    expectLinearizable(history(
      put('x', 'a', [0, 10], 'new'),
      put('x', 'b', [0, 10], 'new'),
      del('x', [0, null]),
      get('x', [20, 21], 'a'),
      put('x', 'a', [30, 31], { replaced: 'a' }),
    ));
  });

  it('never marks an unanswered operation as bad', () => {
    const result = expectViolation(history(put('x', '1', [0, 1], 'new'), del('x', [2, null]), get('x', [3, 4], '9')));
    expect(result.badOperations).toEqual([3]);
  });
});

describe('explanations', () => {
  it('blame the operation that returns first, then those concurrent with it', () => {
    // Both gets need x = '2', which only a put called after they return can produce.
    const result = expectViolation(history(
      put('x', '1', [0, 1], 'new'),
      get('x', [2, 20], '2'),
      get('x', [3, 5], '2'),
      put('x', '2', [30, 31], { replaced: '1' }),
    ));
    expect(result.badOperations).toEqual([3, 2]);
    expect(result.explanation).toBe(
      "key x: get x → '2' (op 3, client c3) cannot come next: the longest valid order found (1 operation(s)) ends with " +
        "put x '1' → new (op 1, client c1), leaving x = '1'. The same holds for 1 other operation(s).",
    );
  });

  it('say when nothing can come first', () => {
    const result = expectViolation(history(get('x', [0, 5], '1'), put('x', '1', [10, 11], 'new')));
    expect(result.longestPartial).toEqual([]);
    expect(result.explanation).toContain('cannot be the first operation on x, which starts absent');
  });
});

describe('several keys', () => {
  it('names the one bad key and marks only its operations', () => {
    const result = expectViolation(history(
      put('a', '1', [0, 1], 'new'),
      put('b', '1', [0, 1], 'new'),
      get('a', [2, 3], '1'),
      by('c9', get('b', [2, 3], null)),
      put('c', '1', [4, 5], 'new'),
      get('b', [4, 5], '1'),
    ));
    expect(result.failingKey).toBe('b');
    expect(result.badOperations).toEqual([4]);
    expect(result.explanation).toMatch(/^key b: get b → absent \(op 4, client c9\)/);
  });

  it('keeps keys apart: a value written to one key cannot be read from another', () => {
    expectViolation(history(put('a', '1', [0, 1], 'new'), get('b', [2, 3], '1')));
  });

  it('counts the keys it checked', () => {
    const ok = expectLinearizable(history(put('a', '1', [0, 1], 'new'), put('b', '1', [0, 1], 'new'), get('c', [0, 1], null)));
    expect(ok.keysChecked).toBe(3);
    const bad = expectViolation(history(put('a', '1', [0, 1], 'new'), get('a', [2, 3], null), put('b', '1', [0, 1], 'new')));
    expect(bad.keysChecked).toBe(1);
  });

  it('accepts an empty history', () => {
    expect(expectLinearizable([]).keysChecked).toBe(0);
  });
});

describe('time budget', () => {
  it('never claims linearizable when the budget is spent', () => {
    const result = checkKvHistory(history(put('x', '1', [0, 1], 'new')), { timeBudgetMs: 0 });
    expect(result).toMatchObject({ ok: false, timedOut: true, keysChecked: 0 });
    expect(result.explanation).toContain('not known to be linearizable');
  });

  it('gives up on a search too large for the budget', () => {
    // 'a' then 28 concurrent puts that flip the key a → b → a …, then a read no order explains:
    // every balanced subset of flips is a distinct configuration, about C(28, 14) = 4·10^7 of them.
    const flips = Array.from({ length: 14 }, () => [
      put('x', 'b', [10, 100], { replaced: 'a' }),
      put('x', 'a', [10, 100], { replaced: 'b' }),
    ]).flat();
    const ops = history(put('x', 'a', [0, 1], 'new'), ...flips, get('x', [200, 201], 'b'));
    const result = checkKvHistory(ops, { timeBudgetMs: 30 });
    expect(result).toMatchObject({ ok: false, timedOut: true, keysChecked: 0, badOperations: [] });
    expect(result.explanation).toContain('Gave up on key x after the 30 ms budget');
  });
});
