import type { RaftConfig } from '../raft/config';
import type { RaftEvent } from '../raft/events';
import { describeMessage, type Message } from '../raft/messages';
import { RaftNode } from '../raft/node';
import { Prng } from '../raft/prng';
import type { Entry, NodeId, PersistBatch, PersistedState, StateMachine } from '../raft/types';
import type { DropReason } from '../shared/network';
import { PersistThenSend, type PumpDriver } from '../shared/pump';
import { SimNetwork } from './network';
import { Scheduler } from './scheduler';
import { MemoryStorage, StorageCorruption } from './storage';

export interface SimClusterOptions<C, R, M extends StateMachine<C, R>> {
  readonly size: number;
  readonly seed: number;
  readonly makeStateMachine: (id: NodeId) => M;
  readonly config?: RaftConfig;
  /** Called after every step with the node that stepped (invariant checkers hook in here). */
  readonly afterStep?: (cluster: SimCluster<C, R, M>, node: NodeId) => void;
  readonly onApply?: (node: NodeId, index: number, entry: Entry<C>, result: R) => void;
  /**
   * Simulated disk latency: a write becomes durable this long after it is issued. The node keeps
   * running meanwhile, as in the browser; a restart loses writes still in flight.
   */
  readonly diskLatencyMs?: { readonly min: number; readonly max: number };
  /** Bug switch: send acknowledgements before their write is durable (thesis §3.8 forbids it). */
  readonly ackBeforePersist?: boolean;
  /** Told of every delivery, timer and restart; the line is built only if asked for. */
  readonly onEvent?: (line: () => string) => void;
  /** Virtual time the cluster starts at (a reset that keeps the clock going); 0 by default. */
  readonly startAtMs?: number;
  /** A driver that shows the cluster (src/engine) watches its writes, traffic and trace here. */
  readonly observer?: SimObserver<C>;
}

/** One message's life for a viewer: sent (with its copies' due times), delivered, or dropped. */
export type SimTraffic<C> =
  /** copy: 0 for the message, 1 for the duplicate the network made of it. */
  | { readonly type: 'send'; readonly message: Message<C>; readonly seq: number; readonly dueAt: number; readonly copy: number }
  | { readonly type: 'deliver'; readonly message: Message<C>; readonly seq: number; readonly sentAt: number; readonly dueAt: number }
  /** atSend: dropped as it left (lost, or its link down); otherwise on arrival (its link went down, or the receiver). */
  | { readonly type: 'drop'; readonly message: Message<C>; readonly seq: number; readonly sentAt: number; readonly dueAt: number; readonly reason: DropReason; readonly atSend: boolean };

/** What a viewer of a SimCluster hears of; none of it changes the run (no PRNG draw, no event). */
export interface SimObserver<C> {
  /** Node `node` started from what its storage held. */
  booted?(node: NodeId, persisted: PersistedState<C>): void;
  /** A batch became durable on node `node`'s storage. */
  wrote?(node: NodeId, batch: PersistBatch<C>): void;
  /** The core's explanations (config.trace) from one Ready. */
  events?(node: NodeId, events: readonly RaftEvent[]): void;
  traffic?(event: SimTraffic<C>): void;
}

/**
 * A cluster of RaftNodes under simulation: the same core as in the browser, driven by a virtual
 * clock, a simulated network and durable in-memory storage. This is one driver of the core; the
 * Web Worker runtime is another.
 */
