import { makeConfig, type ConfigOverrides, type RaftFeatures, type RaftTiming } from '../raft/config';
import type { RaftEvent } from '../raft/events';
import { isRequest } from '../raft/messages';
import type { ProposalOutcome } from '../raft/node';
import type { Entry, NodeId } from '../raft/types';
import { pauseClock, resumeClock, setClockSpeed, startClock, stepClock, virtualAt, wallNow, type ClockState } from '../runtime/clock';
import type { ClusterConfig, ClusterState, TrafficBatch } from '../runtime/cluster';
import { machineSpec, type MachineKind, type MachineSpec } from '../runtime/machines';
import { entriesBetween, readLog } from '../runtime/node-view';
import type { AppliedEntryView, EntryView } from '../runtime/protocol';
import { CANCELLED_BY_RESET, type Proposal } from '../runtime/requests';
import { coreBugs, type DriverBugs } from '../shared/bugs';
import { editSettings, shownConfig, type ConfigEdit } from '../shared/config-edit';
import * as net from '../shared/network';
import { NetworkControls } from '../shared/network-controls';
import { deepCopy } from '../sim/clone';
import { SimCluster, type SimTraffic } from '../sim/cluster';
import { applyChoice, checkChoice, listPending, type ExploreChoice, type PendingItem } from '../sim/explore';
import { Checkpoints, type Checkpoint } from './checkpoints';
import { itemsOf, RunRecorder, type Cursor } from './recorder';
import type { RunAction, RunFile, RunNote, RunPosition, TimedAction } from './run';
import type { Cluster } from './cluster';
import { SIM_VIEW_COPIERS, SimNodeView } from './sim-node-view';
import { SimStreams } from './sim-streams';

export interface SimEngineOptions {
  /** 1 to 9 nodes. */
  readonly size: number;
  /** Everything random (election timeouts, loss, delay, duplication, disk latency) comes from it. */
  readonly seed: number;
  readonly machine?: MachineKind;
  /** Virtual ms per real ms while running (MIN_SPEED to MAX_SPEED). */
  readonly speed?: number;
  readonly raft?: ConfigOverrides;
  readonly ackBeforePersist?: boolean;
  readonly linkPolicy?: Partial<net.LinkPolicy>;
  /** Simulated disk: a write is durable this long after it is issued (default 1–4 ms, like IndexedDB); null: at once. */
  readonly diskLatencyMs?: { readonly min: number; readonly max: number } | null;
  /**
   * Start from a recorded run (src/engine/run.ts, parsed by run-file.ts): the cluster is built from
   * its `start` (which then overrides size, seed, machine, raft, ackBeforePersist, linkPolicy and
   * diskLatencyMs), its actions are replayed, and the engine pauses at its `endAt` (or at
   * `startAt`, with the rest of the run still ahead as its recorded future: playing on replays it).
   */
  readonly run?: RunFile;
  readonly startAt?: number;
  /** Time travel: a checkpoint every this many scheduled events to start with (default CHECKPOINT_EVERY_STEPS). */
  readonly checkpointEverySteps?: number;
  /** Real time, for the clock the page animates with (tests pass their own). */
  readonly wall?: () => number;
}

const DEFAULT_DISK_LATENCY = { min: 1, max: 4 } as const;

/** What rewinding tells the commands still open: their future was not the one now shown. */
export const CANCELLED_BY_TIME_TRAVEL = 'cancelled: the run went back in time (time travel)';

/** A command offered to a node and not yet handed to its core (proposals are batched per task). */
interface Offer {
  readonly command: unknown;
  readonly read: boolean;
  /** The page's promise; null for a recorded proposal being replayed (nobody waits for it). */
  readonly done: ((proposal: Proposal<unknown>) => void) | null;
}

/**
 * Everything a run's outcome depends on, apart from the recorded actions: the simulation and what
 * the engine shows of it. A checkpoint is a copy of one (src/sim/clone.ts).
 */
class SimWorld {
  constructor(
    public sim: SimCluster<unknown, unknown>,
    public views: SimNodeView[],
    /** Scheduled events run by the clusters that earlier resets replaced (a run's steps go on across resets). */
    public stepBase: number,
    public raft: ConfigOverrides,
    public ackBeforePersist: boolean,
    public config: ClusterConfig,
    public generation: number,
    public cancelled: string | null,
  ) {}
}

