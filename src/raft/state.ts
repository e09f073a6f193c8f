import type { RaftConfig } from './config';
import type { RaftEvent, RaftEventKind } from './events';
import { RaftLog, type ReadonlyRaftLog } from './log';
import type { Message } from './messages';
import { Prng } from './prng';
import type { Entry, HardState, Membership, NodeId, PersistBatch, PersistedState, Snapshot } from './types';
import { allVoters, everyMember, isVoter, MembershipLog, quorumValue, sameMembership } from './membership';
import { membershipCommitted, startCatchUp, type CatchUp } from './reconfig';
import { failPendingReads, startWaitingReads, type PendingRead, type ReadState } from './reads';
import { sendAppend } from './replication';

export type Role = 'follower' | 'candidate' | 'leader';

/** A leader's view of one follower (Figure 2 "Volatile state on leaders"). */
export interface Progress {
  nextIndex: number;
  matchIndex: number;
  /** An AppendEntries or InstallSnapshot is out and unanswered: wait before sending more. */
  inflight: boolean;
}

/** What a CoreState is built from: the node, its cluster and what survived on its disk. */
export interface StateInit<C> {
  readonly id: NodeId;
  /**
   * The cluster's initial voters, this one included (the configuration in force until the log or a
   * snapshot holds another, thesis §4.1). Empty for a server that joins a running cluster: it knows
   * no configuration, so it never campaigns, until the leader's entries or snapshot bring one.
   */
  readonly members: readonly NodeId[];
  readonly config: RaftConfig;
  readonly seed: number;
  readonly now: number;
  readonly persisted?: PersistedState<C>;
}

/**
 * The state of one Raft server, as the rule modules (election.ts, replication.ts, snapshot.ts, …)
 * see it. Only RaftCore holds one; nothing outside src/raft can reach it.
 *
 * The durable part — Figure 2's currentTerm, votedFor and log[], Figure 13's snapshot, and the
 * recovery mark — is readable here but changes only through the methods below (setTerm,
 * recordVote, appendEntry, truncateFrom, compactLog, installSnapshot, clearRecovering). Each marks
 * what it changed dirty, so the next Ready persists it before any message that depends on it
 * leaves (thesis §3.8): a new rule cannot forget to persist. The volatile fields are plain.
 *
 * Invariants: lastApplied <= commitIndex <= log.lastIndex; stableIndex <= log.lastIndex.
 */
export class CoreState<C> {
  readonly id: NodeId;
  config: RaftConfig;
  readonly prng: Prng;

  // Figure 2, persistent state on all servers (changed only by the methods that mark it dirty).
  #term: number;
  #votedFor: NodeId | null;
  readonly #log: RaftLog<C>;
  /** The latest snapshot (Figure 13), kept to send to lagging followers. */
  #snapshot: Snapshot | null;
  /** Lost its storage and has not caught up since: no votes, no campaigns (recovery.ts). Durable. */
  #recovering: boolean;
  /** The configurations the log and snapshot hold; the latest is in force (thesis §4.1). Follows the log. */
  #membership: MembershipLog;
  /** `peers` for the configuration it was computed from. */
  #peersOf: { readonly membership: Membership; readonly peers: readonly NodeId[] } | null = null;

  // What the next Ready must persist.
  #hardStateDirty = false;
  /** Entries from this index on changed in memory since the last Ready. */
  #unstableFrom = Infinity;
  #snapshotDirty: Snapshot | null = null;
  /** Highest index such that log[1..stableIndex] is known durable. */
  #stableIndex: number;

  // Figure 2, volatile state.
  role: Role = 'follower';
  leaderId: NodeId | null = null;
  commitIndex: number;
  lastApplied: number;
  /** A snapshot received by InstallSnapshot that the state machine has yet to load. */
  pendingRestore: Snapshot | null;
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
  /** Confirmed and failed reads, for the node to serve (RaftCore.takeReads()). */
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
  /** Leader: each learner's catch-up round (thesis §4.2.1, reconfig.ts). */
  catchUp = new Map<NodeId, CatchUp>();