export class SimCluster<C, R, M extends StateMachine<C, R> = StateMachine<C, R>> {
  readonly scheduler = new Scheduler();
  readonly prng: Prng;
  readonly network: SimNetwork;
  /**
   * Per node id, over the cluster's whole life: ids are handed out in order (addNode) and never
   * reused, so these arrays are indexed by id; a removed node keeps its slot, stopped for good.
   */
  readonly storages: MemoryStorage<C>[];
  readonly nodes: RaftNode<C, R>[] = [];
  readonly machines: M[] = [];
  /** The nodes not removed (retire()), in id order: sparse once one is. */
  members: readonly NodeId[];
  /** Per node: the voters it starts from when its storage names none (thesis §4.1): the first nodes' ids, or none for a node added later. */
  private readonly bootstrap: (readonly NodeId[])[];
  /** Per node: removed from the cluster and stopped for good (its storage is kept). */
  private readonly retired: boolean[];
  private readonly timerAt: number[];
  private readonly timerGeneration: number[];
  /** Per node: the persist-then-send pipeline (src/shared/pump.ts) between its core and its disk. */
  private readonly pumps: PersistThenSend<C>[];
  /** Per node: true while settle() runs (a synchronous write must not settle again from inside it). */
  private readonly settling: boolean[];
  private readonly incarnation: number[];
  /** Per node: why it could not start (its storage failed its checks), or null. */
  readonly storageErrors: (string | null)[];
  /** Per node: stopped by stop() and not started again. */
  private readonly down: boolean[];
  private raftConfig: RaftConfig | undefined;
  private ackBeforePersist: boolean;
  private messageSeq = 0;

  constructor(private readonly options: SimClusterOptions<C, R, M>) {
    this.prng = new Prng(options.seed);
    this.members = Array.from({ length: options.size }, (_, i) => i);
    this.bootstrap = this.members.map(() => this.members);
    this.retired = this.members.map(() => false);
    this.network = new SimNetwork(options.size, new Prng(this.prng.fork()));
    this.storages = this.members.map(() => new MemoryStorage<C>());
    this.timerAt = this.members.map(() => Infinity);
    this.timerGeneration = this.members.map(() => 0);
    this.incarnation = this.members.map(() => 0);
    this.settling = this.members.map(() => false);
    this.pumps = this.members.map((id) => this.makePump(id));
    this.storageErrors = this.members.map(() => null);
    this.down = this.members.map(() => false);
    this.raftConfig = options.config;
    this.ackBeforePersist = options.ackBeforePersist === true;
    for (const pump of this.pumps) pump.ackBeforePersist = this.ackBeforePersist;
    if (options.startAtMs) this.scheduler.runUntil(options.startAtMs);
    for (const id of this.members) this.boot(id);
  }

  get now(): number {
    return this.scheduler.now;
  }

  /** How many node ids the cluster has handed out (removed nodes included): the next new node's id. */
  get size(): number {
    return this.nodes.length;
  }

  /**
   * A new server with fresh, empty storage and the next unused id (ids are never reused). It starts
   * knowing no configuration, so it never campaigns: it waits for a leader to add it as a learner
   * (RaftNode.changeMembership) and send it the log (thesis §4.1, §4.2.1).
   */
  addNode(): NodeId {
    const id = this.nodes.length;
    this.options.onEvent?.(() => `t=${this.now} node ${id} added: fresh storage, no configuration yet`);
    this.storages[id] = new MemoryStorage<C>();
    this.timerAt[id] = Infinity;
    this.timerGeneration[id] = 0;
    this.incarnation[id] = 0;
    this.settling[id] = false;
    this.pumps[id] = this.makePump(id);
    this.pumps[id].ackBeforePersist = this.ackBeforePersist;
    this.storageErrors[id] = null;
    this.down[id] = false;
    this.bootstrap[id] = [];
    this.retired[id] = false;
    this.network.addNode();
    this.members = [...this.members, id];
    this.boot(id);
    return id;
  }

  /**
   * Take node `id` out of the cluster for good, as an operator shuts down a server once the
   * configuration without it has committed (thesis §4.2.2): stopped, never restarted, its storage
   * kept. The configuration change itself is the leader's (RaftNode.changeMembership).
   */
  retire(id: NodeId): void {
    if (this.retired[id]) return;
    this.options.onEvent?.(() => `t=${this.now} node ${id} removed from the cluster and shut down`);
    this.stop(id);
    this.retired[id] = true;
    this.members = this.members.filter((m) => m !== id);
  }

  isRetired(id: NodeId): boolean {
    return this.retired[id] === true;
  }

  /** The Raft configuration every node runs with. */
  get config(): RaftConfig | undefined {
    return this.raftConfig;
  }

