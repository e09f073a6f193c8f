import { LAB_FEATURES, type RaftFeatures, type RaftTiming } from '../raft/config';
import type { RaftEvent } from '../raft/events';
import type { NodeId } from '../raft/types';
import type { ClusterConfig, ClusterState, TrafficBatch } from '../runtime/cluster';
import type { AppliedEntryView, EntryView } from '../runtime/protocol';
import type { Proposal } from '../runtime/requests';
import type { DriverBugs } from '../shared/bugs';
import * as net from '../shared/network';
import { NetworkControls } from '../shared/network-controls';
import type { Cluster } from './cluster';
import { RUN_FORMAT_VERSION, type RunAction, type RunFile, type RunStart, type TimedAction } from './run';

/**
 * The live engine's recording of what the user did (issue 9, item 5: "Replay in the simulator").
 * The live engine runs in real time and never the same twice; what it can keep is the run's
 * *inputs*: how it started (RunStart) and every action through the page — each KV proposal (reads
 * included), crash, restart, network edit, configuration change — at the virtual ms it happened.
 * The simulated engine replays those at the same virtual instants (`step: null`, run.ts), which
 * re-runs the session under the simulator's seed: the same story, told deterministically.
 *
 * LiveRecorder wraps the page's Cluster and is what the page hands to everything that acts (forms,
 * buttons, keyboard, the console API), so nothing reaches the cluster unrecorded. Network edits
 * come from NetworkControls, which route every one through setNetwork: recorded once, there.
 *
 * The recording keeps the session's first MAX_LIVE_ACTIONS actions and then stops, so a long run
 * keeps a bounded heap; the run it hands out ends where it stopped (a prefix, still exact).
 */
export const MAX_LIVE_ACTIONS = 20_000;

/** What the page knows of how the live cluster was started, beyond what the cluster reports. */
export interface LiveStartOptions {
  readonly seed: number;
  readonly trace: boolean;
  readonly machine?: RunStart['machine'];
  /** The simulator's disk stands in for IndexedDB (its default: durable 1–4 ms after the write). */
  readonly diskLatencyMs?: RunStart['diskLatencyMs'];
  /** Said in the run's note (e.g. that the live nodes had state remembered from an earlier visit). */
  readonly note?: string;
  /** How many actions to keep (default MAX_LIVE_ACTIONS). */
  readonly maxActions?: number;
}

export class LiveRecorder extends NetworkControls implements Cluster {
  private readonly start: RunStart;
  private readonly actions: TimedAction[] = [];
  private readonly note: string;
  /** Virtual ms of the first action not kept (the recording is full), or null. */
  private fullAt: number | null = null;
  private readonly maxActions: number;

  constructor(private readonly inner: Cluster, options: LiveStartOptions) {
    super();
    const { start, network } = liveRunStart(inner, options);
    this.start = start;
    this.maxActions = options.maxActions ?? MAX_LIVE_ACTIONS;
    this.note = ['live session', options.note].filter(Boolean).join(': ');
    // A network the simulator would not build from start.linkPolicy (replies unlike requests, say) is set first.
    const built = net.setPolicy(net.initialNetwork(start.size), start.linkPolicy);
    if (JSON.stringify(network) !== JSON.stringify(built)) this.record({ type: 'setNetwork', network });
  }

  /** The session so far as a run file: replayed by the simulated engine up to now (or to where the recording stopped). */
  run(): RunFile {
    const last = this.actions.at(-1)?.at ?? 0;
    const endAt = Math.max(last, this.fullAt ?? this.inner.now());
    const full = this.fullAt === null ? '' : ` (recording stopped after ${this.maxActions} actions, at ${Math.floor(this.fullAt)} ms)`;
    return { format: 'raftlab-run', version: RUN_FORMAT_VERSION, start: this.start, actions: [...this.actions], endAt, note: this.note + full };
  }

  /** How many actions are kept (for the page, and tests). */
  get recorded(): number {
    return this.actions.length;
  }

  private record(action: RunAction): void {
    if (this.fullAt !== null) return;
    const at = this.inner.now();
    if (this.actions.length >= this.maxActions) {
      this.fullAt = at;
      return;
    }
    this.actions.push({ at, step: null, action });
  }

  /** Act, then record: an action the cluster refused (a bad node id throws) did not happen. */
  private acted<T>(action: RunAction, act: () => T): T {
    const result = act();
    this.record(action);
    return result;
  }

  // ---- observing: passed through ------------------------------------------------------------------

