import { makeConfig, type ConfigOverrides } from '../raft/config';
import type { Ready } from '../raft/core';
import type { RaftEvent } from '../raft/events';
import { describeMessage, isRequest, type Message } from '../raft/messages';
import { RaftNode, type ProposalOutcome } from '../raft/node';
import { Prng } from '../raft/prng';
import type { NodeId, PersistBatch, PersistedState, StateMachine } from '../raft/types';
import type { NodeStorage } from './idb-storage';
import { machineSpec, type MachineKind, type MachineSpec } from './machines';
import { checkVoteIsMember } from './storage-codec';
import { linkDown, route, type DropReason, type NetworkConfig } from './network';
import { buildView, DurableState, TrafficTally, appliedSince, readLog, type AppliedCursor } from './node-view';
import type { AppliedEntryView, AppliedUpdate, EntryView, MachineSummary, NodeStatus, NodeView, ProposeRequest, ProposeResult, TrafficEvent } from './protocol';
import { WIRE_FORMAT, guessKind, validateWire, type WireMessage } from './validate';

/** What a node's driver needs from the thread it runs in. The worker supplies the real ones; tests, fakes. */
export interface HostEnv<C> {
  readonly storage: NodeStorage<C>;
  /** The shared virtual clock (monotonic). */
  now(): number;
  isPaused(): boolean;
  /** Call wake() at virtual time `at` (Infinity: never), replacing any earlier request. */
  wakeAt(at: number): void;
  /** Post on the port to `to`; false if there is none (the peer's worker is gone). */
  post(to: NodeId, wire: WireMessage<C>): boolean;
  readonly sink: HostSink;
}

/** Where reports go (batched by the worker's Reporter). */
export interface HostSink {
  traffic(event: TrafficEvent): void;
  events(events: readonly RaftEvent[]): void;
  outcome(requestId: number, outcome: ProposalOutcome<unknown>): void;
  /** An entry was applied to the state machine (only with reportApplied). */
  applied(entry: AppliedEntryView): void;
  /** The node's state changed; a new view is due. */
  changed(): void;
}

export interface HostOptions {
  readonly id: NodeId;
  readonly members: readonly NodeId[];
  readonly incarnation: number;
  readonly seed: number;
  readonly machine: MachineKind;
  readonly raft: ConfigOverrides;
  readonly network: NetworkConfig;
  /** The driver bug: send a Ready's messages before its write is durable. */
  readonly ackBeforePersist?: boolean;
  /** Tell the sink about every applied entry. */
  readonly reportApplied?: boolean;
}

/** Recompute the state machine summary at most this often (virtual ms) once it holds many keys. */
const SUMMARY_INTERVAL_MS = 200;
const SUMMARY_ENTRIES = 64;

/**
 * One Raft node driven for real: the pure core (src/raft) with a state machine, fed by a clock,
 * message ports and the user's proposals, keeping its promises in a NodeStorage. The same core the
 * simulator drives; only the driver differs.
 */
export class NodeHost<C = unknown, R = unknown> {
  status: NodeStatus = 'starting';
  error: string | null = null;
  node: RaftNode<C, R> | null = null;
  machine: StateMachine<C, R> | null = null;
  private readonly spec: MachineSpec<C, R>;
  private network: NetworkConfig;
  private readonly raftSeed: number;
  private readonly networkPrng: Prng;
  private seq = 0;
  /** Messages received and not yet due, by dueAt (FIFO among equals). */
  private held: { wire: WireMessage<C>; dueAt: number }[] = [];
  /** Readies taken and not yet sent, in order; the first ones may be in the write in flight. */
  private unsent: Ready<C>[] = [];
  private writing = false;
  /** Settles when the write in flight has committed or failed (null: none in flight). */
  private writeSettled: Promise<unknown> | null = null;
  /** halt() was called: the node never runs again, whatever a load or write in flight does. */
  private halted = false;
  private wakeTarget = NaN;
  readonly durable = new DurableState();
  readonly tally = new TrafficTally();
  private readonly applied: AppliedCursor = { store: null, length: 0 };
  private ackBeforePersist: boolean;
  /** The election deadline last seen and when it was armed (for the page's timer ring). */
  private timerArmed = { deadline: NaN, at: 0 };
  private summary: { lastApplied: number; at: number; value: MachineSummary } | null = null;

