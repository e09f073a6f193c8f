import { makeConfig, MAX_TERM, type ConfigOverrides, type RaftFeatures, type RaftTiming } from '../raft/config';
import type { RaftEvent } from '../raft/events';
import { Prng } from '../raft/prng';
import type { NodeId } from '../raft/types';
import type { RuntimeBugs } from './bugs';
import { editSettings, shownConfig, type ConfigEdit } from '../shared/config-edit';
import { pauseClock, realDelayUntil, resumeClock, setClockSpeed, startClock, stepClock, virtualAt, wallNow, type ClockState } from './clock';
import { isClusterSize, MAX_CLUSTER_SIZE, saveClusterMeta } from './cluster-meta';
import { deleteNodeDatabase, nodeDatabaseName, wipeNodeStorage } from './idb-storage';
import { LifecycleQueue } from './lifecycle';
import type { MachineKind } from './machines';
import * as net from './network';
import { NetworkControls } from '../shared/network-controls';
import { IDLE_TIMER } from './node-view';
import type { AppliedEntryView, ControlMessage, EntryView, InitCommand, NodeStatus, NodeView, ProposeRequest, StoppedReport, TrafficEvent, WorkerReport } from './protocol';
import { CANCELLED_BY_RESET, RequestBook, type Proposal } from './requests';
import type { RunPosition } from '../engine/run';
import { takeNodeWorker } from './warm-workers';

