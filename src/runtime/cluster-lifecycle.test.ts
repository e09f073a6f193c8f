import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { NodeId } from '../raft/types';
import { KvClient, KvClientError } from './client';
import { WorkerCluster, type WorkerLike } from './cluster';
import type { ControlMessage, InitCommand, NodeView, WorkerReport } from './protocol';
import { CANCELLED_BY_RESET, CANCELLED_BY_TAKEOVER } from './requests';
import { settle } from './test-support';

/**
 * The cluster's lifecycle over fake workers: resets, resizes, restarts, wipes and hand-overs run
 * one at a time; a report counts only if it comes from the current generation's worker; commands
 * open when the cluster goes away end, and none reaches the next cluster (issue 8, 3b).
 */

class FakeWorker implements WorkerLike {
  onmessage: ((event: MessageEvent) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  terminated = false;
  readonly received: ControlMessage[] = [];
  /** Answer `stop` at once (false: the test answers, as a worker finishing a write would). */
  stopsAtOnce = true;

  constructor(readonly node: NodeId) {}

  get init(): InitCommand {
    return this.received[0] as InitCommand;
  }

  postMessage(message: unknown): void {
    this.received.push(message as ControlMessage);
    if ((message as ControlMessage).type === 'stop' && this.stopsAtOnce) queueMicrotask(() => this.stopped());
  }

  terminate(): void {
    this.terminated = true;
  }

  stopped(): void {
    this.onmessage?.({ data: { type: 'stopped', node: this.node, incarnation: this.init.incarnation, generation: this.init.generation } } as MessageEvent);
  }

  /** Report a view, stamped as this worker (or as told). */
  report(fields: Partial<NodeView>, stamp: Partial<Pick<WorkerReport, 'generation' | 'incarnation'>> = {}): void {
    const view = { id: this.node, status: 'running', role: 'follower', term: 1, durable: { term: 1 }, log: { lastIndex: 0, lastTerm: 0, snapshotIndex: 0, snapshotTerm: 0, stableIndex: 0, window: [] }, counters: { sent: 0, delivered: 0, requests: 0, dropped: {} }, ...fields } as NodeView;
    const report: WorkerReport = { type: 'report', node: this.node, incarnation: this.init.incarnation, generation: this.init.generation, ...stamp, view };
    this.onmessage?.({ data: report } as MessageEvent);
  }

  sent(type: ControlMessage['type']): ControlMessage[] {
    return this.received.filter((m) => m.type === type);
  }
}

let namespaces = 0;

function cluster(size = 5) {
  const workers: FakeWorker[] = [];
  const c = new WorkerCluster({
    size, namespace: `lifecycle-${++namespaces}`,
    spawnWorker: (id) => {
      const worker = new FakeWorker(id);
      workers.push(worker);
      return worker;
    },
  }).start();
  const live = () => workers.filter((w) => !w.terminated);
  return { cluster: c, workers, live };
}

describe('the cluster lifecycle (issue 8, 3b)', () => {
  it('a double Reset runs two resets one after the other: one worker per node, nothing orphaned', async () => {
    const { cluster: c, live } = cluster(5);
    await Promise.all([c.reset(), c.reset()]);
    expect(live()).toHaveLength(5);
    expect(live().map((w) => w.node).sort()).toEqual([0, 1, 2, 3, 4]);
    expect(new Set(live().map((w) => w.init.generation))).toEqual(new Set([c.getState().generation]));
  });

  it('sizes 7 then 5 asked in quick succession end with 5 nodes and 5 workers', async () => {
    const { cluster: c, live } = cluster(5);
    const seven = c.reset({ size: 7 });
    expect(c.targetSize).toBe(7);
    const five = c.reset({ size: 5 });
    await Promise.all([seven, five]);
    expect(c.size).toBe(5);
    expect(c.getState().nodes).toHaveLength(5);
    expect(live()).toHaveLength(5);
    expect(live().every((w) => w.init.members.length === 5)).toBe(true);
  });

  it('ignores a report from an earlier generation, even one whose incarnation matches the new worker', async () => {
    const { cluster: c, workers, live } = cluster(3);
    const old = workers[0]!;
    await c.reset();
    const fresh = live().find((w) => w.node === 0)!;
    expect(fresh.init.incarnation).toBe(old.init.incarnation); // slots start again: incarnation alone cannot tell them apart
    fresh.report({ role: 'follower', term: 1 });
    // The old worker's report, even if it still reached the page: two leaders in term 1 would be a false alarm.
    old.onmessage = fresh.onmessage;
    old.report({ role: 'leader', term: 1 });
    expect(c.getState().nodes[0]).toMatchObject({ role: 'follower' });
    // A report stamped with an older generation on the new worker's channel is dropped too.
    fresh.report({ role: 'leader', term: 1 }, { generation: old.init.generation });
    expect(c.getState().nodes[0]).toMatchObject({ role: 'follower' });
  });

  it('ends commands open at a reset with "cancelled: cluster reset"; the client does not retry them into the new cluster', async () => {
    const { cluster: c, workers, live } = cluster(3);
    workers[0]!.report({ role: 'leader', term: 1 });
    const client = new KvClient(c);
    const put = client.put('k', 'v', { timeoutMs: 60_000 }).catch((error: unknown) => error);
    await settle();
    expect(workers[0]!.sent('propose')).toHaveLength(1);
    const snapshot = c.saveSnapshot(1);
    await c.reset();
    expect(await put).toBeInstanceOf(KvClientError);
    expect(await put).toMatchObject({ code: 'cancelled', message: CANCELLED_BY_RESET });
    await expect(snapshot).resolves.toBe(false);
    // A leader in the new cluster: the cancelled put is not offered to it.
    live()[0]!.report({ role: 'leader', term: 1 });
    await settle();
    expect(live().flatMap((w) => w.sent('propose'))).toEqual([]);
  });

  it('queues restart and wipe behind a reset in progress: no node gets a second worker', async () => {
    const { cluster: c, live } = cluster(3);
    const reset = c.reset();
    const restart = c.restart(1);
    const wipe = c.resetNode(2);
    await Promise.all([reset, restart, wipe]);
    expect(live()).toHaveLength(3);
    expect(live().map((w) => w.node).sort()).toEqual([0, 1, 2]);
  });

  it('a reset wipes a store only after its worker has stopped with no write in flight', async () => {
    const { cluster: c, workers, live } = cluster(3);
    workers[2]!.stopsAtOnce = false;
    let done = false;
    const reset = c.reset().then(() => { done = true; });
    await settle();
    expect(workers.every((w) => w.sent('stop').length === 1)).toBe(true);
    expect(done).toBe(false);
    expect(workers).toHaveLength(3); // no new worker before the old ones are gone
    workers[2]!.stopped();
    await reset;
    expect(live()).toHaveLength(3);
    expect(workers.slice(0, 3).every((w) => w.terminated)).toBe(true);
  });

  it('park stops every worker cleanly: it resolves only once each has answered that no write is in flight', async () => {
    const { cluster: c, workers, live } = cluster(3);
    workers[0]!.report({ role: 'leader', term: 1 });
    workers[1]!.stopsAtOnce = false;
    const put = new KvClient(c).put('k', 'v', { timeoutMs: 60_000 }).catch((error: unknown) => error);
    await settle();
    let parked = false;
    const parking = c.park({ kind: 'taken-over' }, CANCELLED_BY_TAKEOVER).then(() => { parked = true; });
    await settle();
    expect(workers.every((w) => w.sent('stop').length === 1)).toBe(true);
    expect(parked).toBe(false); // node 1 is still finishing its write
    expect(workers[1]!.terminated).toBe(false);
    workers[1]!.stopped();
    await parking;
    expect(live()).toEqual([]);
    expect(await put).toMatchObject({ code: 'cancelled', message: CANCELLED_BY_TAKEOVER });
    expect(c.getState().standby).toEqual({ kind: 'taken-over' });

    // Parked, the page writes nothing: reset, restart and wipe do nothing, and no worker starts.
    expect(await c.reset()).toBe(false);
    await c.restart(0);
    await c.resetNode(0);
    expect(workers).toHaveLength(3);

    // Back here, with the shape the other tab left (it resized to 5).
    await c.unpark({ size: 5, machine: 'kv' });
    expect(live()).toHaveLength(5);
    expect(c.getState()).toMatchObject({ size: 5, standby: null });
  });

  it('automatic log compaction reaches every worker and the state says what is in force (issue 8, 3d)', async () => {
    const { cluster: c, live } = cluster(3);
    c.setAutoCompact(200);
    expect(c.getState().config.autoCompactEntries).toBe(200);
    for (const worker of live()) expect(worker.sent('configure').at(-1)).toMatchObject({ raft: { autoCompactEntries: 200 } });
    c.setAutoCompact(null);
    expect(c.getState().config.autoCompactEntries).toBeNull();
    expect(() => c.setAutoCompact(0)).toThrow(/autoCompactEntries/);
    expect(c.getState().config.autoCompactEntries).toBeNull(); // a refused value changes nothing
  });
});