  constructor(private readonly options: HostOptions, private readonly env: HostEnv<C>) {
    this.spec = machineSpec(options.machine) as unknown as MachineSpec<C, R>;
    this.network = options.network;
    const prng = new Prng(options.seed);
    this.raftSeed = prng.fork();
    this.networkPrng = new Prng(prng.fork());
    this.ackBeforePersist = options.ackBeforePersist ?? false;
  }

  get id(): NodeId {
    return this.options.id;
  }

  get incarnation(): number {
    return this.options.incarnation;
  }

  /** Restore from storage (snapshot, then log) and start. A record that does not decode stops here. */
  async start(): Promise<void> {
    let persisted: PersistedState<C>;
    try {
      persisted = await this.env.storage.load();
      checkVoteIsMember(persisted.hardState, this.options.members);
    } catch (error) {
      return this.fail(`cannot load storage: ${(error as Error).message}`);
    }
    if (this.halted) return;
    try {
      this.machine = this.spec.create();
      this.node = new RaftNode<C, R>({
        id: this.id, members: this.options.members, stateMachine: this.machine, persisted,
        seed: this.raftSeed, now: this.env.now(), config: makeConfig(this.options.raft),
        ...(this.options.reportApplied ? { onApply: (index, entry) => this.env.sink.applied({ index, term: entry.term, command: this.spec.describe(entry.command) }) } : {}),
      });
    } catch (error) {
      return this.fail(`cannot restore from storage: ${(error as Error).message}`);
    }
    this.durable.loaded(persisted);
    this.status = 'running';
    this.settle();
  }

  // ---- inputs ------------------------------------------------------------------------------------

  /** A message arrived on the port from `peer`. Never throws: anything bad is dropped and counted. */
  onWire(peer: NodeId, data: unknown): void {
    let wire: WireMessage<C>;
    try {
      wire = validateWire(data, peer, this.id, (input) => this.spec.validateCommand(input));
    } catch (error) {
      return this.dropIncoming(peer, data, 'malformed', (error as Error).message);
    }
    if (this.status !== 'running') return this.dropIncoming(peer, wire, 'not-running');
    const down = linkDown(this.network, peer, this.id);
    if (down) return this.dropIncoming(peer, wire, down);
    // Threads read the shared clock a hair apart; if ours lags the sender's, shift the due time by
    // that lag, so that a message sent with no delay is never held waiting for our clock to catch up.
    const dueAt = wire.deliverAt - Math.max(0, wire.sentAt - this.env.now());
    let i = this.held.length;
    while (i > 0 && this.held[i - 1]!.dueAt > dueAt) i--;
    this.held.splice(i, 0, { wire, dueAt });
    this.deliverDue();
  }

  /** The timer the env armed for wakeAt() fired. */
  wake(): void {
    this.wakeTarget = NaN;
    if (this.status !== 'running' || this.env.isPaused()) return this.rearm();
    this.deliverDue();
    const node = this.node!;
    const now = this.env.now();
    if (now >= node.nextDeadline()) {
      node.tick(now);
      this.settle();
    }
    this.rearm();
  }

  /** Client commands: the leader appends them all, then persists and replicates them as one Ready. */
  propose(requests: readonly ProposeRequest[]): ProposeResult[] {
    const results = requests.map((request) => this.proposeOne(request));
    if (this.status === 'running') this.settle();
    return results;
  }

  /** The entries from..to this node holds now (Cluster.readLog). */
  readLog(from: number, to: number): EntryView[] {
    return readLog(this, this.spec, from, to);
  }