/**
 * The simulated engine: the same Raft core as the live engine, driven by src/sim's SimCluster
 * (its scheduler, its persist-then-send pump, the shared network model) under virtual time, and
 * shown through the same ClusterState and NodeViews. A run is a function of its seed and of what
 * the user did when — so the engine records what the user did (a RunFile, src/engine/run.ts) and
 * can travel in time (issue 9, item 3): seek, stepBack and stepForward restore the nearest
 * checkpoint (checkpoints.ts) and replay the recorded run from it; acting in the past forks.
 *
 * Time: tick(wall) runs the simulation up to the virtual instant the clock gives for that real
 * instant (the worker calls it every frame); advance(ms) runs as fast as the CPU allows
 * (tests, benchmarks, "run at once").
 */
export class SimEngine extends NetworkControls implements Cluster {
  private world!: SimWorld;
  private readonly spec: MachineSpec<unknown, unknown>;
  private readonly wall: () => number;
  private readonly seedValue: number;
  private readonly diskLatency: { readonly min: number; readonly max: number } | null;
  private clock: ClockState;
  private state: ClusterState | null = null;
  private readonly open = new Set<(outcome: ProposalOutcome<unknown>) => void>();
  private readonly outbox = new Map<NodeId, Offer[]>();
  private readonly streams = new SimStreams();
  private destroyed = false;
  private readonly recorder: RunRecorder;
  private readonly checkpoints: Checkpoints<SimWorld>;
  /** Recorded actions applied so far (the rest are the recorded future). */
  private applied = 0;
  /** The run position the last state carried. */
  private shownPosition = '';
  /** The note of the run file this engine was opened from. */
  private readonly openedNote: string | undefined;

  constructor(options: SimEngineOptions) {
    super();
    this.openedNote = options.run?.note;
    this.checkpoints = new Checkpoints<SimWorld>(copyWorld, weighWorld, options.checkpointEverySteps);
    const start = options.run?.start;
    const size = start?.size ?? options.size;
    this.seedValue = start?.seed ?? options.seed;
    this.spec = machineSpec(start?.machine ?? options.machine ?? 'kv');
    this.wall = options.wall ?? wallNow;
    this.clock = startClock(this.wall(), options.speed ?? 1);
    this.diskLatency = start ? start.diskLatencyMs : options.diskLatencyMs === undefined ? DEFAULT_DISK_LATENCY : options.diskLatencyMs;
    const raft: ConfigOverrides = start
      ? { timing: start.timing, features: start.features, bugs: coreBugs(start.bugs), autoCompactEntries: start.autoCompactEntries, trace: start.trace }
      : options.raft ?? {};
    const ackBeforePersist = start ? start.bugs.ackBeforePersist : options.ackBeforePersist ?? false;
    const linkPolicy = net.checkPolicy({ ...net.RELIABLE_LINK, ...(start?.linkPolicy ?? options.linkPolicy) });
    const config = makeConfig(raft);
    this.world = new SimWorld(null!, [], 0, raft, ackBeforePersist, shownConfig(config, ackBeforePersist), 0, null);
    this.build(size, 0, net.setPolicy(net.initialNetwork(size), linkPolicy));
    this.recorder = new RunRecorder(start ?? {
      size, seed: this.seedValue, machine: this.spec.kind, timing: config.timing, features: config.features,
      bugs: { ...config.bugs, ackBeforePersist }, autoCompactEntries: config.autoCompactEntries, trace: config.trace,
      linkPolicy, diskLatencyMs: this.diskLatency,
    }, options.run?.actions, options.run?.endAt, options.run?.endStep);
    this.checkpoints.add(this.cursor(), this.world);
    if (options.run) {
      const { endAt, endStep, actions } = options.run;
      if (options.startAt !== undefined) this.play(Math.min(options.startAt, endAt));
      else {
        this.play(endAt, endStep === undefined ? Infinity : endStep + actions.length);
        this.sim.scheduler.advanceTo(Math.min(endAt, this.sim.scheduler.nextTime())); // the clock stood at endAt
        this.recorder.reach(this.cursor());
      }
      this.clock = pauseClock(this.clock, this.wall());
      this.clock = { ...this.clock, anchorVirtualMs: this.sim.now };
      this.changed();
    }
  }

  get seed(): number {
    return this.seedValue;
  }

  get size(): number {
    return this.sim.size;
  }

  get targetSize(): number {
    return this.sim.size;
  }

