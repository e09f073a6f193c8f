import { MAX_TERM, validateConfig, type RaftConfig } from './config';
import type { RaftEvent, RaftEventKind } from './events';
import { RaftLog } from './log';
import type { Message } from './messages';
import { Prng } from './prng';
import type { Entry, HardState, NodeId, PersistBatch, PersistedState, Snapshot } from './types';
import { campaign, handleRequestVote, handleVoteReply, requestVotes } from './election';
import { checkQuorum, ignoresVoteRequest, keepsTerm } from './lease';
import { abandonTransferIfLate, handleTimeoutNow, transferLeadership } from './transfer';
import { failPendingReads, newHeartbeatRound, requestRead, startWaitingReads, type PendingRead, type ReadState } from './reads';
import { broadcastAppend, handleAppendEntries, handleAppendReply, sendAppend, sendPendingAppends } from './replication';
import { compactLog, handleInstallSnapshot, handleSnapshotReply } from './snapshot';

export type Role = 'follower' | 'candidate' | 'leader';

/** A leader's view of one follower (Figure 2 "Volatile state on leaders"). */
export interface Progress {
  nextIndex: number;
  matchIndex: number;
  /** An AppendEntries or InstallSnapshot is out and unanswered: wait before sending more. */
  inflight: boolean;
}

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
  readonly progress: readonly (Readonly<Progress> & { readonly peer: NodeId })[];
  /** Votes (or pre-votes) won in the current candidacy; empty for a follower. */
  readonly votes: readonly NodeId[];
  /** The node a leader is handing over to (thesis §3.10), or null. */
  readonly transferee: NodeId | null;
  readonly electionDeadline: number;
  readonly heartbeatDeadline: number;
}

export interface CoreInit<C> {
  readonly id: NodeId;
  /** Every node of the cluster, this one included. */
  readonly members: readonly NodeId[];
  readonly config: RaftConfig;
  readonly seed: number;
  readonly now: number;
  readonly persisted?: PersistedState<C>;
}

/**
 * The Raft protocol as a pure state machine: time, messages and proposals come in as method
 * calls; messages to send and state to persist come out of takeReady(). No I/O, no clock, no
 * global randomness. The rules live in election.ts, replication.ts and snapshot.ts.
 *
 * Invariants: lastApplied <= commitIndex <= log.lastIndex; stableIndex <= log.lastIndex.
 */
export class RaftCore<C> {
  readonly id: NodeId;
  readonly peers: readonly NodeId[];
  config: RaftConfig;
  readonly prng: Prng;

  // Figure 2, persistent state on all servers.
  term = 0;
  votedFor: NodeId | null = null;
  readonly log: RaftLog<C>;
  /** The latest snapshot (Figure 13), kept to send to lagging followers. */
  snapshot: Snapshot | null;

  // Figure 2, volatile state.
  role: Role = 'follower';
  leaderId: NodeId | null = null;
  commitIndex: number;
  lastApplied: number;
  /** A snapshot received by InstallSnapshot that the state machine has yet to load. */
  pendingRestore: Snapshot | null;
  /** Lost its storage and has not caught up since: no votes, no campaigns (recovery.ts). Durable. */
  recovering: boolean;
  /** While recovering: the current leader's last index when this node first heard from it. */
  recoveryTarget: { readonly term: number; readonly lastIndex: number } | null = null;

  // Timers, as absolute times in the driver's clock.
  now: number;
  electionDeadline = 0;
  /** Leader: next heartbeat. Candidate: next RequestVote retry to peers that have not answered. */
  heartbeatDeadline = Infinity;

  /** When this node last heard from the leader of its term (the §4.2.3 lease check). */
  lastLeaderContact = -Infinity;
  /** PreVote (thesis §9.6): asking whether it could win, before raising its term. Role stays follower. */
  preCandidate = false;
  /** This candidacy was started by the leader's TimeoutNow (thesis §3.10): voters skip the §4.2.3 lease. */
  transferCampaign = false;

