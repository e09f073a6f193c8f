import { KvClient, openCluster, runLabTestOnWorkers, labTestNames, type WorkerCluster, type BrowserLabResult } from '../runtime';

/** What the page exposes on `window` so that tests (and curious users, in the console) can drive it. */
export interface RaftlabApp {
  readonly cluster: WorkerCluster;
  readonly client: KvClient;
}

export interface RaftlabLab {
  names(): string[];
  run(name: string, options?: { seed?: number }): Promise<BrowserLabResult>;
}

declare global {
  interface Window {
    raftlab?: RaftlabApp;
    raftlabLab?: RaftlabLab;
  }
}

let started: Promise<RaftlabApp | null> | null = null;

/**
 * Open the page's cluster once per page load, whatever React does: StrictMode runs effects twice,
 * so this lives outside any component. URL parameters:
 *   ?cluster=off   leave it stopped (lab runs then have the machine to themselves)
 *   ?size=3|5|7    the size of a cluster that does not exist yet (a remembered one keeps its size)
 *   ?trace=0       no rule-citing trace events from the core
 *   ?report=MS     how often each worker reports its state (default 20 ms)
 */
export function startApp(search = window.location.search): Promise<RaftlabApp | null> {
  if (started) return started;
  const params = new URLSearchParams(search);
  window.raftlabLab = { names: labTestNames, run: (name, options) => runLabTestOnWorkers(name, options) };
  if (params.get('cluster') === 'off') return (started = Promise.resolve(null));
  const size = Number(params.get('size') ?? '') || undefined;
  const reportIntervalMs = Number(params.get('report') ?? '') || undefined;
  started = openCluster({
    ...(size ? { size } : {}), ...(reportIntervalMs ? { reportIntervalMs } : {}),
    seed: Date.now() >>> 0, raft: { trace: params.get('trace') !== '0' },
  }).then((cluster) => {
    const app = { cluster, client: new KvClient(cluster) };
    window.raftlab = app;
    return app;
  });
  return started;
}