  /** The simulator underneath (tests and checkers read its nodes directly). */
  get simulation(): SimCluster<unknown, unknown> {
    return this.sim;
  }

  private get sim(): SimCluster<unknown, unknown> {
    return this.world.sim;
  }

  private get views(): SimNodeView[] {
    return this.world.views;
  }

  // ---- observing -------------------------------------------------------------------------------

  getState(): ClusterState {
    if (!this.state) {
      const run = this.position();
      this.shownPosition = positionKey(run);
      this.state = {
        namespace: 'sim', size: this.sim.size, machine: this.spec.kind, nodes: this.views.map((v) => v.view()),
        network: this.sim.network.configuration, clock: this.clock, config: this.world.config,
        generation: this.world.generation, cancelled: this.world.cancelled, standby: null, run,
      };
    }
    return this.state;
  }

  subscribe(listener: (state: ClusterState) => void): () => void {
    return this.streams.subscribe(listener);
  }

  subscribeTraffic(listener: (batch: TrafficBatch) => void): () => void {
    return this.streams.subscribeTraffic(listener);
  }

  subscribeEvents(listener: (node: NodeId, events: readonly RaftEvent[]) => void): () => void {
    return this.streams.subscribeEvents(listener);
  }

  subscribeApplied(listener: (node: NodeId, entries: readonly AppliedEntryView[], overflow: number) => void): () => void {
    return this.streams.subscribeApplied(listener);
  }

  /** The run's narration as it is reached (a lab test's steps): 'note' actions, told when played, not when replayed to a moment. */
  subscribeNotes(listener: (notes: readonly RunNote[]) => void): () => void {
    return this.streams.subscribeNotes(listener);
  }

  now(): number {
    return this.sim.now;
  }

  /** Where the engine stands in its recorded run (also in every state it sends). */
  position(): RunPosition {
    return this.recorder.position(this.cursor());
  }

  // ---- time ------------------------------------------------------------------------------------

  /** Run the simulation up to where the clock stands at real instant `wall`, then tell the listeners. */
  tick(wall = this.wall()): void {
    if (this.destroyed) return;
    this.flushProposals();
    const target = virtualAt(this.clock, wall);
    if (target > this.sim.now) this.play(target);
    if (this.clock.until !== undefined && this.sim.now >= this.clock.until) {
      this.clock = pauseClock(this.clock, wall); // the step is done: paused where it stopped
      this.changed();
    }
    this.flush();
  }

  /** Run `virtualMs` of virtual time as fast as possible, whatever the clock says; the clock then goes on from there. */
  advance(virtualMs: number): void {
    this.flushProposals();
    this.play(this.sim.now + virtualMs);
    const wall = this.wall();
    this.clock = { ...this.clock, anchorWallMs: wall, anchorVirtualMs: this.sim.now };
    this.changed();
    this.flush();
  }

  /**
   * Show the run as it was (or will be) at virtual ms `virtualMs` and pause there: backwards, the
   * nearest checkpoint at or before it is restored and the recorded run replayed to it; forwards,
   * the recorded run is replayed, and beyond its end the run simply goes on.
   */
  seek(virtualMs: number): void {
    if (!(virtualMs >= 0 && Number.isFinite(virtualMs))) throw new RangeError(`seek needs a virtual time in ms, 0 or more (got ${virtualMs})`);
    this.flushProposals();
    const here = this.cursor();
    const checkpoint = this.checkpoints.beforeTime(virtualMs);
    const ahead = checkpoint !== undefined && checkpoint.cursor.step > here.step + this.checkpoints.interval;
    if (virtualMs < here.at || (virtualMs === here.at && here.actions < this.applied) || ahead) this.restore(checkpoint!);
    this.play(virtualMs);
    this.pauseHere();
  }

  /** One item back: the scheduled event (delivery, timer, disk write) or user action before this moment. */
  stepBack(): void {
    this.flushProposals();
    const target = itemsOf(this.cursor()) - this.lastMoveSize();
    if (target < 0) return this.pauseHere();
    this.restore(this.checkpoints.beforeItem(target)!);
    this.play(Infinity, target);
    this.pauseHere();
  }

  /** One item forward: the next recorded action, or the next scheduled event. */
  stepForward(): void {
    this.flushProposals();
    this.play(Infinity, Infinity, 1);
    this.pauseHere();
  }

