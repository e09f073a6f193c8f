import { describe, expect, it } from 'vitest';
import { KvClient } from '../runtime/client';
import type { ClusterState, WorkerLike } from '../runtime/cluster';
import type { TrafficEvent } from '../runtime/protocol';
import type { Cluster } from './cluster';
import { SimEngine } from './sim-engine';
import { SimWorkerHost } from './sim-host';
import type { SimCommand, SimReport } from './sim-protocol';
import { SimClusterProxy } from './sim-proxy';
import { diffState } from './state-delta';

/**
 * The page's proxy and the worker's host, wired together in one thread: every message goes
 * through structuredClone and a macrotask, as it would through postMessage.
 */
function inProcessWorker(): WorkerLike & { terminated: boolean } {
  const worker = {
    onmessage: null as ((event: MessageEvent) => void) | null,
    onerror: null as ((event: ErrorEvent) => void) | null,
    terminated: false,
    postMessage(message: unknown): void {
      const copy = structuredClone(message) as SimCommand;
      setTimeout(() => { if (!worker.terminated) host.handle(copy); }, 0);
    },
    terminate(): void {
      worker.terminated = true;
    },
  };
  const host = new SimWorkerHost((report: SimReport) => {
    const copy = structuredClone(report);
    setTimeout(() => { if (!worker.terminated) worker.onmessage?.({ data: copy } as MessageEvent); }, 0);
  });
  return worker;
}

