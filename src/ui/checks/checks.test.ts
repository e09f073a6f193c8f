import { describe, expect, it } from 'vitest';
import { entries, nodeView } from '../test/fixtures';
import { historyForCheck, type ClientOp } from '../kv/history';
import { checkedNodeOf, InvariantMonitor, type ViolationReport } from './invariant-monitor';
import { checkKvHistory } from '../../checks/linearizability';

/** Figure 3 checked from reports (a window of each log), and the client history for checkKvHistory. */

describe('live invariant checking from node reports', () => {
  it('adapts a report holding only the last entries of a log', () => {
    const view = nodeView(0, { log: { lastIndex: 40, window: entries(17, 40, 2) } });
    const checked = checkedNodeOf(view);
    expect(checked.firstShownIndex).toBe(17);
    expect(checked.entryAt(20)).toEqual({ term: 2, command: 'put k20=v20' });
    expect(checked.entryAt(16)).toBeUndefined();
  });

  it('flags two leaders in one term (Election Safety), says where, and what came before', () => {
    const found: ViolationReport[] = [];
    const monitor = new InvariantMonitor((v) => found.push(v), () => 1234);
    monitor.note('You restarted node 1');
    monitor.observe([nodeView(0, { role: 'leader', term: 3 }), nodeView(1)]);
    expect(found).toEqual([]);
    monitor.observe([nodeView(0, { role: 'leader', term: 3 }), nodeView(1, { role: 'leader', term: 3 })]);
    expect(found).toEqual([expect.objectContaining({ invariant: 'Election Safety', nodes: [0, 1], at: 1234, recentEvents: ['You restarted node 1'] })]);
    monitor.observe([nodeView(2, { role: 'leader', term: 3 })]); // reported once, then quiet until reset
    expect(found).toHaveLength(1);
  });

  it('flags a leader that lacks a committed entry (Leader Completeness, §5.4)', () => {
    const found: ViolationReport[] = [];
    const monitor = new InvariantMonitor((v) => found.push(v), () => 0);
    monitor.observe([nodeView(0, { role: 'leader', term: 1, commitIndex: 3, log: { window: entries(1, 3, 1) } })]);
    monitor.observe([nodeView(1, { role: 'leader', term: 2, log: { window: entries(1, 1, 1) } })]);
    expect(found[0]).toMatchObject({ invariant: 'Leader Completeness', nodes: [1] });
  });

  it('flags two nodes applying different commands at one index (State Machine Safety)', () => {
    const found: ViolationReport[] = [];
    const monitor = new InvariantMonitor((v) => found.push(v), () => 0);
    monitor.observeApplied(0, [{ index: 1, term: 1, command: 'put x=1' }]);
    monitor.observeApplied(1, [{ index: 1, term: 1, command: 'put x=1' }]);
    expect(found).toEqual([]);
    monitor.observeApplied(2, [{ index: 1, term: 2, command: 'put x=2' }]);
    expect(found[0]).toMatchObject({ invariant: 'State Machine Safety', nodes: [0, 2] });
    monitor.reset();
    monitor.observeApplied(2, [{ index: 1, term: 2, command: 'put x=2' }]);
    expect(found).toHaveLength(1);
  });

  it('forgets entries below every node\'s durable snapshot, crashed nodes included, and no sooner', () => {
    const monitor = new InvariantMonitor(() => undefined, () => 0);
    const durable = (snapshotIndex: number) => ({ term: 1, votedFor: null, lastIndex: 20, snapshotIndex, snapshotTerm: 1, writing: false });
    const leader = (snapshotIndex: number) => nodeView(0, { role: 'leader', commitIndex: 20, durable: durable(snapshotIndex), log: { window: entries(1, 20, 1) } });
    const crashed = (snapshotIndex: number) => nodeView(1, { status: 'crashed', durable: durable(snapshotIndex) });
    monitor.observe([leader(15), crashed(0)]);
    const all = monitor.retained; // 20 facts + 20 committed
    expect(all).toBe(40);
    // The crashed node's disk holds no snapshot: it could come back with entries 1–20 in its log.
    monitor.observe([leader(15), crashed(0)]);
    expect(monitor.retained).toBe(all);
    monitor.observe([leader(15), crashed(12)]);
    expect(monitor.retained).toBe(2 * 8); // entries 13–20
  });

  it('skips views it has already checked, and nodes that are not running', () => {
    const monitor = new InvariantMonitor(() => undefined, () => 0);
    const view = nodeView(0);
    monitor.observe([view, nodeView(1, { status: 'crashed' })]);
    monitor.observe([view]);
    expect(monitor.checks).toBe(1);
  });
});

describe('the client history', () => {
  const op = (id: number, fields: Partial<ClientOp>): ClientOp => ({ id, client: 'A', command: { op: 'get', key: 'x' }, target: 'leader', call: id * 10, return: id * 10 + 5, status: 'ok', ...fields });

  it('leaves out what never took effect, and keeps what may have as unanswered', () => {
    const history = historyForCheck([
      op(1, { command: { op: 'put', key: 'x', value: '1' }, result: { succ: true, key: 'x', value: '1' } }),
      op(2, { status: 'refused', error: 'node 1 is not the leader' }),
      op(3, { status: 'lost' }),
      op(4, { status: 'unknown', command: { op: 'put', key: 'x', value: '2' } }),
      op(5, { status: 'pending', return: null }),
    ]);
    expect(history.map((o) => [o.id, o.return])).toEqual([[1, 15], [4, null], [5, null]]);
  });

  it('lets checkKvHistory find a stale read', () => {
    const history = historyForCheck([
      op(1, { command: { op: 'put', key: 'x', value: '1' }, result: { succ: true, key: 'x', value: '1' } }),
      op(2, { command: { op: 'put', key: 'x', value: '2' }, result: { succ: false, key: 'x', value: '1' } }),
      op(3, { result: { succ: true, key: 'x', value: '1' } }),
    ]);
    const result = checkKvHistory(history);
    expect(result.ok).toBe(false);
    expect(result.badOperations).toContain(3);
  });
});

describe('the user\'s KV commands on the timeline', () => {
  it('show when a command is sent and what became of it, but not the load generator\'s', async () => {
    const { opEvent } = await import('../kv/op-events');
    // The user's text is isolated (U+2068 … U+2069) so that a right-to-left key cannot reorder the row.
    const u = (text: string): string => `\u2068${text}\u2069`;
    const base: ClientOp = { id: 1, client: 'A', command: { op: 'put', key: 'x', value: '1' }, target: 2, call: 0, return: null, status: 'pending' };
    expect(opEvent(base, 5)).toMatchObject({ kind: 'client', nodes: [2], title: `Client A sends put ${u('x')}=${u('1')} to node 2 only` });
    expect(opEvent({ ...base, placed: { index: 4, term: 1 } }, 6)).toBeNull();
    expect(opEvent({ ...base, status: 'lost', error: 'leadership lost' }, 7)?.title).toBe(`Client A's put ${u('x')}=${u('1')} never committed`);
    expect(opEvent({ ...base, target: 'leader', status: 'ok', result: { succ: true, key: 'x', value: '1' } }, 8)?.title).toBe(`Client A's put ${u('x')}=${u('1')} committed: created ${u('x')} = "${u('1')}"`);
    expect(opEvent({ ...base, quiet: true }, 9)).toBeNull();
  });
});
