import { makeConfig, type ConfigOverrides, type RaftConfig, type RaftFeatures, type RaftTiming } from '../raft/config';
import type { RaftEvent } from '../raft/events';
import { isRequest } from '../raft/messages';
import type { ProposalOutcome } from '../raft/node';
import type { Entry, NodeId } from '../raft/types';
import { pauseClock, resumeClock, setClockSpeed, startClock, stepClock, virtualAt, wallNow, type ClockState } from '../runtime/clock';
import type { ClusterConfig, ClusterState, TrafficBatch } from '../runtime/cluster';
import { machineSpec, type MachineKind, type MachineSpec } from '../runtime/machines';
import type { AppliedEntryView } from '../runtime/protocol';
import { CANCELLED_BY_RESET, type Proposal } from '../runtime/requests';
import { coreBugs, type DriverBugs } from '../shared/bugs';
import * as net from '../shared/network';
import { NetworkControls } from '../shared/network-controls';
import { SimCluster, type SimTraffic } from '../sim/cluster';
import type { Cluster } from './cluster';
import { SimNodeView } from './sim-node-view';
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
  /** Simulated disk: a write is durable this long after it is issued (default 1–4 ms, like IndexedDB). */
  readonly diskLatencyMs?: { readonly min: number; readonly max: number };
  /** Real time, for the clock the page animates with (tests pass their own). */
  readonly wall?: () => number;
}

const DEFAULT_DISK_LATENCY = { min: 1, max: 4 } as const;

/** A command offered to a node and not yet handed to its core (proposals are batched per task). */
interface Offer {
  readonly command: unknown;
  readonly read: boolean;
  readonly done: (proposal: Proposal<unknown>) => void;
}

/**
 * The simulated engine: the same Raft core as the live engine, driven by src/sim's SimCluster
 * (its scheduler, its persist-then-send pump, the shared network model) under virtual time, and
 * shown through the same ClusterState and NodeViews. A run is a function of its seed and of what
 * the user did when.
 *
 * Time: tick(wall) runs the simulation up to the virtual instant the clock gives for that real
 * instant (the worker calls it every frame); advance(ms) runs as fast as the CPU allows
 * (tests, benchmarks, "run at once").
 */
export class SimEngine extends NetworkControls implements Cluster {
  private sim!: SimCluster<unknown, unknown>;
  private views: SimNodeView[] = [];
  private readonly spec: MachineSpec<unknown, unknown>;
  private readonly wall: () => number;
  private clock: ClockState;
  private raft: ConfigOverrides;
  private ackBeforePersist: boolean;
  private config: ClusterConfig;
  private generation = 0;
  private cancelled: string | null = null;
  private state: ClusterState | null = null;
  private readonly open = new Set<(outcome: ProposalOutcome<unknown>) => void>();
  private readonly outbox = new Map<NodeId, Offer[]>();
  private readonly streams = new SimStreams();
  private destroyed = false;

  constructor(private readonly options: SimEngineOptions) {
    super();
    this.spec = machineSpec(options.machine ?? 'kv');
    this.wall = options.wall ?? wallNow;
    this.clock = startClock(this.wall(), options.speed ?? 1);
    this.raft = options.raft ?? {};
    this.ackBeforePersist = options.ackBeforePersist ?? false;
    this.config = configOf(makeConfig(this.raft), this.ackBeforePersist);
    this.build(options.size, 0, net.setPolicy(net.initialNetwork(options.size), options.linkPolicy ?? {}));
  }

