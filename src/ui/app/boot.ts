import { RAFT_PROFILES } from '../../raft/config';
import { timeTravelOf, type Cluster } from '../../engine/cluster';
import type { RunFile } from '../../engine/run';
import type { LabOutcome } from '../../lab/watch';
import type { SimInit } from '../../engine/sim-protocol';
import type { KvClient } from '../../runtime/client';
import type { WorkerCluster } from '../../runtime/cluster';
import type { ClusterMeta } from '../../runtime/cluster-meta';
import { DEFAULT_CLUSTER_SIZE, openCluster } from '../../runtime/open-cluster';
import { TabLock } from '../../runtime/tab-lock';
import { prewarmNodeWorkers } from '../../runtime/warm-workers';
import type { TabOwner } from '../../runtime/tab-owner';
import { FrameLoop } from '../anim/frame-loop';
import type { CommandContext } from '../commands/types';
import { FlightTracker } from '../model/flights';
import { clipText, isolate } from '../model/user-text';
import type { Theme } from '../store/prefs-slice';
import { createAppStore, type AppStore } from '../store/store';
import { AUTO_COMPACT_ENTRIES } from './defaults';
import { parseParams, type EngineName, type PageParams } from './params';
import { DECIDED_BY_THE_RUN, hasLinkedRun, reloadOnLinkedRun } from './run-link';

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
  /**
   * The run so far as a file (src/engine/run.ts): the simulated engine's own record, or on the live
   * engine the recorder's (src/engine/live-recorder.ts). Null with ?cluster=off.
   */
  readonly exportRun: (() => Promise<RunFile>) | null;
  /** The lab test this page shows (?lab=…), and how it went; null otherwise. */
  readonly lab: LabOutcome | null;
}

/**
 * The cluster as the console sees it: every engine's Cluster, plus two live-engine hooks the
 * storage tests use (the typing is the live engine's: under ?engine=sim they are absent, as the
 * simulated engine has no IndexedDB and no MessagePorts).
 */
export type ConsoleCluster = Cluster & Pick<WorkerCluster, 'databaseName' | 'injectRaw'>;

/**
 * What the page exposes on `window.raftlab`, for the curious (in the console) and for tests; kept
 * stable (the README documents it). Everything that acts goes the way the page's own controls go:
 * on the live engine through the recorder, so a console put is in the session's run as a form's is.
 *
 *   raftlab.engine                 'live' or 'sim'
 *   raftlab.cluster                the Cluster (src/engine/cluster.ts): getState(), crash(2), isolate(0), …
 *   raftlab.client                 a KvClient: await raftlab.client.put('k', 'v'), get('k'), del('k')
 *   raftlab.store                  the page's zustand store (getState(), subscribe)
 *   raftlab.now()                  virtual ms now
 *   raftlab.seek(ms)               simulated engine only: show the run at virtual ms `ms` (backwards
 *                                  or forwards) and pause there; resolves once the engine is there
 *   raftlab.exportRun()            the run so far as a RunFile (live: the recorded session)
 *   raftlab.shareLink()            a URL that opens that run in the simulated engine (#run=…)
 */
export interface RaftlabApp {
  /** 'live': a Worker per node in real time; 'sim': the simulator in one Worker under virtual time. */
  readonly engine: EngineName;
  readonly cluster: ConsoleCluster;
  /** Virtual time now, in ms (either engine). */
  now(): number;
  /**
   * Simulated engine only (undefined on the live one): show the run as it was, or will be, at the
   * virtual instant `virtualMs` and pause there; resolves once the engine stands there.
   */
  readonly seek?: (virtualMs: number) => Promise<void>;
  /** The run so far (src/engine/run.ts): the simulated engine's record, or the live session's recording. */
  exportRun(): Promise<RunFile>;
  /** The page's address with that run in its fragment: opening it replays the run in the simulated engine. */
  shareLink(): Promise<string>;
  readonly client: KvClient;
  readonly store: AppStore;
  readonly commands: CommandContext;
}

export interface RaftlabLab {
  names(): Promise<string[]>;
  run(name: string, options?: { seed?: number }): Promise<import('../../runtime').BrowserLabResult>;
  /** Run lab test `name` ("part2.fail_agree") in this page under the simulator, as `npm run lab` does: its outcome. */
  simulate(name: string, seed: number): Promise<import('../../lab/watch').LabOutcome>;
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
    simulate: async (name, seed) => (await (await import('../../lab/watch')).recordLabRun(name, seed)).outcome,
  };
}

/** The Web Lock of the page's live cluster: the tab that holds it runs the cluster (tab-lock.ts). */
const APP_LOCK = 'raftlab:app';

/**
 * Start the engine's slow part as early as the page can: engine-first.ts calls this before the
 * panels' chunks are requested. The simulated engine (?engine=sim, a lab test, presenter mode, a run
 * in the link): its module is asked for, and bootPage's own import then finds it on its way. The
 * live engine: its node workers are started idle (warm-workers.ts), and openCluster takes them.
 */