  /**
   * The node's entries from..to (Cluster.readLog): a running node's log; a node that is down, its
   * storage (a corrupted one serves nothing, as its load() refuses).
   */
  readLog(node: NodeId, from: number, to: number): Promise<EntryView[]> {
    const view = this.views[node];
    const storage = this.sim.storages[node];
    if (!view) return Promise.resolve([]);
    if (view.node) return Promise.resolve(readLog(view, this.spec, from, to));
    if (!storage || storage.corruption !== null) return Promise.resolve([]);
    const { snapshot, entries } = storage.load();
    const base = snapshot?.lastIncludedIndex ?? 0;
    return Promise.resolve(entriesBetween(base + 1, base + entries.length, (index) => entries[index - base - 1]!, this.spec, from, to));
  }

  // ---- explore mode (issue 9, item 6; src/sim/explore.ts) -------------------------------------------

  /** Everything pending now (messages in flight, timers, disk writes), in the order it would happen. */
  pending(): PendingItem[] {
    this.flushProposals();
    return listPending(this.sim);
  }

  /**
   * Choose what happens next: deliver, drop or duplicate a message in flight, or fire an election
   * timer now. Recorded like any action (in the past it forks); an id that is not pending, or a
   * choice that does not fit its item, throws and changes nothing.
   */
  explore(choice: ExploreChoice): void {
    this.flushProposals();
    checkChoice(this.sim, choice);
    this.act({ type: 'explore', choice });
    this.flush();
  }

  /**
   * The run so far as a file (src/engine/run.ts): replaying it reaches the same states. A run
   * opened from a file keeps that file's note (where it came from) unless given another.
   */
  exportRun(note: string | undefined = this.openedNote): RunFile {
    this.flushProposals();
    return this.recorder.file(note);
  }

  pause(): void {
    this.setClock((clock, wall) => pauseClock(clock, wall));
  }

  resume(): void {
    this.setClock((clock, wall) => resumeClock(clock, wall));
  }

  setSpeed(speed: number): void {
    this.setClock((clock, wall) => setClockSpeed(clock, wall, speed));
  }

  step(virtualMs: number): void {
    this.setClock((clock, wall) => stepClock(clock, wall, virtualMs));
  }

  /** Catch up to now first, so that the simulation stands exactly where the old clock put it. */
  private setClock(edit: (clock: ClockState, wall: number) => ClockState): void {
    const wall = this.wall();
    this.tick(wall);
    this.clock = edit(this.clock, wall);
    this.changed();
    this.flush();
  }

  private pauseHere(): void {
    this.streams.muted = false;
    this.clock = { anchorWallMs: this.wall(), anchorVirtualMs: this.sim.now, speed: this.clock.speed, paused: true };
    this.changed();
    this.flush();
  }

  // ---- the run: recording, replaying, checkpoints -----------------------------------------------

  private cursor(): Cursor {
    return { at: this.sim.now, step: this.world.stepBase + this.sim.scheduler.steps, actions: this.applied };
  }

  /**
   * Run forwards, in the run's order — every scheduled event, and each recorded action after the
   * step it was recorded at (or, recorded live without steps, after every event due by its time) —
   * up to virtual time `untilAt`, or up to the run's item `untilItem` (events and actions counted;
   * proposals offered together are one move), or for `moves` moves. Checkpoints are taken on the
   * way, at intervals of steps.
   */
  private play(untilAt: number, untilItem = Infinity, moves = Infinity): void {
    const every = this.checkpoints;
    for (let moved = 0; moved < moves; moved++) {
      const step = this.world.stepBase + this.sim.scheduler.steps;
      const nextEvent = this.sim.scheduler.nextTime();
      const action = this.recorder.actions[this.applied];
      if (action && ((action.step !== null && step >= action.step) || nextEvent > action.at)) {
        if (action.at > untilAt || step + this.batchEnd(this.applied) > untilItem) break;
        this.replay(action, nextEvent);
        continue;
      }
      if (nextEvent > untilAt || nextEvent === Infinity || step + this.applied + 1 > untilItem) break;
      if (every.due(this.cursor())) every.add(this.cursor(), this.world);
      this.sim.scheduler.runNext();
    }
    if (untilItem === Infinity && untilAt !== Infinity) this.sim.scheduler.advanceTo(Math.min(untilAt, this.sim.scheduler.nextTime()));
    this.recorder.reach(this.cursor());
  }

