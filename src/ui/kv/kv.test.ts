import { describe, expect, it } from 'vitest';
import type { KvCommand, KvResult } from '../../kv/types';
import { Prng } from '../../raft/prng';
import { OPS_SHOWN, upsert } from '../store/kv-slice';
import { createAppStore, type AppStore } from '../store/store';
import { CheckSession, type CheckReply } from './check-session';
import { ClientHistory, type ClientOp } from './history';
import { LinearizabilityRunner, type CheckerPort } from './linearizability-runner';

const put = (key: string, value: string): KvCommand => ({ op: 'put', key, value });
const get = (key: string): KvCommand => ({ op: 'get', key });

function op(id: number, command: KvCommand, call: number, fields: Partial<ClientOp> = {}): ClientOp {
  return { id, client: 'A', command, target: 'leader', call, return: null, status: 'pending', ...fields };
}

function done(pending: ClientOp, at: number, result: KvResult): ClientOp {
  return { ...pending, return: at, status: 'ok', result };
}

/** The worker's side run in this thread; replies arrive asynchronously, as from a worker. */
function inProcessChecker(): CheckerPort {
  const session = new CheckSession();
  const port: CheckerPort = {
    onmessage: null,
    onerror: null,
    postMessage(request) {
      const reply = session.handle(structuredClone(request));
      queueMicrotask(() => port.onmessage?.({ data: reply } as MessageEvent<CheckReply>));
    },
  };
  return port;
}

const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

function setup(): { history: ClientHistory; store: AppStore; runner: LinearizabilityRunner; clock: { now: number } } {
  const history = new ClientHistory();
  const store = createAppStore();
  const clock = { now: 0 };
  const runner = new LinearizabilityRunner(() => history, store, inProcessChecker, () => clock.now);
  return { history, store, runner, clock };
}

describe('ClientHistory', () => {
  it('keeps operations in flight and finished ones until taken; the horizon is the earliest call in flight', () => {
    const history = new ClientHistory();
    const a = op(1, put('x', '1'), 10);
    const b = op(2, get('x'), 12);
    history.record(a);
    history.record(b);
    expect(history.horizon(50)).toBe(10);
    history.record(done(a, 20, { succ: true, key: 'x', value: '1' }));
    expect(history.horizon(50)).toBe(12);
    expect(history.takeFinished().map((o) => o.id)).toEqual([1]);
    expect(history.takeFinished()).toEqual([]);
    history.record(done(b, 30, { succ: true, key: 'x', value: '1' }));
    expect(history.horizon(50)).toBe(50);
    expect(history.inFlightCount).toBe(0);
  });

  it('after a clear, ignores operations issued before it (their cluster is gone) and starts a new generation', () => {
    const history = new ClientHistory();
    const old = op(1, put('x', '1'), 10);
    history.record(old);
    history.clear(2);
    expect(history.generation).toBe(1);
    history.record({ ...old, return: 20, status: 'unknown', error: 'cancelled: cluster reset' });
    expect(history.takeFinished()).toEqual([]);
    expect(history.horizon(99)).toBe(99);
  });
});

describe('the display window (kv-slice)', () => {
  it('keeps the latest OPS_SHOWN operations in id order; one finishing after it left the window stays out', () => {
    let ops: readonly ClientOp[] = [];
    for (let id = 1; id <= OPS_SHOWN + 50; id++) ops = upsert(ops, op(id, get('x'), id));
    expect(ops).toHaveLength(OPS_SHOWN);
    expect(ops[0]!.id).toBe(51);
    expect(upsert(ops, { ...op(3, get('x'), 3), status: 'unknown' })).toBe(ops);
    const replaced = upsert(ops, { ...op(60, get('x'), 60), status: 'refused' });
    expect(replaced.find((o) => o.id === 60)!.status).toBe('refused');
    expect(replaced.map((o) => o.id)).toEqual(ops.map((o) => o.id));
  });
});