  saveSnapshot(): boolean {
    if (this.status !== 'running') return false;
    const ok = this.node!.saveSnapshot();
    this.settle();
    return ok;
  }

  /**
   * New timing or bug switches, from the core's next decision on (each timer draw, each vote);
   * forgetVoteOnRestart is read at start-up, so it acts on the next restart. Invalid timings throw.
   */
  configure(raft: ConfigOverrides, ackBeforePersist: boolean): void {
    const config = makeConfig(raft);
    this.node?.setConfig(config);
    this.ackBeforePersist = ackBeforePersist;
    this.env.sink.changed();
  }

  /**
   * The user's "force election timeout": the node acts as if its election timer fired now — a new
   * term, a vote for itself, RequestVote to all (Figure 2, Candidates). A leader has no election
   * timer and ignores it. Returns whether an election started.
   */
  forceElectionTimeout(): boolean {
    if (this.status !== 'running' || !this.node || this.node.isStopped()) return false;
    const before = this.node.core.term;
    this.node.timeoutNow(this.env.now());
    this.settle();
    return this.node.core.term > before;
  }

  /**
   * Hand leadership to `target` (thesis §3.10). The core traces the start; a refusal (not leader,
   * the feature off, an unknown target) is traced here so the page can say why nothing happened.
   */
  transferLeadership(target: NodeId): string | null {
    if (this.status !== 'running' || !this.node) return `node ${this.id} is ${this.status}`;
    const refused = this.node.transferLeadership(this.env.now(), target);
    if (refused !== null) {
      this.env.sink.events([{ kind: 'transferRefused', node: this.id, term: this.node.core.term, peer: target, text: `no transfer to node ${target}: ${refused}` }]);
    }
    this.settle();
    return refused;
  }

  setNetwork(network: NetworkConfig): void {
    this.network = network;
    this.env.sink.changed();
  }

  /** Pause, resume or a new speed: re-arm timers; a resume releases the messages held. */
  clockChanged(): void {
    this.wakeTarget = NaN;
    this.deliverDue();
    this.rearm();
  }

  view(): NodeView {
    return buildView(this, this.spec);
  }

  /** List machine only: the values applied since the last call. */
  appliedUpdate(): AppliedUpdate | undefined {
    return this.options.machine === 'list' ? appliedSince(this.machine, this.applied) : undefined;
  }

  get writeInFlight(): boolean {
    return this.writing;
  }

  /** When the current election timer was armed (virtual ms). */
  get electionArmedAt(): number {
    return this.timerArmed.at;
  }

  /** What the state machine holds, at most SUMMARY_ENTRIES pairs, recomputed only when it changed. */
  machineSummary(): MachineSummary | null {
    const core = this.node?.core;
    if (!core || !this.machine || !this.spec.summarize) return null;
    const now = this.env.now();
    const last = this.summary;
    const fresh = last && last.lastApplied === core.lastApplied;
    const recent = last && last.value.size > SUMMARY_ENTRIES && now - last.at < SUMMARY_INTERVAL_MS;
    if (last && (fresh || recent)) return last.value;
    this.summary = { lastApplied: core.lastApplied, at: now, value: this.spec.summarize(this.machine, SUMMARY_ENTRIES) };
    return this.summary.value;
  }

  // ---- the persist-then-send pipeline -----------------------------------------------------------

  /** Take what the core wants done and queue it behind any write in flight. */
  private settle(): void {
    const core = this.node!.core;
    if (core.electionDeadline !== this.timerArmed.deadline) this.timerArmed = { deadline: core.electionDeadline, at: core.now };
    const ready = this.node!.takeReady();
    if (ready.events.length > 0) this.env.sink.events(ready.events);
    if (ready.persist || ready.messages.length > 0) this.unsent.push(ready);
    this.pump();
    this.rearm();
    this.env.sink.changed();
  }