export function requestEngine(search: string, hash: string): void {
  const params = parseParams(search);
  if (params.engine === 'sim' || params.lab || params.mode.kind === 'present' || hasLinkedRun(hash)) void import('../../engine/sim-proxy');
  // The live engine: its node workers start compiling now, while the rest of the page is evaluated.
  else if (!params.clusterOff) prewarmNodeWorkers(params.size ?? DEFAULT_CLUSTER_SIZE, APP_LOCK);
}

/**
 * Build the page: the engine first (its workers start as soon as they can), then the rest wired to
 * it (wire-page.ts). What only the wiring needs (the invariant checker, the clients and their
 * linearizability check, the feeds, the live recorder) is fetched while the engine starts, so the
 * page's first JavaScript holds what starts the workers and draws the first picture.
 */
export async function bootPage(search = window.location.search, hash = window.location.hash): Promise<PageApp> {
  let params = parseParams(search);
  const wiring = params.clusterOff ? null : import('./wire-page');
  const linked = await readLinkedRun(hash);
  reloadOnLinkedRun();
  if ('error' in linked) params = withIgnored(params, linked.error);
  const store = createAppStore(initialTheme(params));
  applyTheme(store);
  exposeLab();
  const flights = new FlightTracker();
  // A run in the link decides the engine and the seed (it opens in the simulated engine, replayed).
  const run = 'run' in linked && !params.clusterOff ? linked.run : null;
  // Presenter mode steps through a run: the simulated engine's time travel does that.
  const engine: EngineName = run || params.lab || params.mode.kind === 'present' ? 'sim' : params.engine;
  const seed = run?.start.seed ?? params.seed ?? (Date.now() >>> 0);
  // ?cluster=off: no engine, and nothing to wire to it.
  if (wiring === null) {
    return { params, store, cluster: null, engine, seed, owner: null, commands: null, loop: new FrameLoop(() => null), flights, exportRun: null, lab: null };
  }
  const opened = await openEngine(params, seed, run);
  const { cluster, owner, remembered, seek, exportRun, lab } = opened;
  if (opened.labError) params = withIgnored(params, opened.labError);
  const loop = new FrameLoop(() => cluster.getState().clock);
  // Fetched since the page started (above): by now it has normally long arrived.
  const { wirePage } = await wiring;
  const commands = wirePage({ cluster, console: opened.console, engine, store, flights, loop, seek, exportRun });
  // A lab test's run opens paused at its start: play it at the page's speed, pausing at the test's end.
  if (lab) cluster.step(lab.endAt);
  return { params: ignoredBy(params, search, { engine, remembered, run, lab }), store, cluster, engine, seed, owner, commands, loop, flights, exportRun, lab };
}

/** What the page says it did not use, once it knows which engine it built and from what. */
function ignoredBy(params: PageParams, search: string, built: { engine: EngineName; remembered: ClusterMeta | null; run: RunFile | null; lab: LabOutcome | null }): PageParams {
  let shown = params;
  if (built.lab) {
    const query = new URLSearchParams(search);
    const decided = DECIDED_BY_THE_RUN.filter((name) => query.has(name));
    if (decided.length > 0) shown = withIgnored(shown, `${decided.map((name) => `?${name}`).join(', ')} ignored: the lab test says how its cluster starts`);
    if (query.get('engine') === 'live') shown = withIgnored(shown, '?engine=live ignored: a lab test runs in the simulated engine');
    return shown;
  }
  if (built.run) {
    const query = new URLSearchParams(search);
    const decided = DECIDED_BY_THE_RUN.filter((name) => query.has(name));
    if (decided.length > 0) shown = withIgnored(shown, `${decided.map((name) => `?${name}`).join(', ')} ignored: the run in the link says how its cluster starts`);
    if (params.seed !== undefined && params.seed !== built.run.start.seed) shown = withIgnored(shown, `?seed=${params.seed} ignored: the run in the link starts from seed ${built.run.start.seed}`);
    if (query.get('engine') === 'live') shown = withIgnored(shown, '?engine=live ignored: a run from a link is replayed in the simulated engine');
    return shown;
  }
  const { remembered } = built;
  if (remembered && params.size !== undefined && params.size !== remembered.size) {
    shown = withIgnored(shown, `?size=${params.size} ignored: a remembered ${remembered.size}-node cluster exists (Reset cluster, or pick a size, to change it)`);
  }
  if (built.engine === 'sim' && params.reportIntervalMs !== undefined) {
    shown = withIgnored(shown, `?report=${params.reportIntervalMs} ignored: the simulated engine reports about once a frame`);
  }
  return shown;
}

/**
 * The run in the page's fragment (`#run=…`, a share link): the run, nothing (no run there), or why
 * it cannot be opened. A bad link changes nothing: the page starts as it would without it.
 */
