import { MAX_TERM, validateConfig, type RaftConfig } from './config';
import type { RaftEvent } from './events';
import type { ReadonlyRaftLog } from './log';
import type { Message } from './messages';
import type { Entry, NodeId, PersistBatch, Snapshot } from './types';
import type { Membership } from './types';
import { promoteCaughtUp, proposeChange, type MembershipChange } from './reconfig';
import { CoreState, type Progress, type Role, type StateInit } from './state';
import { campaign, handleRequestVote, handleVoteReply, requestVotes } from './election';
import { checkQuorum, ignoresVoteRequest, keepsTerm } from './lease';
import { abandonTransferIfLate, handleTimeoutNow, transferLeadership } from './transfer';
import { newHeartbeatRound, requestRead, type ReadState } from './reads';
import { broadcastAppend, handleAppendEntries, handleAppendReply, sendPendingAppends } from './replication';
import { compactLog, handleInstallSnapshot, handleSnapshotReply } from './snapshot';

export type { Progress, Role } from './state';
export { describeChange, type MembershipChange } from './reconfig';

/** Where a change went (its configuration entry), or why the leader refused it. */
export type MembershipOutcome =
  | { readonly ok: true; readonly index: number; readonly term: number }
  | { readonly ok: false; readonly reason: string };

/** What the driver must do after feeding the core some input. */
export interface Ready<C> {
  /** Make this durable first … */
  readonly persist: PersistBatch<C> | null;
  /** … then send these (thesis §3.8: persist before acknowledging). */
  readonly messages: Message<C>[];
  readonly events: RaftEvent[];
}

/** The next thing the state machine must take, in log order. */
export type ApplyItem<C> =
  | { readonly kind: 'snapshot'; readonly snapshot: Snapshot }
  | { readonly kind: 'entry'; readonly index: number; readonly entry: Entry<C> };

/**
 * A read-only snapshot of a core (etcd's Status): plain copies, so a driver, a view or a checker
 * that holds one can neither change the core nor see it change underneath.
 */
export interface RaftStatus {
  readonly id: NodeId;
  /** The core's clock when the snapshot was taken. */
  readonly now: number;
  readonly role: Role;
  /** Asking for pre-votes (thesis §9.6); the role stays follower meanwhile. */
  readonly preCandidate: boolean;
  readonly term: number;
  readonly votedFor: NodeId | null;
  readonly recovering: boolean;
  readonly leaderId: NodeId | null;
  readonly commitIndex: number;
  readonly lastApplied: number;
  /** log[1..stableIndex] is known durable. */
  readonly stableIndex: number;
  readonly log: { readonly firstIndex: number; readonly lastIndex: number; readonly lastTerm: number; readonly snapshotIndex: number; readonly snapshotTerm: number };
  /** A leader's view of each follower (Figure 2); empty unless leader. */
  readonly progress: readonly (Readonly<Progress> & { readonly peer: NodeId; readonly ackedSeq: number })[];
  /** Votes (or pre-votes) won in the current candidacy; empty for a follower. */
  readonly votes: readonly NodeId[];
  /** The node a leader is handing over to (thesis §3.10), or null. */
  readonly transferee: NodeId | null;
  /** A leader's latest heartbeat round (reads.ts, thesis §6.4); each progress entry's ackedSeq is the last its peer answered. */
  readonly heartbeatSeq: number;
  readonly electionDeadline: number;
  readonly heartbeatDeadline: number;
  /** The configuration in force (thesis §4.1: the latest in the log, committed or not) … */
  readonly membership: Membership;
  /** … set by the entry at this index (the snapshot's index when the log holds none): pending while above commitIndex. */
  readonly membershipIndex: number;
}


export type CoreInit<C> = StateInit<C>;

/**
 * A core's whole protocol state as plain data, for the model checker (src/model), which copies,
 * hashes and rebuilds cores. Timers, the PRNG, lease and CheckQuorum bookkeeping are left out: the
 * model keeps time abstract (see model/image.ts). ReadIndex's rounds are kept when that feature is
 * on (`reads`). Arrays are sorted.
 */
