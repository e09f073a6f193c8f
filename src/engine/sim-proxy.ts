import type { RaftFeatures, RaftTiming } from '../raft/config';
import type { RaftEvent } from '../raft/events';
import type { NodeId } from '../raft/types';
import { MAX_SPEED, MIN_SPEED, pauseClock, resumeClock, setClockSpeed, stepClock, virtualAt, wallNow } from '../runtime/clock';
import type { ClusterConfig, ClusterState, TrafficBatch, WorkerLike } from '../runtime/cluster';
import type { AppliedEntryView, EntryView } from '../runtime/protocol';
import { RequestBook, type Proposal } from '../runtime/requests';
import { coreBugs, type DriverBugs } from '../shared/bugs';
import { editSettings, shownConfig, type ConfigEdit } from '../shared/config-edit';
import * as net from '../shared/network';
import { NetworkControls } from '../shared/network-controls';
import type { Cluster, Explore, TimeTravel } from './cluster';
import type { LabOutcome } from '../lab/watch';
import type { ExploreChoice, PendingItem } from '../sim/explore';
import type { RunFile, RunNote } from './run';
import type { SimAsyncMethod, SimCommand, SimInit, SimLabInit, SimReport, SimRunInit, SimVoidMethod } from './sim-protocol';
import { applyStateDelta } from './state-delta';

const defaultSpawn = (): WorkerLike => new Worker(new URL('./sim-worker.ts', import.meta.url), { type: 'module' }) as WorkerLike;

/**
 * The simulated engine as the page sees it: a Cluster whose nodes all run in one Worker
 * (sim-worker.ts) under virtual time. The page keeps the latest state the worker sent; controls
 * are validated here, so that a bad argument throws at the caller as it does on the live engine,
 * and network edits are computed here with the shared model and sent whole.
 */
export class SimClusterProxy extends NetworkControls implements Cluster, TimeTravel, Explore {
  private state: ClusterState;
  private readonly requests = new RequestBook();
  private readonly calls = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private nextCall = 1;
  private readonly stateListeners = new Set<(state: ClusterState) => void>();
  private readonly trafficListeners = new Set<(batch: TrafficBatch) => void>();
  private readonly eventListeners = new Set<(node: NodeId, events: readonly RaftEvent[]) => void>();
  private readonly appliedListeners = new Set<(node: NodeId, entries: readonly AppliedEntryView[], overflow: number) => void>();
  /** The last error the worker reported (shown by whoever wants it; calls are validated first). */
  lastError: string | null = null;
  /** Commands sent to the worker (init excluded), to tell a state taken before the latest edit. */
  private sent = 0;
  /** The network and the config as last edited here, until the worker has caught up with those edits. */
  private edited: { patch: Partial<Pick<ClusterState, 'network' | 'config' | 'clock'>>; upTo: number } | null = null;

  /** The worker's last state as it sent it (its next delta applies to this, not to what edits show). */
  private reported: ClusterState;

  private readonly noteListeners = new Set<(notes: readonly RunNote[]) => void>();

  /** `lab`: the lab test this engine shows, and how it went (opened with `{ lab }`); else null. */
  private constructor(private readonly worker: WorkerLike, first: ClusterState, readonly seed: number, readonly lab: LabOutcome | null = null) {
    super();
    this.state = first;
    this.reported = first;
    worker.onmessage = (event) => this.onReport(event.data as SimReport);
  }