  /**
   * Write every queued Ready's batch in ONE transaction, and only when it has completed send
   * their messages. Thesis §3.8 (and Figure 2's "respond after persisting"): a vote or an append
   * acknowledgement leaves a node only once the term, vote and entries it promises are durable.
   * Writes are strictly ordered: a Ready's messages wait for its own batch and every earlier one;
   * Readies taken while a write is in flight are coalesced into the next write.
   */
  private pump(): void {
    if (this.writing || this.unsent.length === 0 || this.status !== 'running') return;
    const group = this.unsent;
    this.unsent = [];
    const batches = group.flatMap((ready) => (ready.persist ? [ready.persist] : []));
    if (batches.length === 0) {
      for (const ready of group) this.sendAll(ready.messages);
      return;
    }
    // The injected bug: acknowledge first, persist later. A crash before the write completes makes
    // the node forget a vote or entries it has already promised (what §3.8 exists to prevent).
    const sentEarly = this.ackBeforePersist;
    if (sentEarly) for (const ready of group) this.sendAll(ready.messages);
    this.writing = true;
    this.env.sink.changed();
    this.writeSettled = this.env.storage.write(batches).then(
      () => this.written(sentEarly ? [] : group, batches),
      (error: unknown) => this.fail(`storage write failed: ${(error as Error)?.message ?? String(error)}`),
    );
  }

  /**
   * Stop for good: take no input, start no write, and resolve once the write in flight (if any)
   * has committed or failed. After that nothing of this node can land in its store, so another
   * tab may open it (3a: no two tabs ever write one database).
   */
  async halt(): Promise<void> {
    this.halted = true;
    this.status = 'crashed';
    this.held = [];
    this.unsent = [];
    this.node?.stop();
    this.rearm();
    while (this.writing && this.writeSettled) await this.writeSettled;
  }

  /** The transaction committed: tell the core (it may now commit as leader), then send. */
  private written(group: readonly Ready<C>[], batches: readonly PersistBatch<C>[]): void {
    this.writing = false;
    this.writeSettled = null;
    if (this.status !== 'running') return;
    const node = this.node!;
    for (const batch of batches) {
      node.persisted(batch);
      this.durable.wrote(batch);
    }
    // Only now, with every batch of the group durable, do their replies and requests leave.
    for (const ready of group) this.sendAll(ready.messages);
    this.settle();
  }

  private sendAll(messages: readonly Message<C>[]): void {
    const now = this.env.now();
    for (const msg of messages) {
      const request = isRequest(msg);
      const decision = route(this.network, this.networkPrng, msg.from, msg.to, request);
      const wire: WireMessage<C> = {
        v: WIRE_FORMAT, inc: this.options.incarnation, seq: ++this.seq, sentAt: now,
        deliverAt: decision.deliver ? now + decision.delayMs : now, msg,
      };
      if (decision.deliver && this.env.post(msg.to, wire)) this.report('send', wire, now);
      else this.report('drop', wire, now, decision.deliver ? 'peer-down' : decision.reason);
      this.tally.sent(request);
      // The network may deliver a message twice (duplication, as the simulator does); Raft's RPCs
      // are idempotent, so the copy must change nothing (Figure 2).
      if (decision.deliver && decision.duplicateDelayMs !== undefined) {
        const copy: WireMessage<C> = { ...wire, seq: ++this.seq, deliverAt: now + decision.duplicateDelayMs };
        if (this.env.post(msg.to, copy)) this.report('send', copy, now);
      }
    }
  }

  // ---- delivery ----------------------------------------------------------------------------------

  /** Hand the core every held message that is due, unless time is paused. */
  private deliverDue(): void {
    if (this.status !== 'running' || this.env.isPaused()) return;
    const now = this.env.now();
    let delivered = 0;
    while (this.held.length > 0 && this.held[0]!.dueAt <= now) {
      const { wire } = this.held.shift()!;
      const down = linkDown(this.network, wire.msg.from, this.id);
      if (down) {
        this.dropIncoming(wire.msg.from, wire, down, 'link went down while the message was in flight');
        continue;
      }
      try {
        this.node!.receive(now, wire.msg);
      } catch (error) {
        // A message that passed validation but upset the core: drop it rather than crash the node.
        this.dropIncoming(wire.msg.from, wire, 'malformed', `the core rejected it: ${(error as Error).message}`);
        continue;
      }
      this.report('deliver', wire, now);
      this.tally.delivered();
      delivered++;
    }
    if (delivered > 0) this.settle();
    else this.rearm();
  }