export interface CoreExport<C> {
  readonly term: number;
  readonly votedFor: NodeId | null;
  readonly recovering: boolean;
  readonly snapshot: Snapshot | null;
  /** The held log: entries[i] has index snapshotIndex + 1 + i. */
  readonly entries: readonly Entry<C>[];
  readonly snapshotIndex: number;
  readonly snapshotTerm: number;
  readonly role: Role;
  readonly leaderId: NodeId | null;
  readonly commitIndex: number;
  readonly lastApplied: number;
  readonly stableIndex: number;
  readonly pendingRestore: Snapshot | null;
  readonly recoveryTarget: { readonly term: number; readonly lastIndex: number } | null;
  readonly preCandidate: boolean;
  readonly transferCampaign: boolean;
  /** Sorted. */
  readonly votes: readonly NodeId[];
  /** Sorted. */
  readonly voteAnswers: readonly NodeId[];
  /** Leader only: [peer, nextIndex, matchIndex, inflight], sorted by peer. */
  readonly progress: readonly (readonly [NodeId, number, number, boolean])[];
  /** ReadIndex's state (thesis §6.4), present only when that feature is on: the model checker issues reads then. */
  readonly reads?: CoreReads;
}

/** A leader's reads not yet confirmed and the heartbeat rounds that confirm them (reads.ts). */
export interface CoreReads {
  readonly heartbeatSeq: number;
  /** [peer, last round it answered], sorted by peer. */
  readonly acked: readonly (readonly [NodeId, number])[];
  /** [read id, read index (null: waiting for an entry of the term to commit), round], in arrival order. */
  readonly pending: readonly (readonly [number, number | null, number])[];
}

/**
 * The Raft protocol as a pure state machine: time, messages and proposals come in as method
 * calls; messages to send and state to persist come out of takeReady(). No I/O, no clock, no
 * global randomness. The rules live in election.ts, replication.ts, snapshot.ts, lease.ts,
 * transfer.ts, reads.ts and recovery.ts, over a CoreState that only this class holds: drivers,
 * views and checkers read status() or the few read-only accessors below (etcd's Status).
 */
export class RaftCore<C> {
  #s: CoreState<C>;

  constructor(init: CoreInit<C>) {
    this.#s = new CoreState(init);
  }

  // ---- read-only accessors, for hot paths where status() would copy too much -----------------