  /**
   * Start the engine in its worker; resolves once the worker has sent its first state. With `run`
   * (a RunFile, e.g. from parseRunFile in run-file.ts), the worker builds the cluster from the run's
   * start, replays its actions and pauses at its end: `open({ run })` or `open({ size, seed, run })`.
   */
  static open(options: SimInit | SimRunInit | SimLabInit, spawn: () => WorkerLike = defaultSpawn): Promise<SimClusterProxy> {
    const init: SimInit | SimLabInit = 'size' in options || 'lab' in options ? options : { ...options, size: options.run.start.size, seed: options.run.start.seed };
    const seed = 'lab' in init ? init.lab.seed : init.run?.start.seed ?? init.seed;
    const worker = spawn();
    let lab: LabOutcome | null = null;
    return new Promise((resolve, reject) => {
      worker.onerror = (event) => reject(new Error(`the simulated engine's worker failed: ${event.message}`));
      worker.onmessage = (event) => {
        const report = event.data as SimReport;
        if (report.type === 'error') reject(new Error(report.message));
        if (report.type === 'lab') lab = report.outcome;
        if (report.type !== 'state') return;
        worker.onerror = null;
        resolve(new SimClusterProxy(worker, applyStateDelta(null, report.delta), seed, lab));
      };
      worker.postMessage({ type: 'init', options: init } satisfies SimCommand);
    });
  }

  // ---- observing -------------------------------------------------------------------------------

  /** The run's narration as it is played (a lab test's steps and checks). */
  subscribeNotes(listener: (notes: readonly RunNote[]) => void): () => void {
    this.noteListeners.add(listener);
    return () => this.noteListeners.delete(listener);
  }

  get size(): number {
    return this.state.size;
  }

  get targetSize(): number {
    return this.state.size;
  }

  getState(): ClusterState {
    return this.state;
  }