/** The part of a Worker the cluster uses (tests pass fakes). */
export interface WorkerLike {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  terminate(): void;
  onmessage: ((event: MessageEvent) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

export interface ClusterOptions {
  /** Number of nodes (the UI offers 3, 5 and 7). */
  readonly size: number;
  /** Names the IndexedDB databases: "app" for the page's cluster; lab groups use their own. */
  readonly namespace?: string;
  readonly machine?: MachineKind;
  /** Seeds every worker's PRNG (election timeouts, loss and delay draws). */
  readonly seed?: number;
  readonly speed?: number;
  /** Raft timing, trace settings and the core's bug switches for every node (changeable later). */
  readonly raft?: ConfigOverrides;
  /** The driver bug: acknowledge before persisting (changeable later with setBugs). */
  readonly ackBeforePersist?: boolean;
  /** Loss and delay for every message from the start (changeable later). */
  readonly linkPolicy?: Partial<net.LinkPolicy>;
  /** Workers report every applied entry (subscribeApplied); off by default, it costs a little. */
  readonly reportApplied?: boolean;
  /** How often (real ms) a worker sends its view and traffic. */
  readonly reportIntervalMs?: number;
  /** Remember the size across reloads (the page's cluster does; lab groups do not). */
  readonly rememberShape?: boolean;
  /** Start parked: the workers run elsewhere (another tab) or must not run (an unusable shape). */
  readonly standby?: Standby;
  readonly spawnWorker?: (id: NodeId) => WorkerLike;
}

/**
 * Why the cluster's workers are not running in this page (ClusterState.standby; null: they are).
 * While parked the page writes no database of the cluster: node commands do nothing, and only an
 * unusable shape can be reset (that reset is the way out of it).
 */
export type Standby =
  /** Another tab of this origin owns the cluster (tab-owner.ts). */
  | { readonly kind: 'elsewhere' }
  /** Asked the owning tab to stop its workers; waiting for it since `since` (Date.now() ms). */
  | { readonly kind: 'taking-over'; readonly since: number }
  /** Another tab took the cluster over from this one. */
  | { readonly kind: 'taken-over' }
  /** The remembered shape (cluster-meta) does not decode to a cluster this build can run. */
  | { readonly kind: 'unusable-shape'; readonly reason: string };

/** Everything the UI renders, as one immutable snapshot; a new object after every change. */
export interface ClusterState {
  readonly namespace: string;
  readonly size: number;
  readonly machine: MachineKind;
  readonly nodes: readonly NodeView[];
  readonly network: net.NetworkConfig;
  readonly clock: ClockState;
  /** The Raft timing and the bugs every node runs with now. */
  readonly config: ClusterConfig;
  /**
   * Counts resets, resizes and hand-overs between tabs. A command begun in an older generation
   * is over: its client must not retry it into this one.
   */
  readonly generation?: number;
  /** What the commands open when this generation began were told (null or absent in generation 0). */
  readonly cancelled?: string | null;
  /** Absent or null: the workers run in this page. (Optional only for hand-made states in tests.) */
  readonly standby?: Standby | null;
  /** The simulated engine's place in its recorded run (src/engine/run.ts); absent on the live engine. */
  readonly run?: RunPosition;
}

export interface ClusterConfig {
  readonly timing: RaftTiming;
  readonly bugs: RuntimeBugs;
  /**
   * Production Raft's mechanisms (no-op, PreVote, CheckQuorum, transfer, reads without the log); all
   * off in the lab's profile. Absent (an engine that has none): the lab's profile.
   */
  readonly features?: RaftFeatures;
  /** Automatic log compaction (§7): every node snapshots once this many applied entries follow its snapshot; null: only when asked. */
  readonly autoCompactEntries: number | null;
}

export interface TrafficBatch {
  readonly node: NodeId;
  readonly events: readonly TrafficEvent[];
  /** Events the worker left out to keep the page responsive. */
  readonly overflow: number;
}

interface Slot {
  worker: WorkerLike | null;
  incarnation: number;
  view: NodeView;
  /** The list machine's applied values (slot 0 a dummy), as last reported. */
  applied: number[];
  /** Requests sent by this node's earlier incarnations (the lab's rpc_count survives restarts). */
  requestsBefore: number;
}

/** How long a worker asked to stop may take to finish its write before it is terminated anyway. */
const STOP_TIMEOUT_MS = 2000;


/**
 * A Raft cluster running for real in the browser: one module Worker per node, a MessageChannel
 * for each pair of nodes, each node's promises kept in its own IndexedDB database. The page holds
 * only control: network and time settings, crash and restart, and the latest view of each node.
 */
export class WorkerCluster extends NetworkControls {
  readonly namespace: string;
  machine: MachineKind;
  private slots: Slot[] = [];
  private network: net.NetworkConfig;
  private clock: ClockState;
  private readonly seeds: Prng;
  private readonly requests = new RequestBook();
  private readonly outbox = new Map<NodeId, ProposeRequest[]>();
  private state: ClusterState;
  private readonly stateListeners = new Set<(state: ClusterState) => void>();
  private readonly trafficListeners = new Set<(batch: TrafficBatch) => void>();
  private readonly eventListeners = new Set<(node: NodeId, events: readonly RaftEvent[]) => void>();
  private readonly appliedListeners = new Set<(node: NodeId, entries: readonly AppliedEntryView[], overflow: number) => void>();
  private destroyed = false;
  private raft: ConfigOverrides;
  private ackBeforePersist: boolean;
  private config: ClusterConfig;
  private stepTimer: ReturnType<typeof setTimeout> | null = null;
  /** Reset, resize, restart, wipe and hand-over run one at a time, in the order asked (3b). */
  private readonly lifecycle = new LifecycleQueue();
  private generation = 0;
  private cancelled: string | null = null;
  private target: number;
  private standby: Standby | null;

  constructor(private readonly options: ClusterOptions) {
    super();
    if (!isClusterSize(options.size)) throw new RangeError(`a cluster has 1 to 9 nodes (got ${options.size})`);
    this.namespace = options.namespace ?? 'app';
    this.machine = options.machine ?? 'kv';
    this.seeds = new Prng(options.seed ?? 1);
    this.clock = startClock(wallNow(), options.speed ?? 1);
    this.network = net.setPolicy(net.initialNetwork(options.size), options.linkPolicy ?? {});
    this.raft = options.raft ?? {};
    this.ackBeforePersist = options.ackBeforePersist ?? false;
    this.config = shownConfig(makeConfig(this.raft), this.ackBeforePersist);
    this.slots = this.freshSlots(options.size);
    this.target = options.size;
    this.standby = options.standby ?? null;
    this.state = this.snapshotState();
  }

  /** Start every node (each restores itself from its store); parked, none. */
  start(): this {
    if (this.standby || this.destroyed) return this;
    for (let i = 0; i < this.slots.length; i++) this.spawn(i);
    return this;
  }

  // ---- observing -------------------------------------------------------------------------------

  get size(): number {
    return this.slots.length;
  }

  /** The size once the resets queued so far are done (a quick 7-then-5 is headed for 5). */
  get targetSize(): number {
    return this.target;
  }

  getState(): ClusterState {
    return this.state;
  }

  /** Called after every change of any node's view, the network or the clock. Returns unsubscribe. */
  subscribe(listener: (state: ClusterState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  /** Every send, delivery and drop, in batches per node (for animating messages). */
  subscribeTraffic(listener: (batch: TrafficBatch) => void): () => void {
    this.trafficListeners.add(listener);
    return () => this.trafficListeners.delete(listener);
  }

  /** The core's explanations of what it did and why (config.trace), per node. */
  subscribeEvents(listener: (node: NodeId, events: readonly RaftEvent[]) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  /** Every entry each node applies, in batches (only with the reportApplied option). */
  subscribeApplied(listener: (node: NodeId, entries: readonly AppliedEntryView[], overflow: number) => void): () => void {
    this.appliedListeners.add(listener);
    return () => this.appliedListeners.delete(listener);
  }

  /** Virtual time now, on the clock the nodes share. */
  now(): number {
    return virtualAt(this.clock, wallNow());
  }

  databaseName(node: NodeId): string {
    return nodeDatabaseName(this.namespace, node);
  }

  /** The list machine's applied values of `node` (slot 0 is a dummy). */
  appliedValues(node: NodeId): readonly number[] {
    return this.slot(node).applied;
  }

  /** Requests sent by `node` across all its incarnations (the lab's rpc_count). */
  requestsSent(node: NodeId): number {
    const slot = this.slot(node);
    return slot.requestsBefore + slot.view.counters.requests;
  }

  // ---- client commands ---------------------------------------------------------------------------

  /**
   * Offer a command to one node. Batched: every proposal made in one task goes in one message.
   * `read`: the command only reads, so a leader may answer it without the log (thesis §6.4).
   */
  propose<R = unknown>(node: NodeId, command: unknown, options: { read?: boolean } = {}): Promise<Proposal<R>> {
    const slot = this.slot(node);
    const { requestId, proposal } = this.requests.openProposal<R>(node);
    if (!slot.worker) {
      const error = this.standby ? 'the cluster is not running in this tab' : `node ${node} is ${slot.view.status}`;
      this.requests.placed({ requestId, placed: null, leaderHint: null, error });
      return proposal;
    }
    const request: ProposeRequest = { requestId, command, ...(options.read ? { read: true } : {}) };
    const queue = this.outbox.get(node);
    if (queue) queue.push(request);
    else {
      this.outbox.set(node, [request]);
      queueMicrotask(() => this.flushProposals(node));
    }
    return proposal;
  }

  /** Ask one node to snapshot its applied state and compact its log (§7). */
  saveSnapshot(node: NodeId): Promise<boolean> {
    const slot = this.slot(node);
    if (!slot.worker) return Promise.resolve(false);
    const { requestId, done } = this.requests.openSnapshot(node);
    this.post(node, { type: 'saveSnapshot', requestId });
    return done;
  }

  /**
   * The node's entries from..to (at most READ_LOG_MAX, the newest of them), as it holds them now.
   * A crashed node has no worker to ask: none (its view's window is what the page knows of it).
   */
  readLog(node: NodeId, from: number, to: number): Promise<EntryView[]> {
    const slot = this.slot(node);
    if (!slot.worker) return Promise.resolve([]);
    const { requestId, entries } = this.requests.openLogRead(node);
    this.post(node, { type: 'readLog', requestId, from, to });
    return entries;
  }

  // ---- nodes -----------------------------------------------------------------------------------

  /** The node acts as if its election timer fired now: a new term, a vote for itself, RequestVotes (§5.2). A leader ignores it. */
  forceElectionTimeout(node: NodeId): void {
    if (this.slot(node).worker) this.post(node, { type: 'forceElection' });
  }

  /**
   * The leader `node` hands leadership to `target` (thesis §3.10): it stops taking proposals,
   * brings the target up to date, then tells it to campaign. A refusal appears as an event.
   */
  transferLeadership(node: NodeId, target: NodeId): void {
    if (this.slot(node).worker) this.post(node, { type: 'transferLeadership', target });
  }

  /** Terminate the node's worker: its volatile state and unfinished writes are gone. */
  crash(node: NodeId): void {
    this.detach(node)?.terminate();
  }

  /**
   * Take the node's worker out of the cluster (its reports are ignored from here on) and settle
   * what it owed; the caller ends the worker, at once (crash) or cleanly (stop).
   */
  private detach(node: NodeId): WorkerLike | null {
    const slot = this.slot(node);
    const worker = slot.worker;
    if (!worker) return null;
    worker.onmessage = null;
    worker.onerror = null;
    slot.worker = null;
    slot.requestsBefore += slot.view.counters.requests;
    slot.applied = [0];
    slot.view = placeholderView(node, slot.incarnation, 'crashed', null, slot.view);
    this.outbox.delete(node);
    this.requests.nodeDown(node, `node ${node} crashed`);
    this.slots.forEach((other, j) => { if (j !== node && other.worker) this.post(j, { type: 'peerDown', peer: node }); });
    this.changed();
    return worker;
  }

  /**
   * Stop the node's worker cleanly: it is asked to stop and answers once no write of it is in
   * flight, and only then terminated (after STOP_TIMEOUT_MS at the latest, or at once if it never
   * started). Terminating alone does not say when the thread really stops; a wipe or another tab
   * must not run before the worker's last write has landed.
   */
  private async stop(node: NodeId): Promise<void> {
    const started = this.slot(node).view.status !== 'failed';
    const worker = this.detach(node);
    if (!worker) return;
    if (!started) return worker.terminate();
    await new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        worker.onmessage = null;
        worker.onerror = null;
        worker.terminate();
        resolve();
      };
      const timer = setTimeout(done, STOP_TIMEOUT_MS);
      worker.onmessage = (event) => { if ((event.data as StoppedReport | undefined)?.type === 'stopped') done(); };
      worker.onerror = done;
      worker.postMessage({ type: 'stop' } satisfies ControlMessage);
    });
  }

  /**
   * A new worker for the node, restoring its snapshot and log from IndexedDB (crashes it first if
   * up). Queued behind any reset or wipe in progress; resolves once the worker is spawned.
   */
  restart(node: NodeId): Promise<void> {
    return this.lifecycle.run(() => {
      if (!this.canRun() || node >= this.size) return;
      this.crash(node);
      this.spawn(node);
    });
  }

  /**
   * Wipe the node's store and start it empty (the way out of a storage error). Raft assumes stable
   * storage, so a node that forgets is a fault the protocol does not cover; three precautions keep
   * it from doing harm. It comes back in a term above any it or anyone else was seen in, with no
   * vote, so it cannot vote twice in a term it may have voted in before (Figure 2: votedFor is
   * persistent). Its first reply, carrying that term, makes the current leader step down, so no
   * leader goes on trusting a matchIndex the node no longer has (§5.3). And it comes back
   * *recovering*: it neither votes nor campaigns until it holds everything a current leader had
   * when it first heard from it, since it may have acknowledged entries it no longer holds
   * (Protocol-Aware Recovery, FAST '18; the core clears the flag).
   */
  resetNode(node: NodeId): Promise<void> {
    return this.lifecycle.run(async () => {
      if (!this.canRun() || node >= this.size) return;
      const generation = this.generation;
      const term = Math.min(MAX_TERM, Math.max(...this.slots.map((s) => Math.max(s.view.term, s.view.durable.term))) + 1);
      await this.stop(node);
      await wipeNodeStorage(this.databaseName(node), { term, votedFor: null, recovering: true });
      if (this.canRun() && generation === this.generation) this.spawn(node);
    });
  }

  /**
   * Wipe every node's store and start over, optionally with another size (loss and delay stay).
   * Commands still open end with "cancelled: cluster reset". Resolves false if this tab may not
   * write the cluster (it runs in another tab).
   */
  reset(options: { size?: number } = {}): Promise<boolean> {
    const size = options.size ?? this.targetSize;
    if (!isClusterSize(size)) throw new RangeError(`a cluster has 1 to 9 nodes (got ${size})`);
    this.target = size;
    return this.lifecycle.run(async () => {
      if (!this.mayReset()) {
        this.target = this.size;
        return false;
      }
      await this.wipeAndStart(size);
      return true;
    });
  }

  /**
   * Stop every worker cleanly and park: each is asked to stop and answers once no write of it is
   * in flight (or is terminated after STOP_TIMEOUT_MS), so when this resolves nothing of this page
   * can land in the cluster's databases any more. Commands still open end with `why`.
   */
  park(standby: Standby, why: string): Promise<void> {
    return this.lifecycle.run(async () => {
      if (this.destroyed) return;
      this.newGeneration(why);
      await Promise.all(this.slots.map((_, node) => this.stop(node)));
      this.standby = standby;
      this.changed();
    });
  }

  /** Change why a parked cluster is parked (its workers stay stopped). */
  setStandby(standby: Standby): void {
    if (!this.standby) throw new Error('the cluster runs here: park() it first');
    this.standby = standby;
    this.changed();
  }

  /**
   * Run here again, restoring every node from its store, with the shape another tab may have
   * changed meanwhile (cluster-meta).
   */
  unpark(shape: { readonly size: number; readonly machine: MachineKind }): Promise<void> {
    return this.lifecycle.run(() => {
      if (this.destroyed || !this.standby) return;
      this.newGeneration(this.cancelled ?? CANCELLED_BY_RESET);
      this.machine = shape.machine;
      this.slots = this.freshSlots(shape.size);
      this.target = shape.size;
      if (this.network.size !== shape.size) this.network = { ...net.initialNetwork(shape.size), requests: this.network.requests, replies: this.network.replies };
      this.standby = null;
      this.changed();
      this.start();
    });
  }

  /** Stop every worker; with deleteStorage, remove their databases too. */
  async destroy(options: { deleteStorage?: boolean } = {}): Promise<void> {
    for (let i = 0; i < this.size; i++) this.crash(i);
    this.destroyed = true;
    this.stateListeners.clear();
    this.trafficListeners.clear();
    this.eventListeners.clear();
    this.appliedListeners.clear();
    if (this.stepTimer !== null) clearTimeout(this.stepTimer);
    if (options.deleteStorage) await Promise.all(this.slots.map((_, i) => deleteNodeDatabase(this.databaseName(i))));
  }

  /** Whether operations in the queue may touch workers and stores now. */
  private canRun(): boolean {
    return !this.destroyed && !this.standby;
  }

  /** A reset may run here, or get the page out of an unusable shape; never while another tab owns it. */
  private mayReset(): boolean {
    return !this.destroyed && (!this.standby || this.standby.kind === 'unusable-shape');
  }

  /** The reset itself: a new generation, every worker gone, every store wiped, new workers. */
  private async wipeAndStart(size: number): Promise<void> {
    this.newGeneration(CANCELLED_BY_RESET);
    await Promise.all(this.slots.map((_, node) => this.stop(node)));
    // An unusable shape does not say how many stores there are: wipe every one a cluster can have.
    const wipeCount = this.standby ? MAX_CLUSTER_SIZE : Math.max(size, this.size);
    await Promise.all(Array.from({ length: wipeCount }, (_, i) => wipeNodeStorage(this.databaseName(i))));
    if (this.options.rememberShape) await saveClusterMeta(this.namespace, { size, machine: this.machine });
    this.slots = this.freshSlots(size);
    this.network = { ...net.initialNetwork(size), requests: this.network.requests, replies: this.network.replies };
    this.standby = null;
    this.changed();
    this.start();
  }

  /** From here on, reports of older workers are ignored and open commands end with `why`. */
  private newGeneration(why: string): void {
    this.generation++;
    this.cancelled = why;
    this.requests.cancelAll(why);
    this.outbox.clear();
    this.changed();
  }

  /** Tests and debugging: make `from` post `payload` on its port to `to`, unchecked. */
  injectRaw(from: NodeId, to: NodeId, payload: unknown): void {
    this.post(from, { type: 'inject', to, payload });
  }

  // ---- network ---------------------------------------------------------------------------------

  getNetwork(): net.NetworkConfig {
    return this.network;
  }

  /** Replace the whole network configuration (the lab's setReliable uses this). */
  setNetwork(network: net.NetworkConfig): void {
    if (network.size !== this.size) throw new RangeError(`network for ${network.size} nodes, cluster has ${this.size}`);
    this.network = network;
    this.broadcast({ type: 'network', network });
    this.changed();
  }

  // ---- time ------------------------------------------------------------------------------------

  /** Stop time: timers stop and messages in flight are held. */
  pause(): void {
    this.setClock(pauseClock(this.clock, wallNow()));
  }

  resume(): void {
    this.setClock(resumeClock(this.clock, wallNow()));
  }

  /** Scale timers and delays (0.05× to 4×). */
  setSpeed(speed: number): void {
    this.setClock(setClockSpeed(this.clock, wallNow(), speed));
  }

  /**
   * Let `virtualMs` of time pass, then pause: messages move, timers run down, due events happen,
   * exactly as if running, and everything stops at the same virtual instant in every worker.
   */
  step(virtualMs: number): void {
    const wall = wallNow();
    const clock = stepClock(this.clock, wall, virtualMs);
    this.setClock(clock);
    if (this.stepTimer !== null) clearTimeout(this.stepTimer);
    this.stepTimer = setTimeout(() => {
      this.stepTimer = null;
      // Still the same step (no resume, pause or newer step since): mark it paused where it stopped.
      if (this.clock === clock) this.setClock(pauseClock(clock, wallNow()));
    }, Math.ceil(realDelayUntil(clock, wall, clock.until!)) + 1);
  }

  // ---- Raft configuration ------------------------------------------------------------------------

  getConfig(): ClusterConfig {
    return this.config;
  }

  /**
   * New election timeout range or heartbeat interval for every node, from its next timer on.
   * Throws a RangeError (and changes nothing) for timings Raft cannot work with (§5.6).
   */
  setTiming(timing: Partial<RaftTiming>): void {
    this.edit({ type: 'setTiming', timing });
  }

  /** Automatic log compaction in every node (RaftConfig.autoCompactEntries); null turns it off. */
  setAutoCompact(entries: number | null): void {
    this.edit({ type: 'setAutoCompact', entries });
  }

  /** Turn Production Raft's mechanisms on or off in every node, from each core's next decision on. */
  setFeatures(features: Partial<RaftFeatures>): void {
    this.edit({ type: 'setFeatures', features });
  }

  /** Turn deliberate bugs on or off in every node (forgetVoteOnRestart acts at each node's next restart). */
  setBugs(bugs: Partial<RuntimeBugs>): void {
    this.edit({ type: 'setBugs', bugs });
  }

  /** Merged as every engine merges it (src/shared/config-edit.ts), validated before any worker sees it. */
  private edit(edit: ConfigEdit): void {
    const { raft, ackBeforePersist, config } = editSettings({ raft: this.raft, ackBeforePersist: this.ackBeforePersist }, edit);
    this.raft = raft;
    this.ackBeforePersist = ackBeforePersist;
    this.config = shownConfig(config, ackBeforePersist);
    this.broadcast({ type: 'configure', raft, ackBeforePersist });
    this.changed();
  }

  private setClock(clock: ClockState): void {
    this.clock = clock;
    this.broadcast({ type: 'clock', clock });
    this.changed();
  }

  // ---- workers ---------------------------------------------------------------------------------

  private spawn(node: NodeId): void {
    const slot = this.slot(node);
    const incarnation = ++slot.incarnation;
    const worker = this.options.spawnWorker ? this.options.spawnWorker(node) : takeNodeWorker();
    slot.worker = worker;
    slot.view = placeholderView(node, incarnation, 'starting', null, slot.view);
    const generation = this.generation;
    worker.onmessage = (event) => this.onReport(node, generation, incarnation, event.data as WorkerReport);
    worker.onerror = (event) => this.onWorkerError(node, generation, incarnation, event);
    // One MessageChannel per pair of live nodes; each end is transferred to its node's worker.
    const ports: { peer: NodeId; port: MessagePort }[] = [];
    this.slots.forEach((other, peer) => {
      if (peer === node || !other.worker) return;
      const channel = new MessageChannel();
      other.worker.postMessage({ type: 'port', peer: node, port: channel.port2 } satisfies ControlMessage, [channel.port2]);
      ports.push({ peer, port: channel.port1 });
    });
    const init: InitCommand = {
      type: 'init', id: node, members: this.slots.map((_, i) => i), incarnation, generation: this.generation, seed: this.seeds.fork(),
      machine: this.machine, databaseName: this.databaseName(node), clock: this.clock, network: this.network,
      raft: this.raft, ackBeforePersist: this.ackBeforePersist, reportApplied: this.options.reportApplied ?? false,
      reportIntervalMs: this.options.reportIntervalMs ?? 20, ports,
    };
    worker.postMessage(init, ports.map((p) => p.port));
    this.changed();
  }

  /** A report counts only if it comes from the node's current worker of this generation (3b). */
  private onReport(node: NodeId, generation: number, incarnation: number, report: WorkerReport): void {
    const slot = this.slots[node];
    if (!slot || generation !== this.generation || slot.incarnation !== incarnation || report?.type !== 'report') return;
    if (report.generation !== generation || report.incarnation !== incarnation) return;
    for (const result of report.proposed ?? []) this.requests.placed(result);
    for (const { requestId, outcome } of report.outcomes ?? []) this.requests.outcome(requestId, outcome);
    for (const { requestId, ok } of report.snapshots ?? []) this.requests.snapshotDone(requestId, ok);
    for (const { requestId, entries } of report.logs ?? []) this.requests.logRead(requestId, entries);
    if (report.applied) mergeApplied(slot.applied, report.applied);
    if (report.traffic || report.trafficOverflow) {
      const batch = { node, events: report.traffic ?? [], overflow: report.trafficOverflow ?? 0 };
      for (const listener of this.trafficListeners) listener(batch);
    }
    if (report.events) for (const listener of this.eventListeners) listener(node, report.events);
    if (report.appliedEntries || report.appliedOverflow) {
      for (const listener of this.appliedListeners) listener(node, report.appliedEntries ?? [], report.appliedOverflow ?? 0);
    }
    if (report.view) {
      slot.view = { ...report.view, incarnation };
      if (slot.view.status === 'storage-error') this.requests.nodeDown(node, `node ${node}: ${slot.view.error}`);
      this.changed();
    }
  }

  private onWorkerError(node: NodeId, generation: number, incarnation: number, event: ErrorEvent): void {
    const slot = this.slots[node];
    if (!slot || generation !== this.generation || slot.incarnation !== incarnation) return;
    slot.view = placeholderView(node, incarnation, 'failed', `worker error: ${event.message || 'could not start'}`, slot.view);
    this.requests.nodeDown(node, `node ${node} failed: ${event.message}`);
    this.changed();
  }

  private flushProposals(node: NodeId): void {
    const requests = this.outbox.get(node);
    this.outbox.delete(node);
    if (!requests || requests.length === 0) return;
    if (!this.slot(node).worker) {
      for (const { requestId } of requests) this.requests.placed({ requestId, placed: null, leaderHint: null, error: `node ${node} is down` });
      return;
    }
    this.post(node, { type: 'propose', requests });
  }

  private post(node: NodeId, message: ControlMessage): void {
    this.slots[node]?.worker?.postMessage(message);
  }

  private broadcast(message: ControlMessage): void {
    for (const slot of this.slots) slot.worker?.postMessage(message);
  }

  private slot(node: NodeId): Slot {
    const slot = this.slots[node];
    if (!slot) throw new RangeError(`no node ${node} in a cluster of ${this.size}`);
    return slot;
  }

  private freshSlots(size: number): Slot[] {
    return Array.from({ length: size }, (_, i) => ({
      worker: null, incarnation: 0, view: placeholderView(i, 0, 'crashed', null), applied: [0], requestsBefore: 0,
    }));
  }

  private changed(): void {
    this.state = this.snapshotState();
    for (const listener of this.stateListeners) listener(this.state);
  }

  private snapshotState(): ClusterState {
    return {
      namespace: this.namespace, size: this.slots.length, machine: this.machine,
      nodes: this.slots.map((s) => s.view), network: this.network, clock: this.clock, config: this.config,
      generation: this.generation, cancelled: this.cancelled, standby: this.standby,
    };
  }
}

/** What the page shows for a node whose worker has not reported (yet, or any more). */
function placeholderView(id: NodeId, incarnation: number, status: NodeStatus, error: string | null, last?: NodeView): NodeView {
  const durable = last?.durable ?? { term: 0, votedFor: null, recovering: false, lastIndex: 0, snapshotIndex: 0, snapshotTerm: 0, writing: false };
  return {
    id, incarnation, status, error, at: last?.at ?? 0, role: 'follower', term: durable.term, votedFor: durable.votedFor, recovering: durable.recovering,
    leaderId: null, commitIndex: 0, lastApplied: 0,
    log: { lastIndex: durable.lastIndex, lastTerm: 0, snapshotIndex: durable.snapshotIndex, snapshotTerm: durable.snapshotTerm, stableIndex: durable.lastIndex, window: storedPart(last) },
    durable: { ...durable, writing: false }, progress: [], timer: IDLE_TIMER, votes: [], machine: null,
    counters: { sent: 0, delivered: 0, requests: 0, dropped: {} }, numAppendLogs: 0,
  };
}

/** Of a node's last report, the entries it had written: what a node whose worker is gone holds in IndexedDB. */
function storedPart(last: NodeView | undefined): NodeView['log']['window'] {
  if (!last) return [];
  const written = Math.min(last.log.stableIndex, last.durable.lastIndex);
  return last.log.window.filter((entry) => entry.index <= written && entry.index > last.durable.snapshotIndex);
}

function mergeApplied(mirror: number[], update: NonNullable<WorkerReport['applied']>): void {
  if (update.reset) {
    mirror.length = 0;
    mirror.push(...update.reset);
  }
  mirror.length = Math.min(mirror.length, update.from);
  mirror.push(...update.values);
}
