import type { WorkerLike } from './cluster';

/**
 * Node workers started before the page knows it will run them: a worker's script is fetched and
 * compiled while the page's own JavaScript is still being evaluated, on the other core, instead of
 * after it. A warm worker is idle until its 'init' (worker.ts sends nothing before), so it can
 * neither write nor vote; and none is started while another tab holds the cluster's lock, so no two
 * tabs ever have node workers at once (tab-lock.ts). Whatever the cluster does not take is dropped.
 */
const warm: WorkerLike[] = [];
/** The cluster has taken what it needed: warm workers would be left idle for nothing. */
let settled = false;

function spawnNodeWorker(): WorkerLike {
  return new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' }) as WorkerLike;
}

/**
 * Start `count` idle node workers (the page's live engine will want about that many), unless
 * another tab holds `lock` (the cluster's Web Lock): then this tab will not run the cluster.
 */
export function prewarmNodeWorkers(count: number, lock: string): void {
  const start = () => { if (!settled) while (warm.length < count) warm.push(spawnNodeWorker()); };
  if (typeof navigator === 'undefined' || !('locks' in navigator)) return start();
  void navigator.locks.query().then((state) => { if (!state.held?.some((held) => held.name === lock)) start(); }, () => {});
}

/** A node worker: a warm one if any is left, else a new one. */
export function takeNodeWorker(): WorkerLike {
  return warm.pop() ?? spawnNodeWorker();
}

/** Terminate the warm workers nobody took (the cluster is smaller, or parked), and start no more. */
export function dropWarmWorkers(): void {
  settled = true;
  for (const worker of warm.splice(0)) worker.terminate();
}
