import { makeConfig, type RaftConfig } from './config';
import { RaftCore, type ApplyItem, type MembershipChange, type MembershipOutcome, type Ready, type Role } from './core';
import type { Message } from './messages';
import type { ReadState } from './reads';
import type { CommandEntry, NodeId, PersistBatch, PersistedState, StateMachine } from './types';

/** What became of a proposal, delivered to the proposer's callback. */
export type ProposalOutcome<R> =
  | { readonly ok: true; readonly index: number; readonly term: number; readonly result: R; readonly servedBy?: 'readIndex' | 'lease' }
  | { readonly ok: false; readonly index: number; readonly term: number; readonly reason: string };

export interface RaftNodeOptions<C, R> {
  readonly id: NodeId;
  /** Every node of the cluster, this one included. */
  readonly members: readonly NodeId[];
  readonly stateMachine: StateMachine<C, R>;
  /** What storage holds for this node; absent for a brand-new node. */
  readonly persisted?: PersistedState<C>;
  /** Seeds the election-timeout PRNG. */
  readonly seed: number;
  /** The driver's clock at start-up. */
  readonly now: number;
  readonly config?: RaftConfig;
  /** Observe every command the state machine applies (checkers, visualizer); no-ops are not applied. */
  readonly onApply?: (index: number, entry: CommandEntry<C>, result: R) => void;
}

/**
 * A Raft node: the pure core plus the user's state machine — the lab's raft<state_machine, command>.
 * Still no I/O: a driver feeds it time and messages, persists each Ready's batch, reports it
 * durable with persisted(), and only then sends the Ready's messages.
 */
export class RaftNode<C, R> {
  readonly id: NodeId;
  readonly core: RaftCore<C>;
  private readonly stateMachine: StateMachine<C, R>;
  private readonly onApply: RaftNodeOptions<C, R>['onApply'];
  private readonly waiters = new Map<number, { term: number; callback: (outcome: ProposalOutcome<R>) => void }>();
  /** Reads without the log (thesis §6.4): waiting for confirmation, then for the apply index to reach theirs. */
  private readonly readers = new Map<number, { command: C; term: number; callback: (outcome: ProposalOutcome<R>) => void }>();
  private readonly confirmedReads: ReadState[] = [];
  private readIds = 0;
  private stopped = false;

  constructor(options: RaftNodeOptions<C, R>) {
    this.id = options.id;
    this.stateMachine = options.stateMachine;
    this.onApply = options.onApply;
    this.core = new RaftCore<C>({
      id: options.id, members: options.members, config: options.config ?? makeConfig(),
      seed: options.seed, now: options.now, ...(options.persisted ? { persisted: options.persisted } : {}),
    });
    // Restore the snapshot at start (part 4): the state machine resumes from lastIncludedIndex.
    this.applyCommitted();
  }

  // ---- the lab's public API ------------------------------------------------------------------

  /** Propose a command. Returns where it went if this node leads, else null. */
  newCommand(now: number, command: C, onOutcome?: (outcome: ProposalOutcome<R>) => void): { term: number; index: number } | null {
    if (this.stopped) return null;
    const placed = this.core.propose(now, command);
    if (placed && onOutcome) this.waiters.set(placed.index, { term: placed.term, callback: onOutcome });
    return placed;
  }

  /** A stopped node leads nothing, whatever its last state said. */
  isLeader(): boolean {
    return !this.stopped && this.core.role === 'leader';
  }

  term(): number {
    return this.core.term;
  }

  role(): Role {
    return this.core.role;
  }

  /**
   * Read without a log entry (ReadIndex or a lease, thesis §6.4; Production Raft features): the
   * outcome comes once this leader has confirmed it leads and applied through the read index. Null
   * when accepted, else why not (then send the command through the log).
   */
  read(now: number, command: C, onOutcome: (outcome: ProposalOutcome<R>) => void): string | null {
    if (this.stopped) return 'node stopped';
    if (!this.stateMachine.query) return 'this state machine answers reads only through the log';
    const id = ++this.readIds;
    const refused = this.core.requestRead(now, id);
    if (refused) return refused;
    this.readers.set(id, { command, term: this.core.term, callback: onOutcome });
    this.applyCommitted();
    return null;
  }

  /**
   * A client's command as the drivers take it: a read (`read`, and the Production features on) is
   * answered without the log when this node leads and can (ReadIndex or a lease, thesis §6.4);
   * refused when it does not lead; else, as every other command, proposed through the log.
   * `read: true` in the answer: accepted as a read (the outcome follows); else `placed` says where
   * the entry went, or null when this node could not take it.
   */
  submit(now: number, command: C, read: boolean, onOutcome: (outcome: ProposalOutcome<R>) => void): { placed: { term: number; index: number } | null; read: boolean } {
    const features = this.core.config.features;
    if (read && (features.readIndex || features.leaseReads)) {
      if (this.read(now, command, onOutcome) === null) return { placed: null, read: true };
      if (!this.isLeader()) return { placed: null, read: false };
    }
    return { placed: this.newCommand(now, command, onOutcome), read: false };
  }

  /** Snapshot all applied state and compact the log through it. */
  saveSnapshot(): boolean {
    if (this.stopped) return false;
    return this.core.compact(this.stateMachine.snapshot());
  }