  /** The recorded actions applied once the move starting with action `index` is done (proposals batched together are one move). */
  private batchEnd(index: number): number {
    const actions = this.recorder.actions;
    const first = actions[index]!.action;
    let end = index + 1;
    if (first.type !== 'propose') return end;
    for (; end < actions.length; end++) {
      const next = actions[end]!.action;
      if (next.type !== 'propose' || next.node !== first.node || !next.batched) break;
    }
    return end;
  }

  /** How many items the last move took: one event, one action, or a batch of proposals. */
  private lastMoveSize(): number {
    const actions = this.recorder.actions;
    const step = this.world.stepBase + this.sim.scheduler.steps;
    const last = this.applied - 1;
    if (last < 0 || actions[last]!.step !== step) return 1; // an event ran after the last action
    let start = last;
    while (start > 0 && actions[start]!.action.type === 'propose' && (actions[start]!.action as { batched?: boolean }).batched) start--;
    return last - start + 1;
  }

  /** Apply the recorded action `item` (and the proposals batched with it) where it was recorded. */
  private replay(item: TimedAction, nextEvent: number): void {
    this.sim.scheduler.advanceTo(Math.min(item.at, nextEvent));
    const index = this.applied;
    const step = this.world.stepBase + this.sim.scheduler.steps;
    const action = item.action;
    if (action.type === 'propose') {
      const batch: Offer[] = [];
      for (let i = index; i < this.batchEnd(index); i++) {
        const next = this.recorder.actions[i]!.action as Extract<RunAction, { type: 'propose' }>;
        this.recorder.pin(i, step);
        batch.push({ command: next.command, read: next.read === true, done: null });
      }
      this.applied += batch.length;
      this.proposeBatch(action.node, batch);
      return;
    }
    this.recorder.pin(index, step);
    this.applied++;
    this.apply(action);
  }

  /**
   * The user did `action` now: record it (in the past, the recorded future is dropped first: a
   * fork, and the checkpoints of that future go too), then carry it out.
   */
  private act<T>(action: RunAction): T {
    this.record(action);
    return this.apply(action) as T;
  }

  private record(action: RunAction): void {
    const now = this.cursor();
    if (this.recorder.record(now, action)) this.checkpoints.dropAfter(now);
    this.applied = this.recorder.actions.length;
  }

  /** Go back (or ahead) to a checkpoint: commands still open are told their future is gone, once. */
  private restore(checkpoint: Checkpoint<SimWorld>): void {
    for (const answer of [...this.open]) answer({ ok: false, index: 0, term: 0, reason: CANCELLED_BY_TIME_TRAVEL });
    this.open.clear();
    this.world = copyWorld(checkpoint.world);
    this.applied = checkpoint.cursor.actions;
    this.streams.discard();
    this.streams.muted = true; // until pauseHere: the replay to the moment asked for is not told again
    this.changed();
  }

  // ---- client commands -------------------------------------------------------------------------

  /** Offer a command to one node. Every proposal made in one task goes to the core as one batch. */
  propose<R = unknown>(node: NodeId, command: unknown, options: { read?: boolean } = {}): Promise<Proposal<R>> {
    this.checkNode(node);
    return new Promise<Proposal<R>>((resolve) => {
      const queue = this.outbox.get(node);
      const item = { command, read: options.read === true, done: resolve as (proposal: Proposal<unknown>) => void };
      if (queue) queue.push(item);
      else {
        this.outbox.set(node, [item]);
        queueMicrotask(() => this.flushProposals());
      }
    });
  }

  private flushProposals(): void {
    if (this.outbox.size === 0) return;
    const batches = [...this.outbox];
    this.outbox.clear();
    for (const [node, items] of batches) this.offerBatch(node, items);
    this.flush();
  }

  /** The page's proposals to one node: the valid ones are recorded (as one batch) and go to its core together. */
  private offerBatch(node: NodeId, items: Offer[]): void {
    const view = this.views[node];
    if (!view || view.status !== 'running') {
      for (const { done } of items) done?.({ node, placed: null, leaderHint: null, error: `node ${node} is ${view?.status ?? 'gone'}`, outcome: null });
      return;
    }
    const valid: Offer[] = [];
    for (const item of items) {
      try {
        valid.push({ ...item, command: this.spec.validateCommand(item.command) });
      } catch (error) {
        item.done?.({ node, placed: null, leaderHint: this.sim.node(node).core.leaderId, error: `invalid command: ${(error as Error).message}`, outcome: null });
      }
    }
    if (valid.length === 0) return;
    for (const [i, { command, read }] of valid.entries()) {
      this.record({ type: 'propose', node, command, ...(read ? { read: true } : {}), ...(i > 0 ? { batched: true } : {}) });
    }
    this.proposeBatch(node, valid);
  }