  subscribe(listener: (state: ClusterState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  subscribeTraffic(listener: (batch: TrafficBatch) => void): () => void {
    this.trafficListeners.add(listener);
    return () => this.trafficListeners.delete(listener);
  }

  subscribeEvents(listener: (node: NodeId, events: readonly RaftEvent[]) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  subscribeApplied(listener: (node: NodeId, entries: readonly AppliedEntryView[], overflow: number) => void): () => void {
    this.appliedListeners.add(listener);
    return () => this.appliedListeners.delete(listener);
  }

  /** Virtual time now by the engine's clock (the worker catches up to it about once a frame). */
  now(): number {
    return virtualAt(this.state.clock, wallNow());
  }

  // ---- commands --------------------------------------------------------------------------------

  propose<R = unknown>(node: NodeId, command: unknown, options: { read?: boolean } = {}): Promise<Proposal<R>> {
    this.checkNode(node);
    const { requestId, proposal } = this.requests.openProposal<R>(node);
    this.send({ type: 'propose', requestId, node, command, ...(options.read ? { read: true } : {}) });
    return proposal;
  }

  saveSnapshot(node: NodeId): Promise<boolean> {
    this.checkNode(node);
    const { requestId, done } = this.requests.openSnapshot(node);
    this.send({ type: 'snapshot', requestId, node });
    return done;
  }

  forceElectionTimeout(node: NodeId): void {
    this.checkNode(node);
    this.call('forceElectionTimeout', node);
  }

  transferLeadership(node: NodeId, target: NodeId): void {
    this.checkNode(node);
    this.checkNode(target);
    this.call('transferLeadership', node, target);
  }

  crash(node: NodeId): void {
    this.checkNode(node);
    this.call('crash', node);
  }

  async restart(node: NodeId): Promise<void> {
    this.checkNode(node);
    await this.lifecycle('restart', node);
  }

  async resetNode(node: NodeId): Promise<void> {
    this.checkNode(node);
    await this.lifecycle('resetNode', node);
  }

  async reset(options: { size?: number } = {}): Promise<boolean> {
    const size = options.size ?? this.size;
    if (!Number.isInteger(size) || size < 1 || size > 9) throw new RangeError(`a cluster has 1 to 9 nodes (got ${size})`);
    return (await this.lifecycle('reset', { size })) as boolean;
  }

  async destroy(): Promise<void> {
    await this.lifecycle('destroy');
    this.worker.onmessage = null;
    this.worker.terminate();
    this.stateListeners.clear();
    this.trafficListeners.clear();
    this.eventListeners.clear();
    this.appliedListeners.clear();
  }

  /** Run `virtualMs` as fast as the worker can (no animation), whatever the clock says. */
  advance(virtualMs: number): void {
    if (!(virtualMs > 0 && Number.isFinite(virtualMs))) throw new RangeError(`advance needs a positive number of ms (got ${virtualMs})`);
    this.call('advance', virtualMs);
  }

  // ---- time travel (issue 9, item 3): each resolves once the state at the new position has arrived ----

  /**
   * Show the run as it was at virtual ms `virtualMs` and pause there: backwards (a checkpoint
   * restored and the recorded run replayed), forwards within the recorded run, or beyond its end.
   */
  seek(virtualMs: number): Promise<void> {
    if (!(virtualMs >= 0 && Number.isFinite(virtualMs))) throw new RangeError(`seek needs a virtual time in ms, 0 or more (got ${virtualMs})`);
    return this.lifecycle('seek', virtualMs) as Promise<void>;
  }

  /** One scheduled event (a delivery, a timer, a disk write) or user action back. */
  stepBack(): Promise<void> {
    return this.lifecycle('stepBack') as Promise<void>;
  }

  /** One scheduled event or recorded user action forward. */
  stepForward(): Promise<void> {
    return this.lifecycle('stepForward') as Promise<void>;
  }

  /** The run so far as a file (src/engine/run.ts), to save, share or replay. */
  exportRun(): Promise<RunFile> {
    return this.lifecycle('exportRun') as Promise<RunFile>;
  }

  /** The node's entries from..to as the worker's simulation holds them now (Cluster.readLog). */
  readLog(node: NodeId, from: number, to: number): Promise<EntryView[]> {
    this.checkNode(node);
    return this.lifecycle('readLog', node, from, to) as Promise<EntryView[]>;
  }

  /** Explore mode: everything pending in the worker's simulation now. */
  pending(): Promise<PendingItem[]> {
    return this.lifecycle('pending') as Promise<PendingItem[]>;
  }

  /** Explore mode: one choice, carried out (and recorded) by the worker; resolves after the state it leads to. */
  async explore(choice: ExploreChoice): Promise<void> {
    await this.lifecycle('explore', choice);
  }

  // ---- network: edited here with the shared model, sent whole ---------------------------------

  getNetwork(): net.NetworkConfig {
    return this.state.network;
  }

  /** Takes effect in the worker at once and in getState() now (the worker's next state agrees). */
  setNetwork(network: net.NetworkConfig): void {
    if (network.size !== this.size) throw new RangeError(`network for ${network.size} nodes, cluster has ${this.size}`);
    this.call('setNetwork', network);
    this.showEdit({ network });
  }

  // ---- time ------------------------------------------------------------------------------------

  pause(): void {
    this.call('pause');
    this.showEdit({ clock: pauseClock(this.state.clock, wallNow()) });
  }

  resume(): void {
    this.call('resume');
    this.showEdit({ clock: resumeClock(this.state.clock, wallNow()) });
  }

  setSpeed(speed: number): void {
    if (!(speed >= MIN_SPEED && speed <= MAX_SPEED)) throw new RangeError(`speed must be between ${MIN_SPEED}× and ${MAX_SPEED}× (got ${speed})`);
    this.call('setSpeed', speed);
    this.showEdit({ clock: setClockSpeed(this.state.clock, wallNow(), speed) });
  }

  step(virtualMs: number): void {
    if (!(virtualMs > 0 && Number.isFinite(virtualMs))) throw new RangeError(`a step must be a positive number of ms (got ${virtualMs})`);
    this.call('step', virtualMs);
    this.showEdit({ clock: stepClock(this.state.clock, wallNow(), virtualMs) });
  }

  // ---- Raft configuration ----------------------------------------------------------------------

  getConfig(): ClusterConfig {
    return this.state.config;
  }

  setTiming(timing: Partial<RaftTiming>): void {
    this.editConfig({ type: 'setTiming', timing });
  }

  setAutoCompact(entries: number | null): void {
    this.editConfig({ type: 'setAutoCompact', entries });
  }

  setBugs(bugs: Partial<DriverBugs>): void {
    this.editConfig({ type: 'setBugs', bugs });
  }

  setFeatures(features: Partial<RaftFeatures>): void {
    this.editConfig({ type: 'setFeatures', features });
  }

  /** Merged and validated here as the engine will (a bad timing throws at the caller, as on the live engine), then sent. */
  private editConfig(edit: ConfigEdit): void {
    const { timing, features, bugs, autoCompactEntries } = this.state.config;
    const next = editSettings({ raft: { timing, ...(features ? { features } : {}), bugs: coreBugs(bugs), autoCompactEntries }, ackBeforePersist: bugs.ackBeforePersist }, edit);
    const method = edit.type;
    this.call(method, edit.type === 'setTiming' ? edit.timing : edit.type === 'setAutoCompact' ? edit.entries : edit.type === 'setBugs' ? edit.bugs : edit.features);
    this.showEdit({ config: shownConfig(next.config, next.ackBeforePersist) });
  }

  // ---- the worker ------------------------------------------------------------------------------

  private onReport(report: SimReport): void {
    switch (report.type) {
      case 'state': return this.setState(this.withEdits(report));
      case 'traffic': for (const listener of this.trafficListeners) listener(report.batch); return;
      case 'notes': for (const listener of this.noteListeners) listener(report.notes); return;
      case 'lab': return;
      case 'events': for (const listener of this.eventListeners) listener(report.node, report.events); return;
      case 'applied': for (const listener of this.appliedListeners) listener(report.node, report.entries, report.overflow); return;
      case 'placed': return this.requests.placed(report.result);
      case 'outcome': return this.requests.outcome(report.requestId, report.outcome);
      case 'snapshot': return this.requests.snapshotDone(report.requestId, report.ok);
      case 'done': return this.finish(report);
      case 'error': this.lastError = report.message; return;
    }
  }

  private finish(report: Extract<SimReport, { type: 'done' }>): void {
    const call = this.calls.get(report.callId);
    this.calls.delete(report.callId);
    if (report.error !== undefined) call?.reject(new Error(report.error));
    else call?.resolve(report.value);
  }

  /**
   * A state the worker took before it carried out the latest edit of the network, the config or the
   * clock would undo that edit on screen for a moment (a bug switch sprang back unchecked right
   * after the click; two quick presses of + went up one speed; a pause then a hidden tab read as
   * running): keep what was edited here until a state that includes it arrives.
   */
  private withEdits(report: Extract<SimReport, { type: 'state' }>): ClusterState {
    const state = applyStateDelta(this.reported, report.delta);
    this.reported = state;
    if (!this.edited) return state;
    if (report.handled >= this.edited.upTo) {
      this.edited = null;
      return state;
    }
    return { ...state, ...this.edited.patch };
  }

  /** Show an edit at once (the worker has been sent it; its next state agrees). */
  private showEdit(patch: Partial<Pick<ClusterState, 'network' | 'config' | 'clock'>>): void {
    this.edited = { patch: { ...this.edited?.patch, ...patch }, upTo: this.sent };
    this.setState({ ...this.state, ...patch });
  }

  private setState(state: ClusterState): void {
    this.state = state;
    for (const listener of this.stateListeners) listener(state);
  }

  private call(method: SimVoidMethod, ...args: unknown[]): void {
    this.send({ type: 'call', method, args });
  }

  private lifecycle(method: SimAsyncMethod, ...args: unknown[]): Promise<unknown> {
    const callId = this.nextCall++;
    return new Promise((resolve, reject) => {
      this.calls.set(callId, { resolve, reject });
      this.send({ type: 'lifecycle', callId, method, args });
    });
  }

  private send(command: SimCommand): void {
    this.sent++;
    this.worker.postMessage(command);
  }

  private checkNode(node: NodeId): void {
    if (!Number.isInteger(node) || node < 0 || node >= this.size) throw new RangeError(`no node ${node} in a cluster of ${this.size}`);
  }
}
