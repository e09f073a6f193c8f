import { makeConfig, NO_BUGS, type BugSwitches, type RaftConfig, type RaftFeatures } from '../raft/config';
import { BUG_NEEDS } from '../shared/bugs';
import type { NodeId } from '../raft/types';
import { Memo } from './memo';

/** How far the search may go (TLC's state constraints): every budget is for the whole run. */
export interface Bounds {
  readonly nodes: number;
  /** No election timer fires on a node already at this term. */
  readonly maxTerm: number;
  /** No proposal lengthens a leader's log past this. */
  readonly maxLog: number;
  /** States with more messages in flight (on the network or held behind a write) are not explored. */
  readonly maxInflight: number;
  readonly crashes: number;
  /** Disks lost whole: the node restarts empty and recovering (src/raft/recovery.ts), as chaos's wipe does. */
  readonly wipes: number;
  readonly drops: number;
  readonly duplicates: number;
  readonly proposals: number;
  /**
   * Election timers fired, in all (unbounded when absent: the term bound limits them). A budget that
   * suits deep scenarios: Figure 8 (§5.4.2) needs four elections, and a search that may not spend a
   * fifth explores far fewer orders. A trace found within it is a real trace all the same.
   */
  readonly elections?: number;
  /** Heartbeat timers fired by leaders, in all (unbounded when absent); a new leader's first round is free. */
  readonly heartbeats?: number;
  /**
   * Client reads without the log (ReadIndex, thesis §6.4), in all (none when absent). With reads the
   * model runs the production profile's read path (READ_PATH) and the key-value store with its
   * clients, so a stale read is a linearizability violation. A heartbeat budget is then required:
   * each round numbers itself (`seq`), and unbounded rounds would be unbounded states.
   */
  readonly reads?: number;
  /**
   * Snapshots taken, in all (none when absent): a node replaces its applied log with a snapshot
   * (§7), as RaftNode.saveSnapshot does. The model's nodes hold no state machine without the
   * key-value store, so a snapshot's data is empty; with it, compaction is not modelled.
   */
  readonly compactions?: number;
}

export const DEFAULT_BOUNDS: Bounds = {
  nodes: 3, maxTerm: 2, maxLog: 1, maxInflight: 3, crashes: 0, wipes: 0, drops: 0, duplicates: 0, proposals: 1,
};

/** The core's bug switches, plus the driver's own: acknowledging before persisting (thesis §3.8). */
export type BugName = keyof BugSwitches | 'ackBeforePersist';

export const BUG_NAMES: readonly BugName[] = [...Object.keys(NO_BUGS) as (keyof BugSwitches)[], 'ackBeforePersist'];

/** Everything a step needs besides the state: fixed for a whole search. */
export interface ModelContext {
  readonly bounds: Bounds;
  readonly members: readonly NodeId[];
  readonly config: RaftConfig;
  /** The driver-level bug: a Ready's messages leave before its batch is durable. */
  readonly ackBeforePersist: boolean;
  /**
   * Write each Ready's batch within the step that made it, instead of in a persist step of its own.
   * A reduction, on by default when nothing can crash and acknowledgements wait for the disk: the
   * disk is then never read back, so a later write only delays the messages it holds (as a slow
   * network may) and the leader's own count towards a commit (§5.3), which a slower follower's
   * acknowledgement delays alike. With crashes, or ackBeforePersist, the order is explored.
   */
  readonly atomicPersist: boolean;
  /**
   * Interned node states and messages, and the memo of node steps (memo.ts): it grows as the
   * search runs but changes no result. check() gives each search a fresh one (withFreshMemo).
   */
  readonly memo: Memo;
  /** Model the key-value store and its clients (clients.ts): proposals are KV operations, answered, and checked for linearizability. */
  readonly kv: boolean;
}

/**
 * With reads, the production profile's read path: ReadIndex (thesis §6.4) and the no-op a new
 * leader appends so that an entry of its term commits soon (§8; §6.4 step 1 waits for one). Lease
 * reads stay off (they need real time, which the model keeps abstract), and so do PreVote,
 * CheckQuorum and leadership transfer, which reads do not need.
 */
export const READ_PATH = { readIndex: true, noopOnElection: true } as const;

/**
 * The lab profile (the paper's Raft) with at most one bug switched on, and the mechanism that bug
 * is in (shared/bugs.ts BUG_NEEDS: PreVote for preVoteBumpsTerm); with reads, the read path too.
 * `features` turns mechanisms on without a bug (to check the correct core with them).
 */
export function makeContext(bounds: Bounds, bug: BugName | null = null, options: { atomicPersist?: boolean; kv?: boolean; features?: Partial<RaftFeatures> } = {}): ModelContext {
  const coreBug = bug !== null && bug !== 'ackBeforePersist' ? { [bug]: true } : {};
  const ackBeforePersist = bug === 'ackBeforePersist';
  const reads = (bounds.reads ?? 0) > 0;
  const features = { ...options.features, ...(bug ? BUG_NEEDS[bug] : {}), ...(reads ? READ_PATH : {}) };
  if (reads && options.kv === false) throw new Error('model: reads are client operations: they need the key-value store (kv)');
  if (features.readIndex && bounds.heartbeats === undefined) throw new Error('model: ReadIndex numbers heartbeat rounds: give a heartbeat budget');
  return {
    bounds,
    members: Array.from({ length: bounds.nodes }, (_, id) => id),
    config: makeConfig({ bugs: coreBug, features }),
    ackBeforePersist,
    atomicPersist: options.atomicPersist ?? (bounds.crashes === 0 && bounds.wipes === 0 && !ackBeforePersist),
    memo: new Memo(bounds.nodes),
    kv: options.kv ?? reads,
  };
}

/** The same context with an empty memo: each search starts cold, so runs are alike and measurable. */
export function withFreshMemo(context: ModelContext): ModelContext {
  return { ...context, memo: new Memo(context.bounds.nodes) };
}

/** The same search, with the core's trace events on (to explain a counterexample). */
export function withTrace(context: ModelContext): ModelContext {
  // Its own memo: a traced step also remembers the core's trace events.
  return { ...context, config: { ...context.config, trace: true }, memo: new Memo(context.bounds.nodes) };
}