  get id(): NodeId { return this.#s.id; }
  /** The other members (voters and learners) of the configuration in force. */
  get peers(): readonly NodeId[] { return this.#s.peers; }
  /** The configuration in force: the latest in the log, committed or not (thesis §4.1). */
  get membership(): Membership { return this.#s.membership; }
  /** The index of the entry that set the configuration in force. */
  get membershipIndex(): number { return this.#s.membershipIndex; }
  /** The configuration as of the commit index: the latest one known committed. */
  get committedMembership(): Membership { return this.#s.membershipAt(this.#s.commitIndex); }
  /** The index of the entry that set committedMembership. */
  get committedMembershipIndex(): number { return this.#s.membershipIndexAt(this.#s.commitIndex); }
  /** The core's clock: the time of the last input. */
  get now(): number { return this.#s.now; }
  get config(): RaftConfig { return this.#s.config; }
  get term(): number { return this.#s.term; }
  get role(): Role { return this.#s.role; }
  get leaderId(): NodeId | null { return this.#s.leaderId; }
  get commitIndex(): number { return this.#s.commitIndex; }
  get lastApplied(): number { return this.#s.lastApplied; }
  get votedFor(): NodeId | null { return this.#s.votedFor; }
  get recovering(): boolean { return this.#s.recovering; }
  /** Read after every step by the drivers, to show when the election timer was armed. */
  get electionDeadline(): number { return this.#s.electionDeadline; }
  /** The log, read-only: it changes only through the core's own rules. */
  get log(): ReadonlyRaftLog<C> { return this.#s.log; }

  // ---- inputs -------------------------------------------------------------------------------

  /** Let time pass: fire the election or heartbeat timer if due. */
  tick(now: number): void {
    const s = this.#s;
    s.now = now;
    if (s.role === 'leader') {
      if (s.config.features.checkQuorum && now >= s.quorumCheckDeadline) checkQuorum(s);
      if (s.role !== 'leader') return;
      abandonTransferIfLate(s);
      if (now >= s.heartbeatDeadline) {
        promoteCaughtUp(s);
        newHeartbeatRound(s);
        broadcastAppend(s);
        s.heartbeatDeadline = now + s.config.timing.heartbeatMs;
      }
    } else if (now >= s.electionDeadline) {
      campaign(s);
    } else if ((s.role === 'candidate' || s.preCandidate) && now >= s.heartbeatDeadline) {
      requestVotes(s);
    }
  }

  /** Start an election now, as if the election timer had fired (a teaching control). */
  timeoutNow(now: number): void {
    this.#s.now = now;
    if (this.#s.role !== 'leader') campaign(this.#s);
  }

  /** Change the timing at run time; the next timer drawn uses it (§5.6 timing requirement checked). */
  setConfig(config: RaftConfig): void {
    validateConfig(config);
    const s = this.#s;
    const was = s.config.features;
    if ((config.features.checkQuorum && !was.checkQuorum) || (config.features.leaseReads && !was.leaseReads)) {
      // The voters may not have promised anything yet: wait out one election timeout (§4.2.3, §6.4.1).
      s.leaseNotBefore = s.now + config.timing.electionTimeoutMaxMs;
    }
    s.config = config;
  }

  /** Handle one message. Figure 2 "All Servers": a higher term makes anyone a follower first. */
  step(now: number, message: Message<C>): void {
    const s = this.#s;
    s.now = now;
    if (message.to !== s.id) return;
    if (message.term > MAX_TERM) {
      s.trace('staleMessage', `ignored ${message.type} from node ${message.from}: term ${message.term} is past the last usable term ${MAX_TERM}`, { peer: message.from });
      return;
    }
    if (s.role === 'leader' && message.term === s.term) s.heardFrom.add(message.from);
    if (ignoresVoteRequest(s, message)) return;
    if (message.term > s.term && !keepsTerm(s, message)) {
      const fromLeader = message.type === 'AppendEntries' || message.type === 'InstallSnapshot';
      s.becomeFollower(message.term, fromLeader ? message.from : null,
        `saw term ${message.term} from node ${message.from}: RPC with a higher term (Figure 2, all servers)`);
    }
    switch (message.type) {
      case 'RequestVote': return handleRequestVote(s, message);
      case 'RequestVoteReply': return handleVoteReply(s, message);
      case 'AppendEntries': return handleAppendEntries(s, message);
      case 'AppendEntriesReply': return handleAppendReply(s, message);
      case 'InstallSnapshot': return handleInstallSnapshot(s, message);
      case 'InstallSnapshotReply': return handleSnapshotReply(s, message);
      case 'TimeoutNow': return handleTimeoutNow(s, message);
    }
  }

  /** Thesis §6.4: read without the log. Null when accepted (see takeReads()), else why not. */
  requestRead(now: number, id: number): string | null {
    this.#s.now = now;
    return requestRead(this.#s, id);
  }

  /** Reads confirmed (serve each once applied through its index) and reads that failed, since the last call. */
  takeReads(): { ready: ReadState[]; failed: { id: number; reason: string }[] } {
    const s = this.#s;
    const taken = { ready: s.readStates, failed: s.failedReads };
    s.readStates = [];
    s.failedReads = [];
    return taken;
  }

  /** Thesis §3.10: hand leadership to `target`. Null when the transfer started, else why not. */
  transferLeadership(now: number, target: NodeId): string | null {
    this.#s.now = now;
    return transferLeadership(this.#s, target);
  }

  /** Figure 2 "Leaders": append a client command to the local log. Null unless leader. */
  propose(now: number, command: C): { term: number; index: number } | null {
    const s = this.#s;
    s.now = now;
    if (s.role !== 'leader' || s.transferee !== null) return null; // §3.10: no proposals while handing over
    const index = s.appendEntry({ term: s.term, command });
    return { term: s.term, index };
  }

  /**
   * Thesis §4.1–§4.4: ask the leader to add a learner, promote a caught-up learner, or remove a
   * member, one change at a time and only once an entry of its term has committed. The outcome
   * names the configuration entry, or says why not (not leader, a change pending, unknown node…).
   */
  changeMembership(now: number, change: MembershipChange): MembershipOutcome {
    const s = this.#s;
    s.now = now;
    const placed = proposeChange(s, change);
    return typeof placed === 'string' ? { ok: false, reason: placed } : { ok: true, index: placed, term: s.term };
  }

  /** Replace the log through lastApplied by a snapshot of the state machine (§7). */
  compact(data: Uint8Array): boolean {
    return compactLog(this.#s, data);
  }

  /**
   * The driver reports that a batch from takeReady() is durable. Batches must be reported in the
   * order takeReady() made them (drivers write them in that order).
   */
  persisted(batch: PersistBatch<C>): void {
    this.#s.notePersisted(batch);
    if (this.#s.role === 'leader') this.#s.advanceCommit();
  }

  // ---- outputs ------------------------------------------------------------------------------

  /** A read-only snapshot for drivers, views and checkers (RaftStatus). */
  status(): RaftStatus {
    const s = this.#s;
    const log = s.log;
    const leader = s.role === 'leader';
    return {
      id: s.id, now: s.now, role: s.role, preCandidate: s.preCandidate, term: s.term, votedFor: s.votedFor,
      recovering: s.recovering, leaderId: s.leaderId, commitIndex: s.commitIndex, lastApplied: s.lastApplied, stableIndex: s.stableIndex,
      log: { firstIndex: log.firstIndex, lastIndex: log.lastIndex, lastTerm: log.lastTerm, snapshotIndex: log.snapshotIndex, snapshotTerm: log.snapshotTerm },
      progress: leader ? [...s.progress].map(([peer, p]) => ({ peer, nextIndex: p.nextIndex, matchIndex: p.matchIndex, inflight: p.inflight, ackedSeq: s.ackedSeq.get(peer) ?? 0 })) : [],
      votes: s.role === 'follower' && !s.preCandidate ? [] : [...s.votes],
      transferee: leader ? s.transferee : null, heartbeatSeq: s.heartbeatSeq,
      electionDeadline: s.electionDeadline, heartbeatDeadline: s.heartbeatDeadline,
      membership: s.membership, membershipIndex: s.membershipIndex,
    };
  }

  takeReady(): Ready<C> {
    if (this.#s.role === 'leader') sendPendingAppends(this.#s);
    const persist = this.#s.takePersist();
    const { messages, events } = this.#s.takeOutput();
    return { persist, messages, events };
  }

  /** When the driver must next call tick(). */
  nextDeadline(): number {
    const s = this.#s;
    if (s.role === 'leader') {
      return Math.min(s.heartbeatDeadline, s.config.features.checkQuorum ? s.quorumCheckDeadline : Infinity,
        s.transferee !== null ? s.transferDeadline : Infinity);
    }
    if (s.role === 'candidate' || s.preCandidate) return Math.min(s.electionDeadline, s.heartbeatDeadline);
    return s.electionDeadline;
  }

  /** The next snapshot or committed entry to apply, or null when the state machine is current. */
  nextToApply(): ApplyItem<C> | null {
    const s = this.#s;
    if (s.pendingRestore) return { kind: 'snapshot', snapshot: s.pendingRestore };
    if (s.lastApplied >= s.commitIndex) return null;
    const index = s.lastApplied + 1;
    return { kind: 'entry', index, entry: s.log.entryAt(index) };
  }

  /** The state machine took the item nextToApply() returned. */
  applied(item: ApplyItem<C>): void {
    if (item.kind === 'snapshot') {
      this.#s.pendingRestore = null;
      this.#s.lastApplied = item.snapshot.lastIncludedIndex;
    } else {
      this.#s.lastApplied = item.index;
    }
  }

  // ---- copies: time travel's checkpoints, the model checker's images --------------------------

  /**
   * An exact, independent copy: the same durable and volatile state, timers, reads in progress,
   * PRNG state and unsent output, so that fed the same inputs both cores do the same from here on
   * (the simulated engine's checkpoints, src/engine). Entries, messages and snapshots are shared:
   * the core never changes one in place.
   */
  copy(): RaftCore<C> {
    const s = this.#s;
    const core = new RaftCore<C>({ id: s.id, members: [s.id], config: s.config, seed: 0, now: s.now });
    core.#s = new CoreState(s);
    return core;
  }

  // ---- the model checker's copy and rebuild --------------------------------------------------

  /** The whole protocol state as plain data (CoreExport); the core is not changed. */
  exportState(): CoreExport<C> {
    const s = this.#s;
    const log = s.log;
    return {
      term: s.term, votedFor: s.votedFor, recovering: s.recovering, snapshot: s.snapshot,
      entries: log.lastIndex > log.snapshotIndex ? log.slice(log.firstIndex, log.lastIndex + 1) : [],
      snapshotIndex: log.snapshotIndex, snapshotTerm: log.snapshotTerm,
      role: s.role, leaderId: s.leaderId, commitIndex: s.commitIndex, lastApplied: s.lastApplied,
      stableIndex: s.stableIndex, pendingRestore: s.pendingRestore, recoveryTarget: s.recoveryTarget,
      preCandidate: s.preCandidate, transferCampaign: s.transferCampaign,
      votes: [...s.votes].sort(byNumber), voteAnswers: [...s.voteAnswers].sort(byNumber),
      progress: s.role === 'leader'
        ? [...s.progress].sort((a, b) => a[0] - b[0]).map(([peer, p]) => [peer, p.nextIndex, p.matchIndex, p.inflight] as const)
        : [],
      ...(s.config.features.readIndex ? {
        reads: {
          heartbeatSeq: s.heartbeatSeq,
          acked: [...s.ackedSeq].sort((a, b) => a[0] - b[0]),
          pending: s.pendingReads.map((read) => [read.id, read.index, read.seq] as const),
        },
      } : {}),
    };
  }

  /**
   * A core holding `state`, built as from storage (its durable part) and then given its volatile
   * part. `init.persisted` is ignored; the timers are the caller's (the model keeps time abstract).
   */
  static restore<C>(init: CoreInit<C>, state: CoreExport<C>, timers: { readonly electionDeadline: number; readonly heartbeatDeadline: number }): RaftCore<C> {
    const core = new RaftCore<C>({
      ...init,
      persisted: { hardState: { term: state.term, votedFor: state.votedFor }, snapshot: state.snapshot, entries: state.entries },
    });
    const s = core.#s;
    // The constructor forgets the vote under forgetVoteOnRestart; a live core does not.
    s.restoreDurable(state.votedFor, state.recovering, state.stableIndex);
    s.role = state.role;
    s.leaderId = state.leaderId;
    s.commitIndex = state.commitIndex;
    s.lastApplied = state.lastApplied;
    s.pendingRestore = state.pendingRestore;
    s.recoveryTarget = state.recoveryTarget;
    s.preCandidate = state.preCandidate;
    s.transferCampaign = state.transferCampaign;
    s.votes = new Set(state.votes);
    s.voteAnswers = new Set(state.voteAnswers);
    s.progress = new Map(state.progress.map(([peer, nextIndex, matchIndex, inflight]) => [peer, { nextIndex, matchIndex, inflight }]));
    if (state.reads) {
      s.heartbeatSeq = state.reads.heartbeatSeq;
      s.ackedSeq = new Map(state.reads.acked);
      s.pendingReads = state.reads.pending.map(([id, index, seq]) => ({ id, index, seq }));
    }
    s.electionDeadline = timers.electionDeadline;
    s.heartbeatDeadline = timers.heartbeatDeadline;
    return core;
  }
}

function byNumber(a: number, b: number): number {
  return a - b;
}
