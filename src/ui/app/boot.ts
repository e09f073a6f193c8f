import { RAFT_PROFILES } from '../../raft/config';
import type { Cluster } from '../../engine/cluster';
import type { SimInit } from '../../engine/sim-protocol';
import { KvClient } from '../../runtime/client';
import type { WorkerCluster } from '../../runtime/cluster';
import type { ClusterMeta } from '../../runtime/cluster-meta';
import { DEFAULT_CLUSTER_SIZE, openCluster } from '../../runtime/open-cluster';
import { TabLock } from '../../runtime/tab-lock';
import type { TabOwner } from '../../runtime/tab-owner';
import { FrameLoop } from '../anim/frame-loop';
import { InvariantMonitor } from '../checks/invariant-monitor';
import type { CommandContext } from '../commands/types';
import { LinearizabilityRunner } from '../kv/linearizability-runner';
import { opEvent } from '../kv/op-events';
import { UiClients } from '../kv/ui-client';
import { FlightTracker } from '../model/flights';
import { ReplacementTracker } from '../model/log-grid';
import type { Theme } from '../store/prefs-slice';
import { createAppStore, type AppStore } from '../store/store';
import { connectFeeds } from './feeds';
import { AUTO_COMPACT_ENTRIES } from './defaults';
import { parseParams, type EngineName, type PageParams } from './params';
import { autoPauseWhenHidden } from './visibility';

/** Everything the page runs on, made once per page load, outside React. */
export interface PageApp {
  readonly params: PageParams;
  readonly store: AppStore;
  /** Null with ?cluster=off. The page knows it only as a Cluster, whichever engine runs it. */
  readonly cluster: Cluster | null;
  /** Which engine this page built (?engine=live|sim), and the seed it runs from. */
  readonly engine: EngineName;
  readonly seed: number;
  /** Which of this origin's tabs runs the cluster (null with ?cluster=off or without Web Locks). */
  readonly owner: TabOwner | null;
  readonly commands: CommandContext | null;
  readonly loop: FrameLoop;
  readonly flights: FlightTracker;
}

/**
 * The cluster as the console sees it: every engine's Cluster, plus two live-engine hooks the
 * storage tests use (the typing is the live engine's: under ?engine=sim they are absent, as the
 * simulated engine has no IndexedDB and no MessagePorts).
 */
export type ConsoleCluster = Cluster & Pick<WorkerCluster, 'databaseName' | 'injectRaw'>;

/** What the page exposes on `window` for tests and the curious (in the console). */
export interface RaftlabApp {
  /** 'live': a Worker per node in real time; 'sim': the simulator in one Worker under virtual time. */
  readonly engine: EngineName;
  readonly cluster: ConsoleCluster;
  /** Virtual time now, in ms (either engine). */
  now(): number;
  /**
   * Simulated engine only (undefined on the live one): run at once to the virtual instant
   * `virtualMs` and pause there. Forwards only for now (going back is issue 9, item 3).
   */
  readonly seek?: (virtualMs: number) => void;
  readonly client: KvClient;
  readonly store: AppStore;
  readonly commands: CommandContext;
}

export interface RaftlabLab {
  names(): Promise<string[]>;
  run(name: string, options?: { seed?: number }): Promise<import('../../runtime').BrowserLabResult>;
}

declare global {
  interface Window {
    raftlab?: RaftlabApp;
    raftlabLab?: RaftlabLab;
  }
}

const THEME_KEY = 'raftlab-theme';