  get seed(): number {
    return this.options.seed;
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

  // ---- observing -------------------------------------------------------------------------------

  getState(): ClusterState {
    this.state ??= {
      namespace: 'sim', size: this.sim.size, machine: this.spec.kind, nodes: this.views.map((v) => v.view()),
      network: this.sim.network.configuration, clock: this.clock, config: this.config,
      generation: this.generation, cancelled: this.cancelled, standby: null,
    };
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

  now(): number {
    return this.sim.now;
  }

  // ---- time ------------------------------------------------------------------------------------

  /** Run the simulation up to where the clock stands at real instant `wall`, then tell the listeners. */
  tick(wall = this.wall()): void {
    if (this.destroyed) return;
    this.flushProposals();
    const target = virtualAt(this.clock, wall);
    if (target > this.sim.now) this.sim.scheduler.runUntil(target);
    if (this.clock.until !== undefined && this.sim.now >= this.clock.until) {
      this.clock = pauseClock(this.clock, wall); // the step is done: paused where it stopped
      this.changed();
    }
    this.flush();
  }

  /** Run `virtualMs` of virtual time as fast as possible, whatever the clock says; the clock then goes on from there. */
  advance(virtualMs: number): void {
    this.flushProposals();
    this.sim.scheduler.runUntil(this.sim.now + virtualMs);
    const wall = this.wall();
    this.clock = { ...this.clock, anchorWallMs: wall, anchorVirtualMs: this.sim.now };
    this.changed();
    this.flush();
  }

  /**
   * Run at once to the virtual instant `virtualMs` and pause there (the console's raftlab.seek).
   * Only forwards for now: going back needs checkpoints and replay (issue 9, item 3).
   */
  seek(virtualMs: number): void {
    if (!(virtualMs >= this.sim.now && Number.isFinite(virtualMs))) {
      throw new RangeError(`seek goes forwards only, for now: ${virtualMs} ms is before now (${this.sim.now} ms)`);
    }
    this.flushProposals();
    this.sim.scheduler.runUntil(virtualMs);
    const wall = this.wall();
    this.clock = { anchorWallMs: wall, anchorVirtualMs: this.sim.now, speed: this.clock.speed, paused: true };
    this.changed();
    this.flush();
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
    for (const [node, items] of batches) this.proposeBatch(node, items);
    this.flush();
  }

  private proposeBatch(node: NodeId, items: Offer[]): void {
    const view = this.views[node];
    if (!view || view.status !== 'running') {
      for (const { done } of items) done({ node, placed: null, leaderHint: null, error: `node ${node} is ${view?.status ?? 'gone'}`, outcome: null });
      return;
    }
    this.sim.input(node, (raft) => {
      for (const { command, read, done } of items) {
        const leaderHint = raft.core.leaderId;
        let valid: unknown;
        try {
          valid = this.spec.validateCommand(command);
        } catch (error) {
          done({ node, placed: null, leaderHint, error: `invalid command: ${(error as Error).message}`, outcome: null });
          continue;
        }
        let settle!: (outcome: ProposalOutcome<unknown>) => void;
        const outcome = new Promise<ProposalOutcome<unknown>>((resolve) => { settle = resolve; });
        const answer = (result: ProposalOutcome<unknown>): void => {
          if (this.open.delete(answer)) settle(result);
        };
        this.open.add(answer);
        const features = raft.core.config.features;
        if (read && (features.readIndex || features.leaseReads)) {
          // Thesis §6.4: answered by ReadIndex or a lease, no entry; refused only when not leader (else through the log).
          if (raft.read(this.sim.now, valid, answer) === null) {
            done({ node, placed: null, read: true, leaderHint, outcome });
            continue;
          }
          if (!raft.isLeader()) {
            this.open.delete(answer);
            done({ node, placed: null, leaderHint, outcome: null });
            continue;
          }
        }
        const placed = raft.newCommand(this.sim.now, valid, answer);
        if (!placed) this.open.delete(answer);
        done({ node, placed, leaderHint, outcome: placed ? outcome : null });
      }
    });
  }

  saveSnapshot(node: NodeId): Promise<boolean> {
    this.checkNode(node);
    if (this.views[node]!.status !== 'running') return Promise.resolve(false);
    let ok = false;
    this.sim.input(node, (raft) => { ok = raft.saveSnapshot(); });
    this.flush();
    return Promise.resolve(ok);
  }

  // ---- nodes -----------------------------------------------------------------------------------

  /** The node acts as if its election timer fired now (§5.2). */
  forceElectionTimeout(node: NodeId): void {
    this.checkNode(node);
    if (this.views[node]!.status !== 'running') return;
    this.sim.input(node, (raft) => raft.timeoutNow(this.sim.now));
    this.flush();
  }

  /** The leader hands over to `target` (thesis §3.10); a refusal is told as a transferRefused rule event. */
  transferLeadership(node: NodeId, target: NodeId): void {
    this.checkNode(node);
    this.checkNode(target);
    if (this.views[node]!.status !== 'running') return;
    this.sim.input(node, (raft) => {
      const refused = raft.transferLeadership(this.sim.now, target);
      if (refused !== null) {
        this.streams.ruleEvents(node, [{ kind: 'transferRefused', node, term: raft.core.term, peer: target, text: `no transfer to node ${target}: ${refused}` }]);
      }
    });
    this.flush();
  }

  /** The node stops: its volatile state and its writes in flight are gone, until restart. */
  crash(node: NodeId): void {
    this.checkNode(node);
    this.sim.stop(node);
    this.views[node]!.dirty = true;
    this.changed();
    this.flush();
  }

  restart(node: NodeId): Promise<void> {
    this.checkNode(node);
    if (this.sim.isDown(node)) this.sim.start(node);
    else this.sim.restart(node);
    this.views[node]!.dirty = true;
    this.changed();
    this.flush();
    return Promise.resolve();
  }

  /** Wipe the node's storage; it restarts empty and recovering, in a term above any seen (src/raft/recovery.ts). */
  resetNode(node: NodeId): Promise<void> {
    this.checkNode(node);
    this.sim.wipe(node);
    this.views[node]!.dirty = true;
    this.changed();
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
    this.generation++;
    this.cancelled = CANCELLED_BY_RESET;
    for (const answer of [...this.open]) answer({ ok: false, index: 0, term: 0, reason: CANCELLED_BY_RESET });
    for (const [node, items] of this.outbox) for (const { done } of items) done({ node, placed: null, leaderHint: null, error: CANCELLED_BY_RESET, outcome: null });
    this.outbox.clear();
    const old = this.sim.network.configuration;
    for (let node = 0; node < this.size; node++) this.sim.stop(node);
    this.build(size, this.sim.now, { ...net.initialNetwork(size), requests: old.requests, replies: old.replies });
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
    this.sim.network.configure(network);
    this.changed();
    this.flush();
  }

  // ---- Raft configuration ----------------------------------------------------------------------

  getConfig(): ClusterConfig {
    return this.config;
  }

  setTiming(timing: Partial<RaftTiming>): void {
    this.setRaft({ ...this.raft, timing: { ...this.raft.timing, ...timing } }, this.ackBeforePersist);
  }

  setAutoCompact(entries: number | null): void {
    this.setRaft({ ...this.raft, autoCompactEntries: entries }, this.ackBeforePersist);
  }

  setBugs(bugs: Partial<DriverBugs>): void {
    const next = { ...this.config.bugs, ...bugs };
    this.setRaft({ ...this.raft, bugs: coreBugs(next) }, next.ackBeforePersist);
  }

  setFeatures(features: Partial<RaftFeatures>): void {
    this.setRaft({ ...this.raft, features: { ...this.raft.features, ...features } }, this.ackBeforePersist);
  }

  private setRaft(raft: ConfigOverrides, ackBeforePersist: boolean): void {
    const config = makeConfig(raft); // validates before any node sees it
    this.sim.configure(config, ackBeforePersist);
    this.raft = raft;
    this.ackBeforePersist = ackBeforePersist;
    this.config = configOf(config, ackBeforePersist);
    this.changed();
    this.flush();
  }

  // ---- the simulation and what it reports --------------------------------------------------------

  private build(size: number, startAtMs: number, network: net.NetworkConfig): void {
    const config = makeConfig(this.raft);
    const views: SimNodeView[] = [];
    this.sim = new SimCluster<unknown, unknown>({
      size, seed: this.options.seed, startAtMs, config, ackBeforePersist: this.ackBeforePersist,
      makeStateMachine: () => this.spec.create(),
      diskLatencyMs: this.options.diskLatencyMs ?? DEFAULT_DISK_LATENCY,
      afterStep: (_, node) => views[node]?.stepped(),
      onApply: (node, index, entry) => this.onApply(node, index, entry),
      observer: {
        booted: (node, persisted) => views[node]?.booted(persisted),
        wrote: (node, batch) => views[node]?.wrote(batch),
        events: (node, events) => this.streams.ruleEvents(node, events),
        traffic: (event) => this.onTraffic(event),
      },
    });
    for (let node = 0; node < size; node++) views.push(new SimNodeView(node, this.sim, this.spec));
    // The nodes booted inside the constructor, before their views existed: read their storage now.
    for (let node = 0; node < size; node++) views[node]!.booted(this.sim.storages[node]!.load());
    this.views = views;
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
    const tally = this.views[reporter]?.tally;
    if ((event.type === 'send' && event.copy === 0) || (event.type === 'drop' && event.atSend)) tally?.sent(request);
    if (event.type === 'deliver') tally?.delivered();
    if (event.type === 'drop') tally?.dropped(event.reason);
    this.streams.message(reporter, event, this.sim.now);
  }

  private changed(): void {
    this.state = null;
  }

  /** Hand the listeners what happened since the last flush, and the state if it changed. */
  private flush(): void {
    if (this.views.some((v) => v.dirty)) this.changed();
    this.streams.flush(this.state === null ? () => this.getState() : null);
  }

  private checkNode(node: NodeId): void {
    if (!Number.isInteger(node) || node < 0 || node >= this.size) throw new RangeError(`no node ${node} in a cluster of ${this.size}`);
  }
}

function configOf(config: RaftConfig, ackBeforePersist: boolean): ClusterConfig {
  return { timing: config.timing, bugs: { ...config.bugs, ackBeforePersist }, features: config.features, autoCompactEntries: config.autoCompactEntries };
}