  /** Hand valid commands to a node's core in one input (a recorded batch is replayed the same way). */
  private proposeBatch(node: NodeId, items: readonly Offer[]): void {
    if (this.views[node]?.status !== 'running') return;
    this.sim.input(node, (raft) => {
      for (const { command, read, done } of items) {
        const leaderHint = raft.core.leaderId;
        let settle!: (outcome: ProposalOutcome<unknown>) => void;
        const outcome = done ? new Promise<ProposalOutcome<unknown>>((resolve) => { settle = resolve; }) : null;
        const answer = (result: ProposalOutcome<unknown>): void => {
          if (this.open.delete(answer)) settle(result);
        };
        if (done) this.open.add(answer);
        const taken = raft.submit(this.sim.now, command, read === true, answer);
        if (!taken.placed && !taken.read) this.open.delete(answer);
        done?.({ node, placed: taken.placed, ...(taken.read ? { read: true } : {}), leaderHint, outcome: taken.placed || taken.read ? outcome : null });
      }
    });
  }

  saveSnapshot(node: NodeId): Promise<boolean> {
    this.checkNode(node);
    if (this.views[node]!.status !== 'running') return Promise.resolve(false);
    const ok = this.act<boolean>({ type: 'saveSnapshot', node });
    this.flush();
    return Promise.resolve(ok);
  }

  // ---- nodes -----------------------------------------------------------------------------------

  /** The node acts as if its election timer fired now (§5.2). */
  forceElectionTimeout(node: NodeId): void {
    this.checkNode(node);
    if (this.views[node]!.status !== 'running') return;
    this.act({ type: 'forceElectionTimeout', node });
    this.flush();
  }

  /** The leader hands over to `target` (thesis §3.10); a refusal is told as a transferRefused rule event. */
  transferLeadership(node: NodeId, target: NodeId): void {
    this.checkNode(node);
    this.checkNode(target);
    if (this.views[node]!.status !== 'running') return;
    this.act({ type: 'transferLeadership', node, target });
    this.flush();
  }

  /** The node stops: its volatile state and its writes in flight are gone, until restart. */
  crash(node: NodeId): void {
    this.checkNode(node);
    this.act({ type: 'crash', node });
    this.flush();
  }

  restart(node: NodeId): Promise<void> {
    this.checkNode(node);
    this.act({ type: 'restart', node });
    this.flush();
    return Promise.resolve();
  }

  /** Wipe the node's storage; it restarts empty and recovering, in a term above any seen (src/raft/recovery.ts). */
  resetNode(node: NodeId): Promise<void> {
    this.checkNode(node);
    this.act({ type: 'resetNode', node });
    this.flush();
    return Promise.resolve();
  }

  /**
   * Start over with empty storage (optionally another size), from the same seed, with virtual time
   * going on. Loss, delay and duplication stay; cuts, isolation and partitions go. Commands still
   * open end with "cancelled: cluster reset".
   */
  reset(options: { size?: number } = {}): Promise<boolean> {
    const size = options.size ?? this.size;
    if (!Number.isInteger(size) || size < 1 || size > 9) throw new RangeError(`a cluster has 1 to 9 nodes (got ${size})`);
    for (const [node, items] of this.outbox) for (const { done } of items) done?.({ node, placed: null, leaderHint: null, error: CANCELLED_BY_RESET, outcome: null });
    this.outbox.clear();
    this.act({ type: 'reset', size });
    this.flush();
    return Promise.resolve(true);
  }

  async destroy(): Promise<void> {
    for (let node = 0; node < this.size; node++) this.sim.stop(node);
    this.destroyed = true;
    this.streams.clear();
  }

  // ---- network (every edit is a shared-model function of the configuration) --------------------

  getNetwork(): net.NetworkConfig {
    return this.sim.network.configuration;
  }

  setNetwork(network: net.NetworkConfig): void {
    if (network.size !== this.size) throw new RangeError(`network for ${network.size} nodes, cluster has ${this.size}`);
    this.act({ type: 'setNetwork', network });
    this.flush();
  }