  // Candidate and leader state.
  votes = new Set<NodeId>();
  /** Peers that answered this candidacy's RequestVote, granted or not. */
  voteAnswers = new Set<NodeId>();
  progress = new Map<NodeId, Progress>();
  /** Leader with CheckQuorum (thesis §6.2): peers heard from since the last check, and when the next is due. */
  heardFrom = new Set<NodeId>();
  quorumCheckDeadline = Infinity;
  /** Reads without the log (reads.ts): heartbeat rounds, when each was sent, the last each peer answered. */
  heartbeatSeq = 0;
  roundSentAt = new Map<number, number>();
  ackedSeq = new Map<NodeId, number>();
  pendingReads: PendingRead[] = [];
  /** Confirmed and failed reads, for the node to serve (takeReads()). */
  readStates: ReadState[] = [];
  failedReads: { readonly id: number; readonly reason: string }[] = [];
  /**
   * No lease reads before this time (§6.4.1): set when CheckQuorum or lease reads are switched on at
   * run time, since the voters' §4.2.3 lease that the leader's rests on starts only then.
   */
  leaseNotBefore = -Infinity;
  /** Leader handing over (thesis §3.10): to whom, and when it gives up. No proposals meanwhile. */
  transferee: NodeId | null = null;
  transferDeadline = Infinity;

  /** Highest index such that log[1..stableIndex] is known durable. */
  stableIndex: number;
  private hardStateDirty = false;
  private unstableFrom = Infinity;
  private snapshotDirty: Snapshot | null = null;
  private outbox: Message<C>[] = [];
  private events: RaftEvent[] = [];

  constructor(init: CoreInit<C>) {
    this.id = init.id;
    this.peers = init.members.filter((m) => m !== init.id);
    this.config = init.config;
    this.prng = new Prng(init.seed);
    this.now = init.now;
    const persisted = init.persisted;
    this.term = persisted?.hardState.term ?? 0;
    this.votedFor = init.config.bugs.forgetVoteOnRestart ? null : (persisted?.hardState.votedFor ?? null);
    this.recovering = persisted?.hardState.recovering === true;
    this.snapshot = persisted?.snapshot ?? null;
    this.log = new RaftLog(this.snapshot?.lastIncludedIndex ?? 0, this.snapshot?.lastIncludedTerm ?? 0, persisted?.entries ?? []);
    // A restarted node knows only that its snapshot is committed; commitIndex is volatile (Figure 2).
    this.commitIndex = this.log.snapshotIndex;
    this.lastApplied = 0;
    this.pendingRestore = this.snapshot;
    this.stableIndex = this.log.lastIndex;
    this.lastLeaderContact = init.now; // see inLeaderLease (lease.ts)
    this.resetElectionTimer();
  }

  get clusterSize(): number {
    return this.peers.length + 1;
  }

  /** Votes or replicas needed: a majority of the whole cluster. */
  get quorum(): number {
    return Math.floor(this.clusterSize / 2) + 1;
  }

  // ---- inputs -------------------------------------------------------------------------------

  /** Let time pass: fire the election or heartbeat timer if due. */
  tick(now: number): void {
    this.now = now;
    if (this.role === 'leader') {
      if (this.config.features.checkQuorum && now >= this.quorumCheckDeadline) checkQuorum(this);
      if (this.role !== 'leader') return;
      abandonTransferIfLate(this);
      if (now >= this.heartbeatDeadline) {
        newHeartbeatRound(this);
        broadcastAppend(this);
        this.heartbeatDeadline = now + this.config.timing.heartbeatMs;
      }
    } else if (now >= this.electionDeadline) {
      campaign(this);
    } else if ((this.role === 'candidate' || this.preCandidate) && now >= this.heartbeatDeadline) {
      requestVotes(this);
    }
  }