  /**
   * Hand leadership to `target` (thesis §3.10, a Production Raft feature). Null when the transfer
   * started (proposals are refused until it ends), else why it could not.
   */
  transferLeadership(now: number, target: NodeId): string | null {
    if (this.stopped) return 'node stopped';
    const refused = this.core.transferLeadership(now, target);
    this.applyCommitted();
    return refused;
  }

  /**
   * Change membership (thesis §4.1–§4.4): add a learner, promote a caught-up one, or remove a
   * member. Only the leader takes it; the outcome says where the configuration entry went or why not.
   */
  changeMembership(now: number, change: MembershipChange): MembershipOutcome {
    if (this.stopped) return { ok: false, reason: 'node stopped' };
    const outcome = this.core.changeMembership(now, change);
    this.applyCommitted();
    return outcome;
  }

  /** Force an election timeout now (the visualizer's "force election timeout"). */
  timeoutNow(now: number): void {
    if (this.stopped) return;
    this.core.timeoutNow(now);
  }

  /** Replace the timing or bug switches while running; invalid configs throw and change nothing. */
  setConfig(config: RaftConfig): void {
    this.core.setConfig(config);
  }

  stop(): void {
    this.stopped = true;
    for (const [index, waiter] of this.waiters) {
      waiter.callback({ ok: false, index, term: waiter.term, reason: 'node stopped before the entry was applied' });
    }
    this.waiters.clear();
    for (const reader of this.readers.values()) reader.callback({ ok: false, index: 0, term: reader.term, reason: 'node stopped before the read was answered' });
    this.readers.clear();
  }

  isStopped(): boolean {
    return this.stopped;
  }

  // ---- driver interface ----------------------------------------------------------------------

  tick(now: number): void {
    if (this.stopped) return;
    this.core.tick(now);
    this.applyCommitted();
  }

  receive(now: number, message: Message<C>): void {
    if (this.stopped) return;
    this.core.step(now, message);
    this.applyCommitted();
  }

  takeReady(): Ready<C> {
    return this.core.takeReady();
  }

  persisted(batch: PersistBatch<C>): void {
    if (this.stopped) return;
    this.core.persisted(batch);
    this.applyCommitted();
  }

  nextDeadline(): number {
    return this.stopped ? Infinity : this.core.nextDeadline();
  }

  /** Apply every committed entry in order, exactly once; answer whoever proposed it. */
  private applyCommitted(): void {
    let appliedAny = false;
    for (let item = this.core.nextToApply(); item; item = this.core.nextToApply()) {
      this.applyOne(item);
      this.core.applied(item);
      appliedAny = true;
    }
    if (appliedAny) this.compactIfDue();
    this.serveReads();
  }

  /** Answer each confirmed read once the state machine has applied through its read index (§6.4 step 4). */
  private serveReads(): void {
    const { ready, failed } = this.core.takeReads();
    for (const { id, reason } of failed) this.finishRead(id, (reader) => ({ ok: false, index: 0, term: reader.term, reason }));
    this.confirmedReads.push(...ready);
    if (this.confirmedReads.length === 0 || this.core.nextToApply()?.kind === 'snapshot') return;
    for (let i = 0; i < this.confirmedReads.length;) {
      const read = this.confirmedReads[i]!;
      if (read.index > this.core.lastApplied) { i++; continue; }
      this.confirmedReads.splice(i, 1);
      this.finishRead(read.id, (reader) => ({ ok: true, index: read.index, term: reader.term, result: this.stateMachine.query!(reader.command), servedBy: read.servedBy }));
    }
  }

  private finishRead(id: number, outcome: (reader: { command: C; term: number }) => ProposalOutcome<R>): void {
    const reader = this.readers.get(id);
    if (!reader) return;
    this.readers.delete(id);
    reader.callback(outcome(reader));
  }

  /** Automatic log compaction (§7): snapshot once autoCompactEntries applied entries follow the snapshot. */
  private compactIfDue(): void {
    const threshold = this.core.config.autoCompactEntries;
    if (threshold !== null && this.core.lastApplied - this.core.log.snapshotIndex >= threshold) this.saveSnapshot();
  }

  private applyOne(item: ApplyItem<C>): void {
    if (item.kind === 'snapshot') {
      this.stateMachine.restore(item.snapshot.data);
      for (const [index, waiter] of this.waiters) {
        if (index > item.snapshot.lastIncludedIndex) continue;
        this.waiters.delete(index);
        waiter.callback({ ok: false, index, term: waiter.term, reason: 'entry was compacted into a snapshot before this node applied it; its result is unknown' });
      }
      return;
    }
    const entry = item.entry;
    const waiter = this.waiters.get(item.index);
    this.waiters.delete(item.index);
    const lost = (): ProposalOutcome<R> => ({ ok: false, index: item.index, term: waiter!.term,
      reason: `leadership lost: index ${item.index} holds ${entry.kind === 'noop' ? 'a no-op' : entry.kind === 'config' ? 'a configuration' : 'an entry'} of term ${entry.term} instead` });
    // A no-op (§8) or a configuration (thesis §4.1) is never applied to the state machine; applied() still advances lastApplied past it.
    if (entry.kind === 'noop' || entry.kind === 'config') {
      waiter?.callback(lost());
      return;
    }
    const result = this.stateMachine.apply(entry.command, item.index);
    this.onApply?.(item.index, entry, result);
    if (!waiter) return;
    waiter.callback(waiter.term === entry.term ? { ok: true, index: item.index, term: entry.term, result } : lost());
  }
}