  /**
   * New timing, bugs or compaction for every node, from its next decision on (each node at its next
   * boot for what it reads at start-up). Switching ackBeforePersist needs disk latency: without it,
   * writes are synchronous unless the bug is on, and a switch with writes queued would reorder them.
   */
  configure(config: RaftConfig, ackBeforePersist = this.ackBeforePersist): void {
    if (ackBeforePersist !== this.ackBeforePersist && this.options.diskLatencyMs === undefined) {
      throw new Error('switching ackBeforePersist needs a cluster with disk latency (diskLatencyMs)');
    }
    this.raftConfig = config;
    this.ackBeforePersist = ackBeforePersist;
    for (const pump of this.pumps) pump.ackBeforePersist = ackBeforePersist;
    for (const id of this.members) if (!this.down[id] && this.storageErrors[id] === null) this.input(id, (node) => node.setConfig(config));
  }

  node(id: NodeId): RaftNode<C, R> {
    return this.nodes[id]!;
  }

  /**
   * Stop node `id`, lose all its volatile state, and start a new node over the same storage. Writes
   * in flight are lost (an unsynced write); with `tear`, one in flight is cut off mid-way and leaves
   * a torn record, which the next load detects.
   */
  restart(id: NodeId, options: { tear?: boolean } = {}): void {
    if (this.retired[id]) return;
    const torn = options.tear === true && this.pumps[id]!.writing;
    this.options.onEvent?.(() => `t=${this.now} node ${id} restarts from storage${torn ? ' (a write in flight is torn)' : ''}`);
    if (torn) this.storages[id]!.corrupt('a write was torn by a crash: its last record fails its checksum');
    this.crash(id);
    this.boot(id);
  }

  /**
   * Wipe node `id`'s storage and start it empty, as an operator replaces a failed disk. It comes
   * back recovering (src/raft/recovery.ts) in a term above any in the cluster.
   */
  wipe(id: NodeId): void {
    if (this.retired[id]) return;
    const term = Math.max(...this.nodes.map((n) => n.core.term), ...this.storages.map((s) => s.term)) + 1;
    this.options.onEvent?.(() => `t=${this.now} node ${id} storage wiped: restarts empty, recovering, in term ${term}`);
    this.crash(id);
    this.storages[id]!.wipe(term);
    this.boot(id);
  }

  /** Stop node `id` and leave it down (a crash nobody restarts yet): its volatile state is gone. */
  stop(id: NodeId): void {
    if (this.down[id]) return;
    this.options.onEvent?.(() => `t=${this.now} node ${id} crashes`);
    this.crash(id);
    this.down[id] = true;
    this.timerAt[id] = Infinity;
    this.timerGeneration[id]!++;
  }

  /** Start node `id` again from its storage after stop(). */
  start(id: NodeId): void {
    if (!this.down[id] || this.retired[id]) return;
    this.options.onEvent?.(() => `t=${this.now} node ${id} starts from storage`);
    this.boot(id);
  }

  isDown(id: NodeId): boolean {
    return this.down[id] === true;
  }

  /** Counts node `id`'s crashes (restarts, wipes, stops). */
  incarnationOf(id: NodeId): number {
    return this.incarnation[id]!;
  }

  /** True while node `id` has a write issued and not yet durable. */
  writeInFlight(id: NodeId): boolean {
    return this.pumps[id]!.writing;
  }

  private crash(id: NodeId): void {
    if (!this.down[id]) this.nodes[id]!.stop();
    // Writes still in flight die with the node: only what was durable survives.
    this.incarnation[id]!++;
    this.pumps[id]!.crash();
  }

  /**
   * Build node `id` from what its storage holds, with a fresh, empty state machine. Storage that
   * fails its checks is never served: the node stays down with a storage error until wiped.
   */
  private boot(id: NodeId): void {
    this.down[id] = false;
    let persisted;
    try {
      persisted = this.storages[id]!.load();
    } catch (error) {
      if (!(error instanceof StorageCorruption)) throw error;
      this.storageErrors[id] = error.reason;
      this.timerAt[id] = Infinity;
      this.timerGeneration[id]!++;
      this.options.onEvent?.(() => `t=${this.now} node ${id} stays down: ${error.message}`);
      return;
    }
    this.storageErrors[id] = null;
    this.options.observer?.booted?.(id, persisted);
    const machine = this.options.makeStateMachine(id);
    this.machines[id] = machine;
    const onApply = this.options.onApply;
    this.nodes[id] = new RaftNode<C, R>({
      id, members: this.bootstrap[id]!, stateMachine: machine, persisted,
      seed: this.prng.fork(), now: this.now,
      ...(this.raftConfig ? { config: this.raftConfig } : {}),
      ...(onApply ? { onApply: (index, entry, result) => onApply(id, index, entry, result) } : {}),
    });
    this.timerAt[id] = Infinity;
    this.settle(id);
  }