  // ---- Raft configuration ----------------------------------------------------------------------

  getConfig(): ClusterConfig {
    return this.world.config;
  }

  setTiming(timing: Partial<RaftTiming>): void {
    this.editConfig({ type: 'setTiming', timing });
  }

  setAutoCompact(entries: number | null): void {
    this.editConfig({ type: 'setAutoCompact', entries });
  }

  setBugs(bugs: Partial<DriverBugs>): void {
    if (this.diskLatency === null && bugs.ackBeforePersist !== undefined && bugs.ackBeforePersist !== this.world.ackBeforePersist) {
      throw new RangeError('ackBeforePersist cannot be switched in this run: its disk writes land at once (a lab test\'s run), so no acknowledgement can go before one');
    }
    this.editConfig({ type: 'setBugs', bugs });
  }

  setFeatures(features: Partial<RaftFeatures>): void {
    this.editConfig({ type: 'setFeatures', features });
  }

  /** Validated (it throws before anything is recorded), then recorded and carried out like any action. */
  private editConfig(edit: ConfigEdit): void {
    editSettings(this.world, edit);
    this.act(edit);
    this.flush();
  }

  // ---- carrying out an action (the user's now, or a recorded one replayed) ----------------------

  /** What an action does to the world; the same code whether the user did it now or it is replayed. */
  private apply(action: RunAction): unknown {
    const sim = this.sim;
    const w = this.world;
    switch (action.type) {
      case 'propose': return this.proposeBatch(action.node, [{ command: action.command, read: action.read === true, done: null }]);
      case 'saveSnapshot': {
        let ok = false;
        if (this.views[action.node]?.status === 'running') sim.input(action.node, (raft) => { ok = raft.saveSnapshot(); });
        return ok;
      }
      case 'forceElectionTimeout':
        if (this.views[action.node]?.status === 'running') sim.input(action.node, (raft) => raft.timeoutNow(sim.now));
        return;
      case 'transferLeadership': return this.transfer(action.node, action.target);
      case 'crash': sim.stop(action.node); return this.nodeChanged(action.node);
      case 'restart':
        if (sim.isDown(action.node)) sim.start(action.node);
        else sim.restart(action.node);
        return this.nodeChanged(action.node);
      case 'resetNode': sim.wipe(action.node); return this.nodeChanged(action.node);
      case 'reset': return this.resetWorld(action.size);
      case 'setNetwork': sim.network.configure(action.network); return this.changed();
      case 'setTiming':
      case 'setAutoCompact':
      case 'setBugs':
      case 'setFeatures': return this.setRaft(editSettings(w, action));
      case 'note': return this.streams.note(sim.now, action.text);
      case 'explore': {
        applyChoice(sim, action.choice);
        for (const view of this.views) view.dirty = true;
        return this.changed();
      }
    }
  }

  private transfer(node: NodeId, target: NodeId): void {
    if (this.views[node]?.status !== 'running') return;
    this.sim.input(node, (raft) => {
      const refused = raft.transferLeadership(this.sim.now, target);
      if (refused !== null) {
        this.streams.ruleEvents(node, this.sim.now, [{ kind: 'transferRefused', node, term: raft.core.term, peer: target, text: `no transfer to node ${target}: ${refused}` }]);
      }
    });
  }

  private nodeChanged(node: NodeId): void {
    this.views[node]!.dirty = true;
    this.changed();
  }

  /** The reset action: a new cluster from the same seed, virtual time going on; commands still open are cancelled. */
  private resetWorld(size: number): void {
    const w = this.world;
    w.generation++;
    w.cancelled = CANCELLED_BY_RESET;
    for (const answer of [...this.open]) answer({ ok: false, index: 0, term: 0, reason: CANCELLED_BY_RESET });
    const old = this.sim.network.configuration;
    for (let node = 0; node < this.size; node++) this.sim.stop(node);
    w.stepBase += this.sim.scheduler.steps;
    this.build(size, this.sim.now, { ...net.initialNetwork(size), requests: old.requests, replies: old.replies });
  }

  private setRaft({ raft, ackBeforePersist, config }: ReturnType<typeof editSettings>): void {
    this.sim.configure(config, ackBeforePersist);
    this.world.raft = raft;
    this.world.ackBeforePersist = ackBeforePersist;
    this.world.config = shownConfig(config, ackBeforePersist);
    this.changed();
  }