describe('LinearizabilityRunner with the checker in a worker', () => {
  it('reports the whole run as checked and linearizable while the page keeps nothing of it', async () => {
    const { history, store, runner, clock } = setup();
    // Two clients on three keys, one operation each at a time, 5,000 in all; flushed now and then.
    const prng = new Prng(11);
    const value = new Map<string, string>();
    for (let id = 1; id <= 5000; id++) {
      const key = `k${prng.int(3)}`;
      const pending = op(id, id % 2 ? put(key, `v${id}`) : get(key), clock.now);
      store.getState().upsertOp(pending);
      history.record(pending);
      const old = value.get(key);
      if (pending.command.op === 'put') value.set(key, pending.command.value);
      const result: KvResult = pending.command.op === 'put'
        ? (old === undefined ? { succ: true, key, value: pending.command.value } : { succ: false, key, value: old })
        : (old === undefined ? { succ: false, key, value: '' } : { succ: true, key, value: old });
      clock.now += 1 + prng.int(3);
      const finished = done(pending, clock.now, result);
      store.getState().upsertOp(finished);
      history.record(finished);
      clock.now += 1;
      if (id % 97 === 0) runner.flush();
    }
    clock.now += 10;
    runner.flush();
    await settle();
    const status = store.getState().linearizability;
    expect(status).toMatchObject({ state: 'done', operations: 5000, waiting: 0, result: { ok: true } });
    expect(store.getState().ops.length).toBe(OPS_SHOWN);
    expect(history.takeFinished()).toEqual([]);
  });

  it('marks a stale read, and a reset starts the check afresh, ignoring answers about the old history', async () => {
    const { history, store, runner, clock } = setup();
    const ops = [
      done(op(1, put('x', '1'), 0), 1, { succ: true, key: 'x', value: '1' }),
      done(op(2, put('x', '2'), 2), 3, { succ: false, key: 'x', value: '1' }),
      done(op(3, get('x'), 4), 5, { succ: true, key: 'x', value: '1' }),
    ];
    for (const o of ops) history.record(o);
    clock.now = 10;
    runner.flush();
    await settle();
    const status = store.getState().linearizability;
    expect(status.state === 'done' && status.result.badOperations).toEqual([3]);

    history.record(op(4, get('x'), 11));
    history.record(done(op(4, get('x'), 11), 12, { succ: false, key: 'x', value: '' }));
    runner.flush(); // its answer arrives after the reset below
    history.clear(5);
    store.getState().clearOps();
    await settle();
    expect(store.getState().linearizability).toEqual({ state: 'idle' });
    history.record(done(op(5, get('x'), 20), 21, { succ: false, key: 'x', value: '' }));
    clock.now = 30;
    runner.flush();
    await settle();
    expect(store.getState().linearizability).toMatchObject({ state: 'done', operations: 1, result: { ok: true } });
  });

  it('after a fork of the simulated run stops checking (no false verdict on a future that was dropped) until a reset', async () => {
    const { history, store, runner, clock } = setup();
    // The old future: x = 1 was put and acknowledged, and the checker saw it.
    history.record(done(op(1, put('x', '1'), 0), 1, { succ: true, key: 'x', value: '1' }));
    clock.now = 10;
    runner.flush();
    await settle();
    expect(store.getState().linearizability).toMatchObject({ state: 'done', operations: 1, result: { ok: true } });
    // The user went back before that put and acted: in the new future x was never put.
    runner.forked(0);
    history.record(done(op(2, get('x'), 11), 12, { succ: false, key: 'x', value: '' }));
    clock.now = 20;
    runner.flush();
    await settle();
    const status = store.getState().linearizability;
    expect(status).toMatchObject({ state: 'forked', at: 0, before: { state: 'done', operations: 1 } });
    // A reset starts a new history, checked again.
    history.clear(3);
    store.getState().clearOps();
    history.record(done(op(3, get('x'), 30), 31, { succ: false, key: 'x', value: '' }));
    clock.now = 40;
    runner.flush();
    await settle();
    expect(store.getState().linearizability).toMatchObject({ state: 'done', operations: 1, result: { ok: true } });
  });

  it('waits for a quiet moment: an operation in flight keeps later ones from being cut', async () => {
    const { history, store, runner, clock } = setup();
    const slow = op(1, put('x', '1'), 0);
    history.record(slow);
    history.record(done(op(2, get('x'), 1), 2, { succ: true, key: 'x', value: '1' }));
    clock.now = 10;
    runner.flush();
    await settle();
    expect(store.getState().linearizability).toMatchObject({ state: 'done', operations: 0, waiting: 1 });
    history.record(done(slow, 5, { succ: true, key: 'x', value: '1' }));
    runner.flush();
    await settle();
    expect(store.getState().linearizability).toMatchObject({ state: 'done', operations: 2, waiting: 0, result: { ok: true } });
  });
});