  /** Run `input` on node `id`, then carry out what it asks for. */
  input(id: NodeId, input: (node: RaftNode<C, R>) => void): void {
    input(this.nodes[id]!);
    this.settle(id);
  }

  /**
   * Hand each Ready to the node's pump: persist, then send (thesis §3.8: a vote or an append
   * acknowledgement leaves a node only after what it promises is durable). Without disk latency
   * both happen in this step; with it, the Ready's messages wait behind its batch and every earlier one.
   */
  private settle(id: NodeId): void {
    const node = this.nodes[id]!;
    const observer = this.options.observer;
    this.settling[id] = true;
    for (;;) {
      const ready = node.takeReady();
      if (observer?.events && ready.events.length > 0) observer.events(id, ready.events);
      if (!ready.persist && ready.messages.length === 0) break;
      this.pumps[id]!.offer(ready.persist, ready.messages);
    }
    this.settling[id] = false;
    this.armTimer(id);
    this.options.afterStep?.(this, id);
  }

  /** Node `id`'s pump over its MemoryStorage (SimDisk below). */
  private makePump(id: NodeId): PersistThenSend<C> {
    return new PersistThenSend<C>(new SimDisk<C, R, M>(this, id));
  }

  /**
   * A write lands at once, or (with disk latency, or under the ackBeforePersist bug) after a latency
   * drawn when it starts; a crash meanwhile loses it. Called by the node's pump (SimDisk).
   */
  writeBatches(id: NodeId, batches: readonly PersistBatch<C>[]): void {
    if (this.options.diskLatencyMs === undefined && !this.ackBeforePersist) return this.land(id, this.incarnation[id]!, batches);
    const latency = this.options.diskLatencyMs ?? { min: 0, max: 0 };
    this.scheduler.callAfter(this.prng.between(latency.min, latency.max), this, 'land', id, this.incarnation[id], batches);
  }

  /** Scheduled by writeBatches: the write is durable now, unless the node crashed since it began. */
  land(id: NodeId, incarnation: number, batches: readonly PersistBatch<C>[]): void {
    if (this.incarnation[id] !== incarnation) return; // the node crashed: this write never landed
    for (const batch of batches) {
      this.storages[id]!.write(batch);
      this.options.observer?.wrote?.(id, batch);
    }
    this.pumps[id]!.written();
  }

  /** The pump's afterWrite: the core may have more to do. */
  wroteThrough(id: NodeId): void {
    if (!this.settling[id]) this.settle(id);
  }

  /** Route a message the pump released (SimDisk): each copy is a scheduled arrive(). */
  send(message: Message<C>): void {
    const delays = this.network.route(message);
    const traffic = this.options.observer?.traffic;
    if (!traffic) {
      for (const delay of delays) this.scheduler.callAfter(delay, this, 'arrive', message);
      return;
    }
    // The same schedule, told to a viewer: every copy is a message of its own with its own seq.
    const sentAt = this.now;
    if (delays.length === 0) {
      const down = this.network.whyDown(message.from, message.to);
      traffic({ type: 'drop', message, seq: ++this.messageSeq, sentAt, dueAt: sentAt, reason: down ?? 'loss', atSend: true });
      return;
    }
    for (const [copy, delay] of delays.entries()) {
      const seq = ++this.messageSeq;
      traffic({ type: 'send', message, seq, dueAt: sentAt + delay, copy });
      this.scheduler.callAfter(delay, this, 'arrive', message, { seq, sentAt, dueAt: sentAt + delay });
    }
  }