  private rearm(): void {
    const next = this.status === 'running' ? Math.min(this.node!.nextDeadline(), this.held[0]?.dueAt ?? Infinity) : Infinity;
    if (next === this.wakeTarget) return;
    this.wakeTarget = next;
    this.env.wakeAt(next);
  }

  // ---- helpers -----------------------------------------------------------------------------------

  private proposeOne(request: ProposeRequest): ProposeResult {
    const leaderHint = this.node?.core.leaderId ?? null;
    if (this.status !== 'running') return { requestId: request.requestId, placed: null, leaderHint, error: `node ${this.id} is ${this.status}` };
    let command: C;
    try {
      command = this.spec.validateCommand(request.command);
    } catch (error) {
      return { requestId: request.requestId, placed: null, leaderHint, error: `invalid command: ${(error as Error).message}` };
    }
    const onOutcome = (outcome: ProposalOutcome<unknown>) => this.env.sink.outcome(request.requestId, outcome);
    const { placed, read } = this.node!.submit(this.env.now(), command, request.read === true, onOutcome);
    return { requestId: request.requestId, placed, leaderHint, ...(read ? { read } : {}) };
  }

  private dropIncoming(peer: NodeId, data: unknown, reason: DropReason, detail?: string): void {
    const wire = data as Partial<WireMessage<C>> | null;
    const sentAt = typeof wire?.sentAt === 'number' ? wire.sentAt : this.env.now();
    const known = reason !== 'malformed' ? (wire as WireMessage<C>) : null;
    this.env.sink.traffic({
      type: 'drop', key: known ? `${peer}.${known.inc}.${known.seq}` : `${peer}.?.${this.tally.droppedTotal}`,
      from: peer, to: this.id, kind: known ? known.msg.type : guessKind(data), sentAt,
      deliverAt: known ? known.deliverAt : sentAt, at: this.env.now(), reason, ...(detail ? { detail } : {}),
      ...(known ? { ...replyVerdict(known.msg), term: known.msg.term } : {}),
    });
    this.tally.dropped(reason);
  }

  private report(type: 'send' | 'drop' | 'deliver', wire: WireMessage<C>, at: number, reason?: DropReason): void {
    const { msg } = wire;
    this.env.sink.traffic({
      type, key: `${msg.from}.${wire.inc}.${wire.seq}`, from: msg.from, to: msg.to, kind: msg.type,
      sentAt: wire.sentAt, deliverAt: wire.deliverAt, at,
      ...(reason ? { reason } : {}), ...(msg.type === 'AppendEntries' ? { entries: msg.entries.length } : {}),
      ...replyVerdict(msg), term: msg.term, ...(type === 'send' ? { line: describeMessage(msg) } : {}),
    });
    if (type === 'drop' && reason) this.tally.dropped(reason);
  }

  private fail(reason: string): void {
    this.writing = false;
    this.writeSettled = null;
    if (this.halted) return;
    this.status = 'storage-error';
    this.error = reason;
    this.held = [];
    this.unsent = [];
    this.node?.stop();
    this.rearm();
    this.env.sink.changed();
  }
}

/** Whether a reply says yes: the vote granted, the append accepted. */
function replyVerdict(msg: Message<unknown>): { ok?: boolean; preVote?: boolean } {
  if (msg.type === 'RequestVote') return msg.preVote ? { preVote: true } : {};
  if (msg.type === 'RequestVoteReply') return { ok: msg.voteGranted, ...(msg.preVote ? { preVote: true } : {}) };
  if (msg.type === 'AppendEntriesReply') return { ok: msg.success };
  return {};
}
