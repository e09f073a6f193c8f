/**
 * Timing and batching knobs. Defaults are the lab handout's: heartbeat every 150 ms, a follower
 * starts an election after 300–500 ms without hearing from a leader, a candidate retries after about
 * 1 s. Each election draws a fresh timeout from the node's seeded PRNG (§5.2: "randomized election
 * timeouts").
 */
export interface RaftTiming {
  readonly heartbeatMs: number;
  readonly electionTimeoutMinMs: number;
  readonly electionTimeoutMaxMs: number;
  readonly candidateTimeoutMinMs: number;
  readonly candidateTimeoutMaxMs: number;
}

/**
 * Deliberate protocol bugs, for teaching and for proving the checkers can fail. All off by default.
 * The driver-level one (acknowledge before persisting) lives in the drivers.
 */
export interface BugSwitches {
  /** Restart with votedFor = null: a node can vote twice in one term (breaks Figure 2's persistent votedFor). */
  readonly forgetVoteOnRestart: boolean;
  /** Commit an earlier-term entry once it is on a majority (the Figure 8 mistake §5.4.2 forbids). */
  readonly commitPreviousTermByCount: boolean;
  /** Grant votes without the §5.4.1 up-to-date check. */
  readonly grantVoteWithoutUpToDate: boolean;
  /**
   * Answer an AppendEntries whose prevLogIndex lies below the follower's snapshot with a conflict
   * at the snapshot (comparing the snapshot's term with an older index's term): the leader discards
   * that answer as stale and resends the same request forever, stranding the follower.
   */
  readonly conflictBelowSnapshot: boolean;
  /** A node that lost its storage votes and campaigns at once instead of recovering first. */
  readonly wipedNodeVotes: boolean;
  /**
   * A pre-candidate raises its own term for each round of pre-votes, as a real candidate does
   * (thesis §9.6 forbids it): a node cut off keeps raising its term, and its first reply after the
   * partition heals deposes the leader — the disruption PreVote exists to prevent.
   */
  readonly preVoteBumpsTerm: boolean;
  /** A new leader answers a ReadIndex read before an entry of its term has committed (thesis §6.4 step 1). */
  readonly readIndexBeforeTermCommit: boolean;
  /** Lease reads without CheckQuorum's §4.2.3 lease on the voters: a deposed leader serves stale reads (§6.4.1). */
  readonly leaseWithoutCheckQuorum: boolean;
}

/**
 * Bugs in membership change (thesis §4), apart from BugSwitches so that the lists built from
 * NO_BUGS (the page's bug menu, the model checker's bugs) stay as they are until they describe
 * these too. Absent means off.
 */
export interface MembershipBugSwitches {
  /**
   * A new leader changes membership before an entry of its own term has committed: the
   * single-server change bug (thesis §4.4, raft-dev 2015): two changes decided in overlapping
   * terms can have disjoint majorities, and a committed entry is lost.
   */
  readonly configChangeBeforeTermCommit: boolean;
}

export const NO_MEMBERSHIP_BUGS: MembershipBugSwitches = { configChangeBeforeTermCommit: false };

export const NO_BUGS: BugSwitches = {
  forgetVoteOnRestart: false,
  commitPreviousTermByCount: false,
  grantVoteWithoutUpToDate: false,
  conflictBelowSnapshot: false,
  wipedNodeVotes: false,
  preVoteBumpsTerm: false,
  readIndexBeforeTermCommit: false,
  leaseWithoutCheckQuorum: false,
};

/**
 * Mechanisms the systems people run add to the paper's Raft (etcd, hashicorp/raft, TiKV). All off in
 * the lab's profile, whose 21 tests assume the bare paper.
 */
export interface RaftFeatures {
  /**
   * No-op on election (§8 of the paper; thesis §6.4): a new leader appends an empty entry of its
   * term at once. Committing it commits every earlier entry with it (§5.4.2), so entries a deposed
   * leader left on a majority commit without waiting for a client's next write, and the leader
   * learns its commit index is current — which ReadIndex waits for.
   */
  readonly noopOnElection: boolean;
  /**
   * PreVote (thesis §9.6): before raising its term, a node asks whether it could win; a node
   * that could not (a rejoining partitioned one, say) no longer bumps the term and deposes a leader.
   * Voters refuse a pre-vote while they hear from a current leader (§4.2.3).
   */
  readonly preVote: boolean;
  /**
   * CheckQuorum (thesis §6.2): a leader that has not heard from a majority within an election
   * timeout steps down; voters ignore RequestVote while they hear from a current leader (§4.2.3).
   */
  readonly checkQuorum: boolean;
  /**
   * Leadership transfer (thesis §3.10): on request the leader stops taking proposals, brings the
   * chosen follower up to date, then tells it to campaign at once (TimeoutNow); it gives up after an
   * election timeout.
   */
  readonly leadershipTransfer: boolean;
  /**
   * ReadIndex (thesis §6.4): a read is answered without a log entry — the leader records its commit
   * index, confirms it still leads with a round of heartbeats, waits until it has applied that far,
   * then answers. It waits first for an entry of its own term to commit.
   */
  readonly readIndex: boolean;
  /**
   * Lease reads (thesis §6.4.1): with CheckQuorum, a leader answers reads at once while its lease
   * holds — an election timeout, divided by the clock-drift bound, from when it sent the heartbeats
   * a majority answered.
   */
  readonly leaseReads: boolean;
}