  #outbox: Message<C>[] = [];
  #events: RaftEvent[] = [];

  /** From what a node starts with; or, given another CoreState, an exact and independent copy of it. */
  constructor(init: StateInit<C> | CoreState<C>) {
    if (init instanceof CoreState) {
      this.id = init.id;
      this.prng = init.prng.copy();
      this.#term = init.#term;
      this.#votedFor = init.#votedFor;
      this.#log = new RaftLog(init.#log.snapshotIndex, init.#log.snapshotTerm, init.#log.lastIndex > init.#log.snapshotIndex ? init.#log.slice(init.#log.firstIndex, init.#log.lastIndex + 1) : []);
      this.#snapshot = init.#snapshot;
      this.#recovering = init.#recovering;
      this.#membership = init.#membership.copy();
      this.#hardStateDirty = init.#hardStateDirty;
      this.#unstableFrom = init.#unstableFrom;
      this.#snapshotDirty = init.#snapshotDirty;
      this.#stableIndex = init.#stableIndex;
      this.#outbox = [...init.#outbox];
      this.#events = [...init.#events];
      this.config = init.config;
      this.commitIndex = init.commitIndex;
      this.lastApplied = init.lastApplied;
      this.pendingRestore = init.pendingRestore;
      this.now = init.now;
      copyFields(init, this);
      return;
    }
    this.id = init.id;
    this.config = init.config;
    this.prng = new Prng(init.seed);
    this.now = init.now;
    const persisted = init.persisted;
    this.#term = persisted?.hardState.term ?? 0;
    this.#votedFor = init.config.bugs.forgetVoteOnRestart ? null : (persisted?.hardState.votedFor ?? null);
    this.#recovering = persisted?.hardState.recovering === true;
    this.#snapshot = persisted?.snapshot ?? null;
    this.#log = new RaftLog(this.#snapshot?.lastIncludedIndex ?? 0, this.#snapshot?.lastIncludedTerm ?? 0, persisted?.entries ?? []);
    this.#membership = new MembershipLog(allVoters(init.members), this.#snapshot, persisted?.entries ?? []);
    // A restarted node knows only that its snapshot is committed; commitIndex is volatile (Figure 2).
    this.commitIndex = this.#log.snapshotIndex;
    this.lastApplied = 0;
    this.pendingRestore = this.#snapshot;
    this.#stableIndex = this.#log.lastIndex;
    this.lastLeaderContact = init.now; // see inLeaderLease (lease.ts)
    this.resetElectionTimer();
  }

  // ---- durable state: read freely, change only through the methods that mark it dirty -------

