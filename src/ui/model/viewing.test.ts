import { describe, expect, it } from 'vitest';
import type { RunPosition } from '../../engine/run';
import type { ClientOp } from '../kv/history';
import { LatestOnly } from './latest-only';
import { forkedAt, LIVE, opsAt, pastAt, rowsUntil, type OpTimes } from './viewing';
import type { TimelineEvent } from './timeline';

const run = (at: number, endAt: number, forks = 0): RunPosition => ({ at, endAt, step: 0, endStep: 0, inPast: at < endAt, forks });

const op = (id: number, status: ClientOp['status']): ClientOp => ({
  id, client: 'A', command: { op: 'put', key: `k${id}`, value: 'v' }, target: 'leader', call: 0, return: status === 'pending' ? null : 1, status,
  ...(status === 'ok' ? { result: { succ: true } } : {}),
} as ClientOp);

describe('the moment shown', () => {
  it('is the engine\'s own position in its past, the kept state\'s instant while rewound, else none', () => {
    expect(pastAt(null, LIVE, null)).toBeNull();
    expect(pastAt(run(5000, 5000), LIVE, null)).toBeNull();
    expect(pastAt(run(2000, 5000), LIVE, null)).toBe(2000);
    expect(pastAt(null, { kind: 'rewind', at: 2500 }, 2400)).toBe(2400);
    expect(pastAt(null, { kind: 'rewind', at: 2500 }, null)).toBe(2500);
  });

  it('hides timeline rows after it', () => {
    const rows = [100, 200, 300].map((at, i) => ({ id: i, at, kind: 'info', nodes: [], title: `row ${at}` }) as TimelineEvent);
    expect(rowsUntil(rows, 200).map((r) => r.at)).toEqual([100, 200]);
    expect(rowsUntil(rows, null)).toBe(rows);
  });

  it('shows the client\'s operations as they stood then: later calls gone, later answers pending', () => {
    const ops = [op(1, 'ok'), op(2, 'ok'), op(3, 'pending'), op(4, 'refused')];
    const times = new Map<number, OpTimes>([
      [1, { call: 100, return: 200 }], [2, { call: 150, return: 900 }], [3, { call: 300, return: null }], [4, { call: 950, return: 960 }],
    ]);
    const at500 = opsAt(ops, times, 500);
    expect(at500.map((o) => [o.id, o.status])).toEqual([[1, 'ok'], [2, 'pending'], [3, 'pending']]);
    expect(at500[1]!.result).toBeUndefined();
    expect(at500[1]!.return).toBeNull();
    expect(opsAt(ops, times, null)).toBe(ops);
  });

  it('knows a fork by the engine\'s count, at the moment the user was looking at', () => {
    expect(forkedAt(run(3000, 9000, 0), run(3000, 3000, 1))).toBe(3000);
    expect(forkedAt(run(3000, 9000, 0), run(3200, 9000, 0))).toBeNull();
    expect(forkedAt(null, run(3000, 3000, 1))).toBeNull();
  });
});

describe('one seek in flight', () => {
  it('runs the first request at once and only the latest of those made meanwhile', async () => {
    const started: number[] = [];
    const finishers: (() => void)[] = [];
    let idle = 0;
    const seeks = new LatestOnly<number>((at) => new Promise<void>((resolve) => { started.push(at); finishers.push(resolve); }), { onIdle: () => idle++ });
    seeks.request(1);
    seeks.request(2);
    seeks.request(3);
    expect(started).toEqual([1]);
    finishers.shift()!();
    await Promise.resolve(); await Promise.resolve();
    expect(started).toEqual([1, 3]);
    finishers.shift()!();
    await Promise.resolve(); await Promise.resolve();
    expect(started).toEqual([1, 3]);
    expect(idle).toBe(1);
    expect(seeks.busy).toBe(false);
  });
});