function initialTheme(params: PageParams): Theme {
  if (params.theme) return params.theme;
  const saved = localStorage.getItem(THEME_KEY);
  if (saved === 'dark' || saved === 'light') return saved;
  return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

/** Follow the theme in the document (CSS variables switch on data-theme) and remember it. */
function applyTheme(store: AppStore): void {
  const apply = (theme: Theme): void => { document.documentElement.dataset.theme = theme; };
  apply(store.getState().theme);
  store.subscribe((s, before) => {
    if (s.theme === before.theme) return;
    apply(s.theme);
    localStorage.setItem(THEME_KEY, s.theme);
  });
}

/** The lab's scenarios over workers, loaded only when asked for (they are not part of the page). */
function exposeLab(): void {
  window.raftlabLab = {
    names: async () => (await import('../../runtime/lab-runner')).labTestNames(),
    run: async (name, options) => (await import('../../runtime/lab-runner')).runLabTestOnWorkers(name, options),
  };
}

export async function bootPage(search = window.location.search): Promise<PageApp> {
  const params = parseParams(search);
  const store = createAppStore(initialTheme(params));
  applyTheme(store);
  exposeLab();
  const flights = new FlightTracker();
  const seed = params.seed ?? (Date.now() >>> 0);
  if (params.clusterOff) {
    return { params, store, cluster: null, engine: params.engine, seed, owner: null, commands: null, loop: new FrameLoop(() => null), flights };
  }
  const { cluster, owner, remembered, seek } = await openEngine(params, seed);
  const loop = new FrameLoop(() => cluster.getState().clock);
  const monitor = new InvariantMonitor((violation) => {
    cluster.pause();
    store.getState().setViolation(violation);
  }, () => cluster.now());
  const note: CommandContext['note'] = (title, nodes = [], why) => {
    store.getState().addTimeline([{ at: cluster.now(), kind: 'user', nodes, title, ...(why ? { why } : {}) }]);
    monitor.note(title);
  };
  let runner: LinearizabilityRunner | null = null;
  const clients = new UiClients(cluster, (op) => {
    const s = store.getState();
    s.upsertOp(op);
    const row = opEvent(op, cluster.now());
    if (row) {
      s.addTimeline([row]);
      monitor.note(row.title);
    }
    if (op.status !== 'pending') runner?.request();
  });
  runner = new LinearizabilityRunner(() => clients.history(), store);
  const commands: CommandContext = { cluster, store, flights, monitor, clients, note };
  connectFeeds({ cluster, store, flights, monitor, replacements: new ReplacementTracker(), loop });
  autoPauseWhenHidden(cluster, (title) => note(title));
  window.raftlab = {
    engine: params.engine, cluster: cluster as ConsoleCluster, now: () => cluster.now(), ...(seek ? { seek } : {}),
    client: new KvClient(cluster), store, commands,
  };
  let shown = remembered && params.size !== undefined && params.size !== remembered.size
    ? withIgnored(params, `?size=${params.size} ignored: a remembered ${remembered.size}-node cluster exists (Reset cluster, or pick a size, to change it)`)
    : params;
  if (params.engine === 'sim' && params.reportIntervalMs !== undefined) {
    shown = withIgnored(shown, `?report=${params.reportIntervalMs} ignored: the simulated engine reports about once a frame`);
  }
  return { params: shown, store, cluster, engine: params.engine, seed, owner, commands, loop, flights };
}

/** The engine's options as the URL sets them (both engines take the same ones). */
function engineOptions(params: PageParams, seed: number): Omit<SimInit, 'size'> {
  return {
    seed, speed: params.speed,
    raft: {
      trace: params.trace, autoCompactEntries: AUTO_COMPACT_ENTRIES, features: RAFT_PROFILES[params.profile],
      bugs: Object.fromEntries(params.bugs.filter((b) => b !== 'ackBeforePersist').map((b) => [b, true])),
    },
    ackBeforePersist: params.bugs.includes('ackBeforePersist'),
    linkPolicy: { delayMinMs: params.delay[0], delayMaxMs: params.delay[1] },
  };
}

interface OpenedEngine {
  readonly cluster: Cluster;
  readonly owner: TabOwner | null;
  readonly remembered: ClusterMeta | null;
  /** The simulated engine's seek (null on the live one). */
  readonly seek: ((virtualMs: number) => void) | null;
}

/**
 * The composition root: the one place that knows which engine runs the cluster. The simulated
 * engine is imported on demand (the simulator stays out of the page's initial JavaScript); it
 * keeps nothing across reloads, so it needs neither the tab lock nor IndexedDB.
 */
async function openEngine(params: PageParams, seed: number): Promise<OpenedEngine> {
  const options = engineOptions(params, seed);
  if (params.engine === 'sim') {
    const { SimClusterProxy } = await import('../../engine/sim-proxy');
    const proxy = await SimClusterProxy.open({ ...options, size: params.size ?? DEFAULT_CLUSTER_SIZE });
    return { cluster: proxy, owner: null, remembered: null, seek: (virtualMs) => proxy.seek(virtualMs) };
  }
  const live = await openCluster({
    // One tab runs the cluster (issue 8, 3a); browsers without Web Locks run it in every tab, as before.
    ...('locks' in navigator ? { lock: new TabLock('raftlab:app') } : {}),
    ...options,
    ...(params.size ? { size: params.size } : {}),
    ...(params.reportIntervalMs ? { reportIntervalMs: params.reportIntervalMs } : {}),
    reportApplied: true,
  });
  return { ...live, seek: null };
}

/** Add a note to the URL parameters the page says it ignored (ParamsNotice shows them). */
function withIgnored(params: PageParams, note: string): PageParams {
  return { ...params, ignored: [...params.ignored, note] };
}