  get term(): number { return this.#term; }
  get votedFor(): NodeId | null { return this.#votedFor; }
  get recovering(): boolean { return this.#recovering; }
  get snapshot(): Snapshot | null { return this.#snapshot; }
  get log(): ReadonlyRaftLog<C> { return this.#log; }
  get stableIndex(): number { return this.#stableIndex; }
  /** The configuration in force: the latest in the log, committed or not (thesis §4.1). */
  get membership(): Membership { return this.#membership.current; }
  /** The index of the entry that set it (the snapshot's index when the log holds none). */
  get membershipIndex(): number { return this.#membership.currentIndex; }
  /** The configuration as of `index` (Figure 13's last config for a snapshot through `index`). */
  membershipAt(index: number): Membership { return this.#membership.at(index); }
  /** The index of the entry that set the configuration as of `index`. */
  membershipIndexAt(index: number): number { return this.#membership.indexAt(index); }

  /** Figure 2: a new currentTerm starts with no vote cast in it. */
  setTerm(term: number): void {
    this.#term = term;
    this.#votedFor = null;
    this.#hardStateDirty = true;
  }

  /** Figure 2 RequestVote 2: the vote must be durable before the reply that grants it leaves (§3.8). */
  recordVote(candidate: NodeId): void {
    this.#votedFor = candidate;
    this.#hardStateDirty = true;
  }

  /** recovery.ts: caught up after losing storage; durable before anything else leaves. */
  clearRecovering(): void {
    this.#recovering = false;
    this.#hardStateDirty = true;
  }

  /** Append one entry at the end of the log; it is durable once a Ready persists it. */
  appendEntry(entry: Entry<C>): number {
    const index = this.#log.append(entry);
    this.#markLogDirtyFrom(index);
    if (entry.kind === 'config') this.#changeMembership(() => this.#membership.appended(index, entry));
    return index;
  }

  /** Figure 2, AppendEntries 3: delete the entry at `index` and all that follow it. */
  truncateFrom(index: number): void {
    this.#log.truncateFrom(index);
    this.#markLogDirtyFrom(index);
    this.#changeMembership(() => this.#membership.truncatedFrom(index));
  }

  /** §7: the entries through the snapshot's last index are replaced by it; what follows stays. */
  compactLog(snapshot: Snapshot): void {
    this.#log.compactThrough(snapshot.lastIncludedIndex, snapshot.lastIncludedTerm);
    this.#membership.compactedThrough(snapshot.lastIncludedIndex);
    this.#saveSnapshot(snapshot);
  }

  /**
   * Figure 13 receiver steps 5–8: save the snapshot; 6. if an entry has its last index and term,
   * keep the entries after it, 7. else discard the entire log; 8. the state machine loads it next.
   */
  installSnapshot(snapshot: Snapshot): void {
    const { lastIncludedIndex: index, lastIncludedTerm: term } = snapshot;
    if (this.#log.termAt(index) === term) {
      this.#log.compactThrough(index, term);
      this.#membership.compactedThrough(index);
    } else {
      this.#log.resetToSnapshot(index, term);
      this.#markLogDirtyFrom(index + 1);
      this.#changeMembership(() => this.#membership.resetTo(snapshot));
    }
    this.#saveSnapshot(snapshot);
    this.pendingRestore = snapshot;
  }

  /**
   * The configuration in force may change with the log (thesis §4.1: in effect as soon as
   * appended, and gone with a deleted entry): a leader replicates to exactly its members.
   */
  #changeMembership(change: () => void): void {
    const before = this.#membership.current;
    change();
    if (!sameMembership(before, this.#membership.current) && this.role === 'leader') this.syncProgress();
  }

  /**
   * Leader: progress for every member but itself and no one else. A new member is sent the entry
   * that added it at once (nextIndex at our last entry); it backs up from there as any follower (§5.3).
   */
  syncProgress(): void {
    const members = this.peers;
    for (const peer of members) {
      if (this.progress.has(peer)) continue;
      this.progress.set(peer, { nextIndex: Math.max(this.#log.lastIndex, this.#log.snapshotIndex + 1), matchIndex: 0, inflight: false });
      if (!isVoter(this.#membership.current, peer)) startCatchUp(this, peer);
    }
    for (const peer of [...this.progress.keys()]) {
      if (members.includes(peer)) continue;
      this.progress.delete(peer);
      this.heardFrom.delete(peer);
      this.ackedSeq.delete(peer);
      this.catchUp.delete(peer);
      if (this.transferee === peer) this.transferee = null;
    }
  }

  #saveSnapshot(snapshot: Snapshot): void {
    this.#snapshot = snapshot;
    this.#snapshotDirty = snapshot;
  }

  /** Entries from `index` on changed in memory and are not yet durable. */
  #markLogDirtyFrom(index: number): void {
    if (index < this.#unstableFrom) this.#unstableFrom = index;
    if (index - 1 < this.#stableIndex) this.#stableIndex = index - 1;
  }

  hardState(): HardState {
    return { term: this.#term, votedFor: this.#votedFor, ...(this.#recovering ? { recovering: true } : {}) };
  }

  /** What the next Ready must make durable, or null; clears the dirty marks. */
  takePersist(): PersistBatch<C> | null {
    let persist: PersistBatch<C> | null = null;
    if (this.#snapshotDirty || this.#unstableFrom !== Infinity || this.#hardStateDirty) {
      const from = Math.max(this.#unstableFrom, this.#log.snapshotIndex + 1);
      persist = {
        ...(this.#snapshotDirty ? { snapshot: this.#snapshotDirty } : {}),
        ...(this.#unstableFrom !== Infinity
          ? { entries: { fromIndex: from, entries: this.#log.slice(from, this.#log.lastIndex + 1) } }
          : {}),
        ...(this.#hardStateDirty ? { hardState: this.hardState() } : {}),
      };
    }
    this.#snapshotDirty = null;
    this.#unstableFrom = Infinity;
    this.#hardStateDirty = false;
    return persist;
  }

  /** Messages and trace events since the last call. */
  takeOutput(): { messages: Message<C>[]; events: RaftEvent[] } {
    const output = { messages: this.#outbox, events: this.#events };
    this.#outbox = [];
    this.#events = [];
    return output;
  }

  /**
   * A batch from takePersist() is durable. An entry counts only if the batch wrote the
   * (index, term) the log holds now: an entry rewritten after the batch was made (Figure 2,
   * AppendEntries 3) is durable only once its own batch is.
   */
  notePersisted(batch: PersistBatch<C>): void {
    if (batch.entries) this.#stableIndex = this.#durableThrough(batch.entries);
  }

  #durableThrough(written: NonNullable<PersistBatch<C>['entries']>): number {
    const { fromIndex, entries } = written;
    const log = this.#log;
    if (fromIndex > this.#stableIndex + 1) return this.#stableIndex; // would leave a gap: not a prefix
    const limit = Math.min(fromIndex + entries.length - 1, this.#unstableFrom - 1, log.lastIndex);
    let stable = this.#stableIndex;
    for (let index = stable + 1; index <= limit; index++) {
      // Compacted entries are committed: their term can no longer change (§5.4.3, §7).
      if (index > log.snapshotIndex && log.termAt(index) !== entries[index - fromIndex]!.term) break;
      stable = index;
    }
    return stable;
  }

  /** The model checker's restore (RaftCore.restore): volatile facts a constructor cannot know. */
  restoreDurable(votedFor: NodeId | null, recovering: boolean, stableIndex: number): void {
    this.#votedFor = votedFor;
    this.#recovering = recovering;
    this.#stableIndex = stableIndex;
  }

  // ---- shared helpers for the rule modules --------------------------------------------------

  /** Everyone else in the configuration in force, voters and learners: whom a leader replicates to. */
  get peers(): readonly NodeId[] {
    const membership = this.#membership.current;
    // Read on every heartbeat and append: computed once per configuration.
    if (this.#peersOf?.membership !== membership) this.#peersOf = { membership, peers: everyMember(membership).filter((id) => id !== this.id) };
    return this.#peersOf.peers;
  }

  /** Voters in the configuration in force (C_new's while joint): for explanations; decisions use hasQuorum. */
  get clusterSize(): number {
    return this.#membership.current.voters.length;
  }

  /** A majority of clusterSize: for explanations; decisions use hasQuorum and quorumValue (membership.ts). */
  get quorum(): number {
    return Math.floor(this.clusterSize / 2) + 1;
  }

  /** This node votes in the configuration in force (thesis §4.1). */
  get isVoter(): boolean {
    return isVoter(this.#membership.current, this.id);
  }

  /**
   * This node stands for election when its timer fires: it votes in the configuration in force, or
   * in the latest one it knows committed. The second covers a server whose log holds its own
   * removal, not yet committed: it may hold the only up-to-date log, and the cluster may need it
   * to lead until that removal commits (thesis §4.2.2). A learner, a server that knows no
   * configuration yet, and one whose removal it knows committed never campaign.
   */
  get mayCampaign(): boolean {
    return this.isVoter || isVoter(this.#membership.at(this.commitIndex), this.id);
  }

  becomeFollower(term: number, leaderId: NodeId | null, reason: string, cause?: RaftEvent['cause']): void {
    const wasFollower = this.role === 'follower' && !this.preCandidate;
    const wasLeader = this.role === 'leader';
    if (term > this.#term) this.setTerm(term);
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

  /** An AppendEntries to one peer now (a read's heartbeat round); a peer waiting for a snapshot is skipped. */
  sendHeartbeatTo(peer: NodeId): void {
    if (this.progress.get(peer)!.nextIndex > this.#log.snapshotIndex) sendAppend(this, peer);
  }

  send(message: Message<C>): void {
    this.#outbox.push(message);
  }

  /** §5.3/§5.4.2: commit the highest index stored on a majority, if it is from the current term. */
  advanceCommit(): void {
    // A quorum of the configuration in force (thesis §4.1), the leader counted only if it votes in it (§4.2.2).
    const ownMatch = Math.min(this.#stableIndex, this.#log.lastIndex);
    const candidate = quorumValue(this.#membership.current, (id) => (id === this.id ? ownMatch : this.progress.get(id)?.matchIndex ?? 0));
    const currentTerm = this.#log.termAt(candidate) === this.#term || this.config.bugs.commitPreviousTermByCount;
    if (candidate > this.commitIndex && currentTerm) {
      this.commitIndex = candidate;
      this.trace('committed', `entries through ${candidate} are on a majority and ${candidate} is from the current term (§5.3, §5.4.2)`, { index: candidate });
      if (this.pendingReads.length > 0) startWaitingReads(this);
      membershipCommitted(this);
    }
  }

  trace(kind: RaftEventKind, text: string, extra: { peer?: NodeId; index?: number; cause?: RaftEvent['cause']; preVote?: true } = {}): void {
    if (this.config.trace) this.#events.push({ kind, node: this.id, term: this.#term, text, ...extra });
  }
}

/**
 * Every public field of a CoreState, and how a copy takes it over: deeply enough that the two cores
 * never share anything either one changes (entries, messages, snapshots and configs are values and
 * are shared). A field added to CoreState and not listed here fails the first copy loudly.
 */
const COPY_FIELD: Record<string, ((value: never) => unknown) | null> = {
  // Set by the copy constructor itself (readonly, or needed before this runs).
  id: null, prng: null, config: null, commitIndex: null, lastApplied: null, pendingRestore: null, now: null,
  role: same, leaderId: same, recoveryTarget: same, electionDeadline: same, heartbeatDeadline: same, lastLeaderContact: same,
  preCandidate: same, transferCampaign: same, quorumCheckDeadline: same, heartbeatSeq: same, leaseNotBefore: same,
  transferee: same, transferDeadline: same,
  votes: (set: Set<NodeId>) => new Set(set),
  voteAnswers: (set: Set<NodeId>) => new Set(set),
  heardFrom: (set: Set<NodeId>) => new Set(set),
  progress: (map: Map<NodeId, Progress>) => new Map([...map].map(([peer, p]) => [peer, { ...p }])),
  roundSentAt: (map: Map<number, number>) => new Map(map),
  ackedSeq: (map: Map<NodeId, number>) => new Map(map),
  catchUp: (map: Map<NodeId, CatchUp>) => new Map([...map].map(([peer, round]) => [peer, { ...round }])),
  pendingReads: (reads: PendingRead[]) => reads.map((read) => ({ ...read })),
  readStates: (list: ReadState[]) => [...list],
  failedReads: (list: { id: number; reason: string }[]) => [...list],
};

function copyFields<C>(from: CoreState<C>, to: CoreState<C>): void {
  const target = to as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(from)) {
    const copy = COPY_FIELD[key];
    if (copy === undefined) throw new Error(`CoreState's copy does not know the field ${key}: add it to COPY_FIELD (src/raft/state.ts)`);
    if (copy !== null) target[key] = copy(value as never);
  }
}

function same(value: never): unknown {
  return value;
}