  /** A copy is due (scheduled by send): it arrives unless its link went down meanwhile or the receiver is down. */
  arrive(message: Message<C>, seen?: { seq: number; sentAt: number; dueAt: number }): void {
    const traffic = this.options.observer?.traffic;
    if (!this.network.arrives(message)) {
      if (seen && traffic) traffic({ type: 'drop', message, ...seen, reason: this.network.whyDown(message.from, message.to) ?? 'cut', atSend: false });
      return;
    }
    if (this.down[message.to]) {
      if (seen && traffic) traffic({ type: 'drop', message, ...seen, reason: 'not-running', atSend: false });
      return;
    }
    // A node down on a storage error is a stopped RaftNode: it ignores the message (as it always has here).
    if (seen && traffic) traffic(this.storageErrors[message.to] === null ? { type: 'deliver', message, ...seen } : { type: 'drop', message, ...seen, reason: 'not-running', atSend: false });
    this.options.onEvent?.(() => `t=${this.now} ${describeMessage(message)}`);
    this.input(message.to, (node) => node.receive(this.now, message));
  }

  // ---- explore mode (src/sim/explore.ts): the user's choices, told as the network's own ----------

  /** A copy in flight the user dropped (already out of the queue): counted and told as lost on the way. */
  discard(message: Message<C>, seen?: { seq: number; sentAt: number; dueAt: number }): void {
    this.network.dropInFlight();
    this.options.onEvent?.(() => `t=${this.now} dropped by choice: ${describeMessage(message)}`);
    if (seen) this.options.observer?.traffic?.({ type: 'drop', message, ...seen, reason: 'loss', atSend: false });
  }

  /** A second copy of a message in flight, sent now and due at `dueAt`, as a duplicate the network makes (copy 1). */
  duplicate(message: Message<C>, dueAt: number): void {
    const traffic = this.options.observer?.traffic;
    if (!traffic) return this.scheduler.callAt(dueAt, this, 'arrive', message);
    const seq = ++this.messageSeq;
    traffic({ type: 'send', message, seq, dueAt, copy: 1 });
    this.scheduler.callAt(dueAt, this, 'arrive', message, { seq, sentAt: this.now, dueAt });
  }

  /** Fire node `id`'s election timer now: the core campaigns as its tick does at the deadline (§5.2). */
  electionTimeoutNow(id: NodeId): void {
    this.options.onEvent?.(() => `t=${this.now} node ${id} ${this.nodes[id]!.role()} election timer fired by choice (term ${this.nodes[id]!.term()})`);
    this.input(id, (node) => node.timeoutNow(this.now));
  }

  /** Keep exactly one live timer event per node, at its core's next deadline. */
  private armTimer(id: NodeId): void {
    const deadline = this.nodes[id]!.nextDeadline();
    if (deadline === this.timerAt[id]) return;
    this.timerAt[id] = deadline;
    const generation = ++this.timerGeneration[id]!;
    if (deadline === Infinity) return;
    this.scheduler.callAt(deadline, this, 'fire', id, generation);
  }

  /** Node `id`'s timer is due (scheduled by armTimer); a timer re-armed since is stale and does nothing. */
  fire(id: NodeId, generation: number): void {
    if (this.timerGeneration[id] !== generation) return;
    this.timerAt[id] = Infinity;
    this.options.onEvent?.(() => `t=${this.now} node ${id} ${this.nodes[id]!.role()} timer fires (term ${this.nodes[id]!.term()})`);
    this.input(id, (node) => node.tick(this.now));
  }
}

/**
 * One node's disk, as its pump sees it (src/shared/pump.ts): a small object and not closures, so
 * that a copy of the cluster (time travel) copies its disks with it.
 */
class SimDisk<C, R, M extends StateMachine<C, R>> implements PumpDriver<C> {
  constructor(private readonly cluster: SimCluster<C, R, M>, private readonly id: NodeId) {}

  write(batches: readonly PersistBatch<C>[]): void {
    this.cluster.writeBatches(this.id, batches);
  }

  persisted(batch: PersistBatch<C>): void {
    this.cluster.nodes[this.id]!.persisted(batch);
  }

  send(message: Message<C>): void {
    this.cluster.send(message);
  }

  afterWrite(): void {
    this.cluster.wroteThrough(this.id);
  }
}