export const LAB_FEATURES: RaftFeatures = { noopOnElection: false, preVote: false, checkQuorum: false, leadershipTransfer: false, readIndex: false, leaseReads: false };
export const PRODUCTION_FEATURES: RaftFeatures = { noopOnElection: true, preVote: true, checkQuorum: true, leadershipTransfer: true, readIndex: true, leaseReads: true };

/** The named presets: "The lab's Raft" (the paper, as the lab's tests expect) and "Production Raft". */
export const RAFT_PROFILES = { lab: LAB_FEATURES, production: PRODUCTION_FEATURES } as const;
export type RaftProfileName = keyof typeof RAFT_PROFILES;

/**
 * The highest term a node will enter. Terms are bounded so that term + 1 never passes
 * Number.MAX_SAFE_INTEGER: a node at MAX_TERM stops campaigning, and a message or stored record
 * with a higher term is malformed. 2^48 elections is ~8,900 years at one election a millisecond.
 */
export const MAX_TERM = 2 ** 48;

export interface RaftConfig {
  readonly bugs: BugSwitches & Partial<MembershipBugSwitches>;
  readonly features: RaftFeatures;
  readonly timing: RaftTiming;
  /** Most entries one AppendEntries carries. */
  readonly maxEntriesPerMessage: number;
  /** Collect explanatory trace events (for the visualizer and test traces). */
  readonly trace: boolean;
  /**
   * Automatic log compaction (§7): once this many applied entries sit after the snapshot, the node
   * snapshots its state machine. Null: only when asked (the lab's saveSnapshot()).
   */
  readonly autoCompactEntries: number | null;
  /** Lease reads: how far apart two servers' clocks may run (1.1: one may count time 10% faster). */
  readonly clockDriftBound: number;
}

export const DEFAULT_TIMING: RaftTiming = {
  heartbeatMs: 150,
  electionTimeoutMinMs: 300,
  electionTimeoutMaxMs: 500,
  candidateTimeoutMinMs: 1000,
  candidateTimeoutMaxMs: 1200,
};

export const DEFAULT_CONFIG: RaftConfig = {
  bugs: NO_BUGS,
  features: LAB_FEATURES,
  timing: DEFAULT_TIMING,
  maxEntriesPerMessage: 4096,
  trace: false,
  autoCompactEntries: null,
  clockDriftBound: 1.1,
};

export type ConfigOverrides = Partial<Omit<RaftConfig, 'timing' | 'bugs' | 'features'>>
  & { timing?: Partial<RaftTiming>; bugs?: Partial<BugSwitches & MembershipBugSwitches>; features?: Partial<RaftFeatures> };

export function makeConfig(overrides: ConfigOverrides = {}): RaftConfig {
  const timing = { ...DEFAULT_TIMING, ...overrides.timing };
  const bugs = { ...NO_BUGS, ...overrides.bugs };
  const features = { ...LAB_FEATURES, ...overrides.features };
  const config = { ...DEFAULT_CONFIG, ...overrides, timing, bugs, features };
  validateConfig(config);
  return config;
}

/** Reject timings under which Raft cannot keep a stable leader (§5.6: broadcastTime ≪ electionTimeout). */
export function validateConfig(config: RaftConfig): void {
  const t = config.timing;
  const problems: string[] = [];
  if (!(t.heartbeatMs > 0)) problems.push(`heartbeatMs must be > 0 (got ${t.heartbeatMs})`);
  if (!(t.electionTimeoutMinMs > t.heartbeatMs)) {
    problems.push(`electionTimeoutMinMs (${t.electionTimeoutMinMs}) must exceed heartbeatMs (${t.heartbeatMs})`);
  }
  if (!(t.electionTimeoutMaxMs >= t.electionTimeoutMinMs)) problems.push('electionTimeoutMaxMs must be >= electionTimeoutMinMs');
  if (!(t.candidateTimeoutMinMs > 0)) problems.push('candidateTimeoutMinMs must be > 0');
  if (!(t.candidateTimeoutMaxMs >= t.candidateTimeoutMinMs)) problems.push('candidateTimeoutMaxMs must be >= candidateTimeoutMinMs');
  if (!(config.maxEntriesPerMessage >= 1)) problems.push('maxEntriesPerMessage must be >= 1');
  if (!(config.clockDriftBound >= 1)) problems.push(`clockDriftBound must be >= 1 (got ${config.clockDriftBound})`);
  const compact = config.autoCompactEntries;
  if (compact !== null && !(Number.isInteger(compact) && compact >= 1)) problems.push(`autoCompactEntries must be null or an integer >= 1 (got ${compact})`);
  if (problems.length > 0) throw new RangeError(`invalid Raft config: ${problems.join('; ')}`);
}