async function until(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('SimClusterProxy over the worker host', () => {
  it('runs on real time at the chosen speed, elects a leader and serves a KvClient', async () => {
    const cluster: Cluster = await SimClusterProxy.open({ size: 3, seed: 5, speed: 4 }, inProcessWorker);
    const traffic: TrafficEvent[] = [];
    cluster.subscribeTraffic((batch) => traffic.push(...batch.events));
    await until(() => cluster.getState().nodes.some((v) => v.role === 'leader'));
    expect(cluster.getState().namespace).toBe('sim');
    const client = new KvClient(cluster);
    expect(await client.put('x', '1', { timeoutMs: 3000 })).toEqual({ succ: true, key: 'x', value: '1' });
    expect(await client.get('x', { timeoutMs: 3000 })).toEqual({ succ: true, key: 'x', value: '1' });
    expect(traffic.some((t) => t.type === 'deliver' && t.kind === 'AppendEntries')).toBe(true);
    await cluster.destroy();
  });

  it('validates controls at the caller, applies network edits at once, pauses and advances on demand', async () => {
    const proxy = await SimClusterProxy.open({ size: 3, seed: 5, speed: 1 }, inProcessWorker);
    expect(() => proxy.setSpeed(50)).toThrow(RangeError);
    expect(() => proxy.partition([[0], [1]])).toThrow(/node 2 is in no partition group/);
    expect(() => proxy.setTiming({ heartbeatMs: 5000 })).toThrow(RangeError);
    expect(() => proxy.crash(7)).toThrow(/no node 7/);
    proxy.setLoss(30);
    proxy.isolate(1);
    expect(proxy.getState().network.requests.lossPercent).toBe(30);
    expect(proxy.getState().network.isolated).toEqual([false, true, false]);
    proxy.pause();
    await until(() => proxy.getState().clock.paused);
    const pausedAt = proxy.now();
    proxy.advance(5000);
    await until(() => proxy.getState().clock.anchorVirtualMs >= pausedAt + 5000);
    expect(proxy.getState().network.isolated).toEqual([false, true, false]);
    expect(proxy.getState().clock.paused).toBe(true);
    expect(await proxy.reset({ size: 5 })).toBe(true);
    await until(() => proxy.getState().size === 5);
    expect(proxy.lastError).toBeNull();
    await proxy.destroy();
  });

  it('keeps a network edit on screen until the worker sends a state that includes it', async () => {
    const engine = new SimEngine({ size: 3, seed: 1, wall: () => 0 });
    const worker = { onmessage: null as ((event: MessageEvent) => void) | null, onerror: null, posted: [] as SimCommand[], postMessage(m: unknown) { this.posted.push(m as SimCommand); }, terminate() {} };
    const report = (state: ClusterState, handled: number): void => worker.onmessage?.({ data: { type: 'state', delta: diffState(null, state), handled } satisfies SimReport } as MessageEvent);
    const opening = SimClusterProxy.open({ size: 3, seed: 1 }, () => worker);
    report(engine.getState(), 0);
    const proxy = await opening;
    const before = engine.getState();
    proxy.isolate(1);
    report(before, 0); // taken before the worker saw the edit
    expect(proxy.getState().network.isolated).toEqual([false, true, false]);
    engine.setNetwork((worker.posted.at(-1) as Extract<SimCommand, { type: 'call' }>).args[0] as ClusterState['network']);
    report(engine.getState(), 1);
    expect(proxy.getState().network).toBe(engine.getState().network);
  });

  it('keeps bug, feature, timing, pause and speed edits on screen until the worker has them (no switch springs back)', async () => {
    const engine = new SimEngine({ size: 3, seed: 1, wall: () => 0 });
    const worker = { onmessage: null as ((event: MessageEvent) => void) | null, onerror: null, posted: [] as SimCommand[], postMessage(m: unknown) { this.posted.push(m as SimCommand); }, terminate() {} };
    const report = (state: ClusterState, handled: number): void => worker.onmessage?.({ data: { type: 'state', delta: diffState(null, state), handled } satisfies SimReport } as MessageEvent);
    const opening = SimClusterProxy.open({ size: 3, seed: 1, speed: 0.25 }, () => worker);
    report(engine.getState(), 0);
    const proxy = await opening;
    const before = engine.getState();
    proxy.setBugs({ grantVoteWithoutUpToDate: true });
    proxy.setFeatures({ preVote: true });
    proxy.setTiming({ heartbeatMs: 60 });
    proxy.setSpeed(0.5);
    proxy.setSpeed(1); // a second quick press builds on the first
    proxy.pause();
    report(before, 2); // taken before the worker saw the last edits
    const shown = proxy.getState();
    expect(shown.config.bugs.grantVoteWithoutUpToDate).toBe(true);
    expect(shown.config.features?.preVote).toBe(true);
    expect(shown.config.timing.heartbeatMs).toBe(60);
    expect(shown.clock).toMatchObject({ speed: 1, paused: true });
    // Once a state includes every edit, the worker's state is shown as it is.
    report(before, 6);
    expect(proxy.getState()).toEqual(before);
  });

  it('travels in time through the worker: each move resolves once the state at the new position is here', async () => {
    const proxy = await SimClusterProxy.open({ size: 3, seed: 9, speed: 1 }, inProcessWorker);
    await proxy.seek(3000); // forwards from wherever real time has got it: the run goes on, and pauses there
    expect(proxy.getState().run).toMatchObject({ at: 3000, endAt: 3000, inPast: false });
    const leader = proxy.getState().nodes.find((v) => v.role === 'leader')!.id;
    await proxy.propose(leader, { op: 'put', key: 'a', value: '1' });
    proxy.crash((leader + 1) % 3);
    await proxy.seek(5000);
    const atEnd = proxy.getState().nodes;

    await proxy.seek(1200);
    expect(proxy.getState().run).toMatchObject({ at: 1200, endAt: 5000, inPast: true, forks: 0 });
    expect(proxy.getState().clock.paused).toBe(true);
    expect(proxy.now()).toBe(1200);
    const step = proxy.getState().run!.step;
    await proxy.stepForward();
    expect(proxy.getState().run!.step).toBe(step + 1);
    await proxy.stepBack();
    expect(proxy.getState().run!.step).toBe(step);
    await proxy.seek(5000);
    expect(proxy.getState().run).toMatchObject({ at: 5000, inPast: false });
    expect(proxy.getState().nodes).toEqual(atEnd);

    const file = await proxy.exportRun();
    expect(file.actions.map((a) => a.action.type)).toEqual(['propose', 'crash']);
    const replay = await SimClusterProxy.open({ run: file }, inProcessWorker);
    expect(replay.seed).toBe(9);
    expect(replay.getState().run).toMatchObject({ at: 5000, endAt: 5000, inPast: false });
    expect(replay.getState().nodes).toEqual(atEnd);
    expect(() => void proxy.seek(-1)).toThrow(RangeError);
    await proxy.destroy();
    await replay.destroy();
  });
});
