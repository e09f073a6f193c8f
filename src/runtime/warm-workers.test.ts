import { afterEach, describe, expect, it, vi } from 'vitest';

/** A stand-in for the browser's Worker: counts what was started and terminated. */
class FakeWorker {
  static started: FakeWorker[] = [];
  terminated = false;
  onmessage = null;
  onerror = null;
  constructor() { FakeWorker.started.push(this); }
  postMessage(): void {}
  terminate(): void { this.terminated = true; }
}

function locksHolding(...names: string[]) {
  return { query: () => Promise.resolve({ held: names.map((name) => ({ name })) }) };
}

async function freshModule(locks: ReturnType<typeof locksHolding>) {
  FakeWorker.started = [];
  vi.stubGlobal('Worker', FakeWorker);
  vi.stubGlobal('navigator', { locks });
  vi.resetModules();
  const module = await import('./warm-workers');
  await Promise.resolve();
  return module;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('warm node workers', () => {
  afterEach(() => { vi.unstubAllGlobals(); });

  it('starts the asked number while no tab holds the lock, hands them out first, then new ones', async () => {
    const warm = await freshModule(locksHolding('another-lock'));
    warm.prewarmNodeWorkers(3, 'raftlab:app');
    await settle();
    expect(FakeWorker.started).toHaveLength(3);
    const taken = [warm.takeNodeWorker(), warm.takeNodeWorker(), warm.takeNodeWorker()];
    expect(new Set(taken)).toEqual(new Set(FakeWorker.started));
    warm.takeNodeWorker();
    expect(FakeWorker.started).toHaveLength(4);
  });

  it('starts none while another tab holds the cluster\'s lock (no two tabs with node workers)', async () => {
    const warm = await freshModule(locksHolding('raftlab:app'));
    warm.prewarmNodeWorkers(5, 'raftlab:app');
    await settle();
    expect(FakeWorker.started).toHaveLength(0);
  });

  it('terminates the ones not taken, and starts none once the cluster has taken its own', async () => {
    const warm = await freshModule(locksHolding());
    warm.prewarmNodeWorkers(5, 'raftlab:app');
    await settle();
    warm.takeNodeWorker();
    warm.takeNodeWorker();
    warm.takeNodeWorker();
    warm.dropWarmWorkers();
    expect(FakeWorker.started.filter((w) => w.terminated)).toHaveLength(2);
    warm.prewarmNodeWorkers(5, 'raftlab:app');
    await settle();
    expect(FakeWorker.started).toHaveLength(5);
  });
});