  /** Start an election now, as if the election timer had fired (a teaching control). */
  timeoutNow(now: number): void {
    this.now = now;
    if (this.role !== 'leader') campaign(this);
  }

  /** Change the timing at run time; the next timer drawn uses it (§5.6 timing requirement checked). */
  setConfig(config: RaftConfig): void {
    validateConfig(config);
    const was = this.config.features;
    if ((config.features.checkQuorum && !was.checkQuorum) || (config.features.leaseReads && !was.leaseReads)) {
      // The voters may not have promised anything yet: wait out one election timeout (§4.2.3, §6.4.1).
      this.leaseNotBefore = this.now + config.timing.electionTimeoutMaxMs;
    }
    this.config = config;
  }

  /** Handle one message. Figure 2 "All Servers": a higher term makes anyone a follower first. */
  step(now: number, message: Message<C>): void {
    this.now = now;
    if (message.to !== this.id) return;
    if (message.term > MAX_TERM) {
      this.trace('staleMessage', `ignored ${message.type} from node ${message.from}: term ${message.term} is past the last usable term ${MAX_TERM}`, { peer: message.from });
      return;
    }
    if (this.role === 'leader' && message.term === this.term) this.heardFrom.add(message.from);
    if (ignoresVoteRequest(this, message)) return;
    if (message.term > this.term && !keepsTerm(this, message)) {
      const fromLeader = message.type === 'AppendEntries' || message.type === 'InstallSnapshot';
      this.becomeFollower(message.term, fromLeader ? message.from : null,
        `saw term ${message.term} from node ${message.from}: RPC with a higher term (Figure 2, all servers)`);
    }
    switch (message.type) {
      case 'RequestVote': return handleRequestVote(this, message);
      case 'RequestVoteReply': return handleVoteReply(this, message);
      case 'AppendEntries': return handleAppendEntries(this, message);
      case 'AppendEntriesReply': return handleAppendReply(this, message);
      case 'InstallSnapshot': return handleInstallSnapshot(this, message);
      case 'InstallSnapshotReply': return handleSnapshotReply(this, message);
      case 'TimeoutNow': return handleTimeoutNow(this, message);
    }
  }

  /** Thesis §6.4: read without the log. Null when accepted (see takeReads()), else why not. */
  requestRead(now: number, id: number): string | null {
    this.now = now;
    return requestRead(this, id);
  }

  /** Reads confirmed (serve each once applied through its index) and reads that failed, since the last call. */
  takeReads(): { ready: ReadState[]; failed: { id: number; reason: string }[] } {
    const taken = { ready: this.readStates, failed: this.failedReads };
    this.readStates = [];
    this.failedReads = [];
    return taken;
  }

  /** Thesis §3.10: hand leadership to `target`. Null when the transfer started, else why not. */
  transferLeadership(now: number, target: NodeId): string | null {
    this.now = now;
    return transferLeadership(this, target);
  }

  /** Figure 2 "Leaders": append a client command to the local log. Null unless leader. */
  propose(now: number, command: C): { term: number; index: number } | null {
    this.now = now;
    if (this.role !== 'leader' || this.transferee !== null) return null; // §3.10: no proposals while handing over
    const index = this.log.append({ term: this.term, command });
    this.markLogDirtyFrom(index);
    return { term: this.term, index };
  }

  /** Replace the log through lastApplied by a snapshot of the state machine (§7). */
  compact(data: Uint8Array): boolean {
    return compactLog(this, data);
  }

  /**
   * The driver reports that a batch from takeReady() is durable. Batches must be reported in the
   * order takeReady() made them (drivers write them in that order). An entry counts as durable only
   * if the batch wrote the (index, term) the log holds now: an entry rewritten after the batch was
   * made (Figure 2, AppendEntries 3) is durable only once its own batch is.
   */
  persisted(batch: PersistBatch<C>): void {
    if (batch.entries) this.stableIndex = this.durableThrough(batch.entries);
    if (this.role === 'leader') this.advanceCommit();
  }