  get size(): number { return this.inner.size; }
  get targetSize(): number { return this.inner.targetSize; }
  getState(): ClusterState { return this.inner.getState(); }
  subscribe(listener: (state: ClusterState) => void): () => void { return this.inner.subscribe(listener); }
  subscribeTraffic(listener: (batch: TrafficBatch) => void): () => void { return this.inner.subscribeTraffic(listener); }
  subscribeEvents(listener: (node: NodeId, events: readonly RaftEvent[]) => void): () => void { return this.inner.subscribeEvents(listener); }
  subscribeApplied(listener: (node: NodeId, entries: readonly AppliedEntryView[], overflow: number) => void): () => void {
    return this.inner.subscribeApplied(listener);
  }
  now(): number { return this.inner.now(); }
  getNetwork(): net.NetworkConfig { return this.inner.getNetwork(); }
  getConfig(): ClusterConfig { return this.inner.getConfig(); }

  // ---- time: how the run is watched, not what happens (run.ts), so not recorded -------------------

  pause(): void { this.inner.pause(); }
  resume(): void { this.inner.resume(); }
  setSpeed(speed: number): void { this.inner.setSpeed(speed); }
  step(virtualMs: number): void { this.inner.step(virtualMs); }
  destroy(options?: { deleteStorage?: boolean }): Promise<void> { return this.inner.destroy(options); }

  // ---- actions: recorded -----------------------------------------------------------------------------

  propose<R = unknown>(node: NodeId, command: unknown, options: { read?: boolean } = {}): Promise<Proposal<R>> {
    return this.acted({ type: 'propose', node, command, ...(options.read ? { read: true } : {}) }, () => this.inner.propose<R>(node, command, options));
  }

  /** A read: not an action, not recorded. */
  readLog(node: NodeId, from: number, to: number): Promise<EntryView[]> {
    return this.inner.readLog(node, from, to);
  }

  saveSnapshot(node: NodeId): Promise<boolean> {
    return this.acted({ type: 'saveSnapshot', node }, () => this.inner.saveSnapshot(node));
  }

  forceElectionTimeout(node: NodeId): void {
    this.acted({ type: 'forceElectionTimeout', node }, () => this.inner.forceElectionTimeout(node));
  }

  transferLeadership(node: NodeId, target: NodeId): void {
    this.acted({ type: 'transferLeadership', node, target }, () => this.inner.transferLeadership(node, target));
  }

  crash(node: NodeId): void {
    this.acted({ type: 'crash', node }, () => this.inner.crash(node));
  }

  restart(node: NodeId): Promise<void> {
    return this.acted({ type: 'restart', node }, () => this.inner.restart(node));
  }

  resetNode(node: NodeId): Promise<void> {
    return this.acted({ type: 'resetNode', node }, () => this.inner.resetNode(node));
  }

  /** Recorded when asked, with the size it asks for (the live engine queues resets: they run in this order). */
  reset(options: { size?: number } = {}): Promise<boolean> {
    return this.acted({ type: 'reset', size: options.size ?? this.inner.targetSize }, () => this.inner.reset(options));
  }

  /** Every network edit (cutLink, isolate, partition, setLoss, …) arrives here (NetworkControls). */
  setNetwork(network: net.NetworkConfig): void {
    this.acted({ type: 'setNetwork', network }, () => this.inner.setNetwork(network));
  }

  setTiming(timing: Partial<RaftTiming>): void {
    this.acted({ type: 'setTiming', timing: { ...timing } }, () => this.inner.setTiming(timing));
  }

  setAutoCompact(entries: number | null): void {
    this.acted({ type: 'setAutoCompact', entries }, () => this.inner.setAutoCompact(entries));
  }

  setBugs(bugs: Partial<DriverBugs>): void {
    this.acted({ type: 'setBugs', bugs: { ...bugs } }, () => this.inner.setBugs(bugs));
  }

  setFeatures(features: Partial<RaftFeatures>): void {
    this.acted({ type: 'setFeatures', features: { ...features } }, () => this.inner.setFeatures(features));
  }
}

/** The simulator's disk latency when nothing else is said (sim-engine.ts's default). */
const SIM_DISK_LATENCY = { min: 1, max: 4 } as const;

/**
 * How the live cluster stands as the recording begins, as the simulated engine's start: its size,
 * configuration and network's request policy now, the page's seed and trace setting.
 */
export function liveRunStart(cluster: Cluster, options: LiveStartOptions): { start: RunStart; network: net.NetworkConfig } {
  const config = cluster.getConfig();
  const network = cluster.getNetwork();
  const { lossPercent, delayMinMs, delayMaxMs, duplicatePercent } = network.requests;
  const start: RunStart = {
    size: cluster.size,
    seed: options.seed,
    machine: options.machine ?? 'kv',
    timing: { ...config.timing },
    features: { ...(config.features ?? LAB_FEATURES) },
    bugs: { ...config.bugs },
    autoCompactEntries: config.autoCompactEntries,
    trace: options.trace,
    linkPolicy: { lossPercent, delayMinMs, delayMaxMs, ...(duplicatePercent !== undefined ? { duplicatePercent } : {}) },
    diskLatencyMs: options.diskLatencyMs ?? SIM_DISK_LATENCY,
  };
  return { start, network };
}