  // ---- the simulation and what it reports --------------------------------------------------------

  /** A new cluster in the world. Its callbacks reach the world only through this engine (a checkpoint's copy shares them). */
  private build(size: number, startAtMs: number, network: net.NetworkConfig): void {
    const config = makeConfig(this.world.raft);
    this.world.views = [];
    // Rule events are stamped with the virtual ms they happen at: the world's cluster's now (a
    // checkpoint's copy shares these callbacks); a node can tell some while it boots, before then.
    let built = false;
    this.world.sim = new SimCluster<unknown, unknown>({
      size, seed: this.seedValue, startAtMs, config, ackBeforePersist: this.world.ackBeforePersist,
      makeStateMachine: () => this.spec.create(),
      ...(this.diskLatency ? { diskLatencyMs: this.diskLatency } : {}),
      afterStep: (_, node) => this.views[node]?.stepped(),
      onApply: (node, index, entry) => this.onApply(node, index, entry),
      observer: {
        booted: (node, persisted) => this.views[node]?.booted(persisted),
        wrote: (node, batch) => this.views[node]?.wrote(batch),
        events: (node, events) => this.streams.ruleEvents(node, built ? this.world.sim.now : startAtMs, events),
        traffic: (event) => this.onTraffic(event),
      },
    });
    built = true;
    const views: SimNodeView[] = [];
    for (let node = 0; node < size; node++) views.push(new SimNodeView(node, this.sim, this.spec));
    // The nodes booted inside the constructor, before their views existed: read their storage now.
    for (let node = 0; node < size; node++) views[node]!.booted(this.sim.storages[node]!.load());
    this.world.views = views;
    this.sim.network.configure(network);
    this.changed();
  }

  private onApply(node: NodeId, index: number, entry: Entry<unknown>): void {
    if (!this.streams.watchingApplied) return;
    const command = 'command' in entry ? this.spec.describe(entry.command) : 'no-op';
    this.streams.appliedEntry(node, { index, term: entry.term, command });
  }

  /** Count every message in its nodes' tallies; make traffic events only if someone watches. */
  private onTraffic(event: SimTraffic<unknown>): void {
    const { message } = event;
    const request = isRequest(message);
    // As in the live engine, the sender counts and reports what it sent or lost on the way out,
    // the receiver what arrived or was dropped on arrival.
    const atSender = event.type === 'send' || (event.type === 'drop' && event.atSend);
    const reporter = atSender ? message.from : message.to;
    const view = this.views[reporter];
    const tally = view?.tally;
    // The counters are on the page: a node down still counts what was dropped at its door.
    if (view) view.dirty = true;
    if ((event.type === 'send' && event.copy === 0) || (event.type === 'drop' && event.atSend)) tally?.sent(request);
    if (event.type === 'deliver') tally?.delivered();
    if (event.type === 'drop') tally?.dropped(event.reason);
    this.streams.message(reporter, event, this.sim.now);
  }

  private changed(): void {
    this.state = null;
  }

  /** Hand the listeners what happened since the last flush, and the state if it changed (the run's position included). */
  private flush(): void {
    if (this.views.some((v) => v.dirty)) this.changed();
    if (this.state !== null && positionKey(this.position()) !== this.shownPosition) this.changed();
    this.streams.flush(this.state === null ? () => this.getState() : null);
  }

  private checkNode(node: NodeId): void {
    if (!Number.isInteger(node) || node < 0 || node >= this.size) throw new RangeError(`no node ${node} in a cluster of ${this.size}`);
  }
}

/** A world's independent copy (a checkpoint, or a checkpoint restored). */
function copyWorld(world: SimWorld): SimWorld {
  return deepCopy(world, SIM_VIEW_COPIERS);
}

/** What a checkpoint of `world` holds, roughly: the entries its logs and disks hold (see MAX_CHECKPOINT_WEIGHT). */
function weighWorld(world: SimWorld): number {
  const sim = world.sim;
  let entries = 0;
  for (const id of sim.members) {
    const log = sim.nodes[id]?.core.log;
    if (log && !sim.isDown(id)) entries += log.lastIndex - log.snapshotIndex;
    entries += sim.storages[id]!.length;
  }
  return 1000 + entries;
}

function positionKey(run: RunPosition): string {
  return `${run.at} ${run.endAt} ${run.step} ${run.endStep} ${run.inPast} ${run.forks}`;
}