  private durableThrough(written: NonNullable<PersistBatch<C>['entries']>): number {
    const { fromIndex, entries } = written;
    if (fromIndex > this.stableIndex + 1) return this.stableIndex; // would leave a gap: not a prefix
    const limit = Math.min(fromIndex + entries.length - 1, this.unstableFrom - 1, this.log.lastIndex);
    let stable = this.stableIndex;
    for (let index = stable + 1; index <= limit; index++) {
      // Compacted entries are committed: their term can no longer change (§5.4.3, §7).
      if (index > this.log.snapshotIndex && this.log.termAt(index) !== entries[index - fromIndex]!.term) break;
      stable = index;
    }
    return stable;
  }

  // ---- outputs ------------------------------------------------------------------------------

  /** A read-only snapshot for drivers, views and checkers (RaftStatus). */
  status(): RaftStatus {
    const log = this.log;
    const leader = this.role === 'leader';
    return {
      id: this.id, now: this.now, role: this.role, preCandidate: this.preCandidate, term: this.term, votedFor: this.votedFor,
      recovering: this.recovering, leaderId: this.leaderId, commitIndex: this.commitIndex, lastApplied: this.lastApplied, stableIndex: this.stableIndex,
      log: { firstIndex: log.firstIndex, lastIndex: log.lastIndex, lastTerm: log.lastTerm, snapshotIndex: log.snapshotIndex, snapshotTerm: log.snapshotTerm },
      progress: leader ? [...this.progress].map(([peer, p]) => ({ peer, nextIndex: p.nextIndex, matchIndex: p.matchIndex, inflight: p.inflight })) : [],
      votes: this.role === 'follower' && !this.preCandidate ? [] : [...this.votes],
      transferee: leader ? this.transferee : null,
      electionDeadline: this.electionDeadline, heartbeatDeadline: this.heartbeatDeadline,
    };
  }

  takeReady(): Ready<C> {
    if (this.role === 'leader') sendPendingAppends(this);
    let persist: PersistBatch<C> | null = null;
    if (this.snapshotDirty || this.unstableFrom !== Infinity || this.hardStateDirty) {
      const from = Math.max(this.unstableFrom, this.log.snapshotIndex + 1);
      persist = {
        ...(this.snapshotDirty ? { snapshot: this.snapshotDirty } : {}),
        ...(this.unstableFrom !== Infinity
          ? { entries: { fromIndex: from, entries: this.log.slice(from, this.log.lastIndex + 1) } }
          : {}),
        ...(this.hardStateDirty ? { hardState: this.hardState() } : {}),
      };
    }
    this.snapshotDirty = null;
    this.unstableFrom = Infinity;
    this.hardStateDirty = false;
    const ready = { persist, messages: this.outbox, events: this.events };
    this.outbox = [];
    this.events = [];
    return ready;
  }

  /** When the driver must next call tick(). */
  nextDeadline(): number {
    if (this.role === 'leader') {
      return Math.min(this.heartbeatDeadline, this.config.features.checkQuorum ? this.quorumCheckDeadline : Infinity,
        this.transferee !== null ? this.transferDeadline : Infinity);
    }
    if (this.role === 'candidate' || this.preCandidate) return Math.min(this.electionDeadline, this.heartbeatDeadline);
    return this.electionDeadline;
  }

  /** The next snapshot or committed entry to apply, or null when the state machine is current. */
  nextToApply(): ApplyItem<C> | null {
    if (this.pendingRestore) return { kind: 'snapshot', snapshot: this.pendingRestore };
    if (this.lastApplied >= this.commitIndex) return null;
    const index = this.lastApplied + 1;
    return { kind: 'entry', index, entry: this.log.entryAt(index) };
  }

  /** The state machine took the item nextToApply() returned. */
  applied(item: ApplyItem<C>): void {
    if (item.kind === 'snapshot') {
      this.pendingRestore = null;
      this.lastApplied = item.snapshot.lastIncludedIndex;
    } else {
      this.lastApplied = item.index;
    }
  }

