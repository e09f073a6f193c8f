import { describe, expect, it } from 'vitest';
import type { KvCommand } from '../kv/types';
import { initialNetwork } from '../runtime/network';
import { NodeHost } from '../runtime/node-host';
import { LOG_WINDOW, READ_LOG_MAX } from '../runtime/node-view';
import type { WorkerReport } from '../runtime/protocol';
import { Reporter } from '../runtime/reporter';
import { FakeEnv, ManualStorage } from '../runtime/test-support';
import { WIRE_FORMAT } from '../runtime/validate';
import { RequestBook } from '../runtime/requests';
import { SimEngine } from './sim-engine';

/** Cluster.readLog: the log view reads entries older than the views' windows this way (issue 12). */

function leaderOf(e: SimEngine): number {
  return e.getState().nodes.find((v) => v.role === 'leader' && v.status === 'running')?.id ?? -1;
}

async function engineWith(puts: number): Promise<{ e: SimEngine; leader: number }> {
  const e = new SimEngine({ size: 3, seed: 7, wall: () => 0 });
  e.advance(3000);
  const leader = leaderOf(e);
  for (let i = 1; i <= puts; i++) await e.propose(leader, { op: 'put', key: `k${i}`, value: String(i) });
  e.advance(2000);
  return { e, leader };
}

describe('readLog', () => {
  it('reads a running node\'s entries before its view\'s window, in index order, with their terms and commands', async () => {
    const { e, leader } = await engineWith(40);
    const view = e.getState().nodes[leader]!;
    expect(view.log.window[0]!.index).toBe(view.log.lastIndex - LOG_WINDOW + 1);
    const entries = await e.readLog(leader, 1, 10);
    expect(entries.map((entry) => entry.index)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(entries.every((entry) => entry.term === view.term)).toBe(true);
    expect(entries[0]!.command).toBe('put k1=1');
  });

  it('answers a range past the log with what is held, and never more than READ_LOG_MAX (the newest of the range)', async () => {
    const { e, leader } = await engineWith(5);
    expect((await e.readLog(leader, 4, 100)).map((entry) => entry.index)).toEqual([4, 5]);
    expect(await e.readLog(leader, 50, 60)).toEqual([]);
    const wide = await e.readLog(leader, 1, 10_000);
    expect(wide.length).toBeLessThanOrEqual(READ_LOG_MAX);
  });

  it('leaves out what a snapshot compacted (§7), and reads a crashed node from its storage', async () => {
    const { e, leader } = await engineWith(30);
    const follower = (leader + 1) % 3;
    await e.saveSnapshot(follower);
    const snapshotIndex = e.getState().nodes[follower]!.log.snapshotIndex;
    expect(snapshotIndex).toBeGreaterThan(0);
    expect((await e.readLog(follower, 1, snapshotIndex + 2)).map((entry) => entry.index)).toEqual([snapshotIndex + 1, snapshotIndex + 2].filter((i) => i <= 30));
    e.crash(leader);
    const stored = await e.readLog(leader, 1, 3);
    expect(stored.map((entry) => entry.command)).toEqual(['put k1=1', 'put k2=2', 'put k3=3']);
  });

  it('the live engine\'s requests: a node that goes down answers its open reads with no entries', async () => {
    const book = new RequestBook();
    const first = book.openLogRead(2);
    const second = book.openLogRead(1);
    book.logRead(second.requestId, [{ index: 1, term: 1, command: 'put a=1' }]);
    book.nodeDown(2, 'node 2 crashed');
    expect(await first.entries).toEqual([]);
    expect(await second.entries).toEqual([{ index: 1, term: 1, command: 'put a=1' }]);
  });
});

describe('readLog on the live engine\'s driver', () => {
  it('a NodeHost answers from its core\'s log, and the reporter sends the answer at once with its request id', async () => {
    const env = new FakeEnv<KvCommand>(new ManualStorage<KvCommand>());
    const host = new NodeHost<KvCommand>({ id: 0, members: [0, 1, 2], incarnation: 1, seed: 7, machine: 'kv', raft: {}, network: initialNetwork(3) }, env);
    await host.start();
    const entries = Array.from({ length: 30 }, (_, i) => ({ term: 1, command: { op: 'put', key: `k${i + 1}`, value: 'v' } as KvCommand }));
    host.onWire(1, { v: WIRE_FORMAT, inc: 1, seq: 1, sentAt: 0, deliverAt: 0, msg: { type: 'AppendEntries', from: 1, to: 0, term: 1, prevLogIndex: 0, prevLogTerm: 0, entries, leaderCommit: 0 } });
    expect(host.view().log.window[0]!.index).toBe(30 - LOG_WINDOW + 1);
    expect(host.readLog(1, 2)).toEqual([{ index: 1, term: 1, command: 'put k1=v' }, { index: 2, term: 1, command: 'put k2=v' }]);

    const posted: WorkerReport[] = [];
    const soon: (() => void)[] = [];
    const reporter = new Reporter((report) => posted.push(report), { node: 0, incarnation: 1, generation: 1 }, 20, { later: () => undefined, soon: (f) => soon.push(f) });
    reporter.logRead(7, host.readLog(3, 3));
    soon.forEach((f) => f());
    expect(posted).toEqual([{ type: 'report', node: 0, incarnation: 1, generation: 1, logs: [{ requestId: 7, entries: [{ index: 3, term: 1, command: 'put k3=v' }] }] }]);
  });
});