async function readLinkedRun(hash: string): Promise<{ run: RunFile } | { error: string } | { none: true }> {
  // The link's decoder (run-io.ts) and the run's parser load only when the fragment carries a run.
  if (!hasLinkedRun(hash)) return { none: true };
  try {
    const run = await (await import('./run-io')).runFromFragment(hash);
    return run ? { run } : { none: true };
  } catch (error) {
    // The message quotes the link (anyone's text): clipped and isolated as every URL value is.
    return { error: `#run=… ignored: the run in the link cannot be opened (${isolate(clipText((error as Error).message, 300))}); this is a new cluster instead` };
  }
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
  /** What the page acts on: on the live engine, the recorder around it (everything that acts is recorded). */
  readonly cluster: Cluster;
  /** The same, as the console sees it (with the live engine's storage hooks). */
  readonly console: ConsoleCluster;
  readonly owner: TabOwner | null;
  readonly remembered: ClusterMeta | null;
  /** The simulated engine's seek (null on the live one). */
  readonly seek: ((virtualMs: number) => Promise<void>) | null;
  /** The lab test shown (?lab=…), or why it could not be (the page then opens as without it). */
  readonly lab: LabOutcome | null;
  readonly labError?: string;
  readonly exportRun: () => Promise<RunFile>;
}

/**
 * The composition root: the one place that knows which engine runs the cluster. The simulated
 * engine is imported on demand (the simulator stays out of the page's initial JavaScript); it
 * keeps nothing across reloads, so it needs neither the tab lock nor IndexedDB, and it records
 * its own run. The live engine is wrapped in a LiveRecorder, handed to the rest of the page, so
 * that its session can be exported and replayed in the simulator.
 */
async function openEngine(params: PageParams, seed: number, run: RunFile | null): Promise<OpenedEngine> {
  const options = engineOptions(params, seed);
  if (run || params.lab || params.engine === 'sim') {
    const { SimClusterProxy } = await import('../../engine/sim-proxy');
    let labError: string | undefined;
    const openLab = async (test: string) => {
      try {
        // The worker runs the test as `npm run lab` does, then opens its run at the start.
        return await SimClusterProxy.open({ lab: { test, seed }, speed: params.speed });
      } catch (error) {
        labError = `?lab=${isolate(clipText(test, 60))} ignored: ${isolate(clipText((error as Error).message, 300))}`;
        return null;
      }
    };
    const proxy = run
      // The run's start says how the cluster is built; the engine replays its actions and pauses at its end.
      ? await SimClusterProxy.open({ size: run.start.size, seed: run.start.seed, speed: params.speed, run })
      : (params.lab ? await openLab(params.lab) : null) ?? await SimClusterProxy.open({ ...options, size: params.size ?? DEFAULT_CLUSTER_SIZE });
    const cluster: Cluster = proxy;
    const travel = timeTravelOf(cluster);
    return {
      // The console's typing is the live engine's; here the storage hooks are absent (no IndexedDB, no MessagePorts).
      cluster, console: cluster as ConsoleCluster, owner: null, remembered: null,
      seek: async (virtualMs) => { await proxy.seek(virtualMs); },
      exportRun: () => (travel ? travel.exportRun() : Promise.reject(new Error('this simulated engine cannot export its run'))),
      lab: proxy.lab, ...(labError ? { labError } : {}),
    };
  }
  // The recorder is not needed to start the workers: fetched while they start.
  const recording = import('../../engine/live-recorder');
  const live = await openCluster({
    // One tab runs the cluster (issue 8, 3a); browsers without Web Locks run it in every tab, as before.
    ...('locks' in navigator ? { lock: new TabLock(APP_LOCK) } : {}),
    ...options,
    ...(params.size ? { size: params.size } : {}),
    ...(params.reportIntervalMs ? { reportIntervalMs: params.reportIntervalMs } : {}),
    reportApplied: true,
  });
  const { LiveRecorder } = await recording;
  const recorder = new LiveRecorder(live.cluster, {
    seed, trace: params.trace,
    ...(live.remembered ? { note: 'the live nodes began with state kept from an earlier visit; the simulator starts them empty' } : {}),
  });
  const worker = live.cluster;
  // The storage tests' hooks, on the console's cluster only (the page never uses them).
  const console: ConsoleCluster = Object.assign(recorder, {
    databaseName: (node: number) => worker.databaseName(node),
    injectRaw: (from: number, to: number, payload: unknown) => worker.injectRaw(from, to, payload),
  });
  return { cluster: recorder, console, owner: live.owner, remembered: live.remembered, seek: null, exportRun: async () => recorder.run(), lab: null };
}

/** Add a note to the URL parameters the page says it ignored (ParamsNotice shows them). */
function withIgnored(params: PageParams, note: string): PageParams {
  return { ...params, ignored: [...params.ignored, note] };
}