  // ---- shared helpers for the rule modules --------------------------------------------------

  hardState(): HardState {
    return { term: this.term, votedFor: this.votedFor, ...(this.recovering ? { recovering: true } : {}) };
  }

  becomeFollower(term: number, leaderId: NodeId | null, reason: string, cause?: RaftEvent['cause']): void {
    const wasFollower = this.role === 'follower' && !this.preCandidate;
    const wasLeader = this.role === 'leader';
    if (term > this.term) {
      this.term = term;
      this.votedFor = null;
      this.hardStateDirty = true;
    }
    if (this.role !== 'follower') this.trace('becameFollower', reason, cause ? { cause } : {});
    if (wasLeader) failPendingReads(this, `node ${this.id} stopped leading before it could confirm the read`);
    this.role = 'follower';
    this.preCandidate = false;
    this.transferee = null;
    this.leaderId = leaderId;
    this.votes.clear();
    this.progress.clear();
    this.heartbeatDeadline = Infinity;
    // A leader or candidate stepping down draws a follower's timeout, not its candidate deadline.
    if (!wasFollower) this.resetElectionTimer();
  }

  /** The leader of the current term spoke (AppendEntries, InstallSnapshot): follow it (§5.2). */
  heardFromLeader(leaderId: NodeId): void {
    this.leaderId = leaderId;
    this.lastLeaderContact = this.now;
    this.preCandidate = false;
    this.heartbeatDeadline = Infinity;
    this.resetElectionTimer();
  }

  /** Figure 2 "Followers": wait a fresh random timeout for a leader or a candidate we voted for. */
  resetElectionTimer(): void {
    const t = this.config.timing;
    this.electionDeadline = this.now + this.prng.between(t.electionTimeoutMinMs, t.electionTimeoutMaxMs);
  }

  voteFor(candidate: NodeId): void {
    this.votedFor = candidate;
    this.hardStateDirty = true;
  }

  markHardStateDirty(): void {
    this.hardStateDirty = true;
  }

  /** Entries from `index` on changed in memory and are not yet durable. */
  markLogDirtyFrom(index: number): void {
    if (index < this.unstableFrom) this.unstableFrom = index;
    if (index - 1 < this.stableIndex) this.stableIndex = index - 1;
  }

  saveSnapshot(snapshot: Snapshot): void {
    this.snapshot = snapshot;
    this.snapshotDirty = snapshot;
  }

  /** An AppendEntries to one peer now (a read's heartbeat round); a peer waiting for a snapshot is skipped. */
  sendHeartbeatTo(peer: NodeId): void {
    if (this.progress.get(peer)!.nextIndex > this.log.snapshotIndex) sendAppend(this, peer);
  }

  send(message: Message<C>): void {
    this.outbox.push(message);
  }

  /** §5.3/§5.4.2: commit the highest index stored on a majority, if it is from the current term. */
  advanceCommit(): void {
    const matches = [Math.min(this.stableIndex, this.log.lastIndex)];
    for (const progress of this.progress.values()) matches.push(progress.matchIndex);
    matches.sort((a, b) => b - a);
    const candidate = matches[this.quorum - 1]!;
    const currentTerm = this.log.termAt(candidate) === this.term || this.config.bugs.commitPreviousTermByCount;
    if (candidate > this.commitIndex && currentTerm) {
      this.commitIndex = candidate;
      this.trace('committed', `entries through ${candidate} are on a majority and ${candidate} is from the current term (§5.3, §5.4.2)`, { index: candidate });
      if (this.pendingReads.length > 0) startWaitingReads(this);
    }
  }

  trace(kind: RaftEventKind, text: string, extra: { peer?: NodeId; index?: number; cause?: RaftEvent['cause'] } = {}): void {
    if (this.config.trace) this.events.push({ kind, node: this.id, term: this.term, text, ...extra });
  }
}
