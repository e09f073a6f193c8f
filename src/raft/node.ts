import { makeConfig, type RaftConfig } from './config';
import { RaftCore, type ApplyItem, type Ready, type Role } from './core';
import type { Message } from './messages';
import type { Entry, NodeId, PersistBatch, PersistedState, StateMachine } from './types';

/** What became of a proposal, delivered to the proposer's callback. */
export type ProposalOutcome<R> =
  | { readonly ok: true; readonly index: number; readonly term: number; readonly result: R }
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
  /** Observe every applied entry (checkers, visualizer). */
  readonly onApply?: (index: number, entry: Entry<C>, result: R) => void;
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
    const result = this.stateMachine.apply(item.entry.command, item.index);
    this.onApply?.(item.index, item.entry, result);
    const waiter = this.waiters.get(item.index);
    if (!waiter) return;
    this.waiters.delete(item.index);
    if (waiter.term === item.entry.term) {
      waiter.callback({ ok: true, index: item.index, term: item.entry.term, result });
    } else {
      waiter.callback({ ok: false, index: item.index, term: waiter.term, reason: `leadership lost: index ${item.index} holds an entry of term ${item.entry.term} instead` });
    }
  }
}
