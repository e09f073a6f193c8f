import { BUG_NEEDS } from '../shared/bugs';
import { DEFAULT_BOUNDS, makeContext, type Bounds, type BugName, type ModelContext } from './context';
import { goalNamed } from './goals';
import type { SearchOptions } from './search';

/**
 * The search that finds each bug switch the model runs, as data: the bounds, the mode and the
 * options, so the benchmark (bench/model.bench.ts), the tests and the CLI line printed in the
 * README name the same runs. BFS where it finishes (its trace is the shortest); the directed mode
 * for Figure 8, whose scenario is too deep for BFS (its trace is shrunk, locally minimal).
 */
export interface BugSearch {
  readonly bug: BugName;
  readonly bounds: Bounds;
  readonly options: Pick<SearchOptions, 'mode' | 'symmetry' | 'seed' | 'maxStates'>;
  /** Write each batch within its step (context.ts atomicPersist), where the default would not. */
  readonly atomicPersist?: boolean;
  /** A goal (goals.ts) to reach instead of a Figure 3 violation, for a bug no safety property sees. */
  readonly goal?: string;
  /** The rule it breaks, and the violation (or goal) expected. */
  readonly why: string;
  readonly violation: string;
}

/**
 * The context a search runs in: its bounds, its bug (or, `correct`, none — with the bug's mechanism
 * still on, shared/bugs.ts BUG_NEEDS, so the correct core is checked under the same profile).
 */
export function searchContext(search: BugSearch, correct = false): ModelContext {
  const options = { ...(search.atomicPersist === undefined ? {} : { atomicPersist: search.atomicPersist }), ...(correct ? { features: BUG_NEEDS[search.bug] ?? {} } : {}) };
  return makeContext(search.bounds, correct ? null : search.bug, options);
}

/** The options check() takes for a search: its mode and budgets, and its goal if it has one. */
export function searchOptions(search: BugSearch): SearchOptions {
  return { ...search.options, goal: search.goal === undefined ? null : goalNamed(search.goal) };
}

const TINY: Bounds = { ...DEFAULT_BOUNDS, nodes: 3, maxTerm: 2, maxLog: 1, maxInflight: 3, proposals: 1 };
const ONE_CRASH: Bounds = { ...TINY, maxTerm: 1, crashes: 1, proposals: 0, maxLog: 0, maxInflight: 4 };

export const BUG_SEARCHES: readonly BugSearch[] = [
  {
    bug: 'grantVoteWithoutUpToDate', bounds: TINY, options: { mode: 'bfs', symmetry: true },
    why: 'votes granted without the up-to-date check (§5.4.1)', violation: 'Leader Completeness',
  },
  {
    bug: 'forgetVoteOnRestart', bounds: ONE_CRASH, options: { mode: 'bfs', symmetry: true },
    why: 'votedFor lost in a crash (Figure 2: it is persistent)', violation: 'Election Safety',
  },
  {
    bug: 'ackBeforePersist', bounds: ONE_CRASH, options: { mode: 'bfs', symmetry: true },
    why: 'a vote sent before it is durable (thesis §3.8)', violation: 'Election Safety',
  },
  {
    bug: 'commitPreviousTermByCount', bounds: { ...TINY, maxTerm: 4, proposals: 2, maxInflight: 16 },
    options: { mode: 'directed', seed: 1, maxStates: 5_000_000 },
    why: 'an entry of an earlier term committed by counting replicas (Figure 8, §5.4.2)', violation: 'Leader Completeness',
  },
  {
    // Production's read path (context.ts READ_PATH): a leader of term 2 that knows only its
    // predecessor's no-op committed reads at that index, missing a write already answered.
    bug: 'readIndexBeforeTermCommit', bounds: { ...TINY, maxLog: 3, maxInflight: 4, elections: 2, heartbeats: 0, reads: 1 },
    options: { mode: 'bfs', symmetry: true },
    why: 'a read served before an entry of the leader\'s term committed (thesis §6.4 step 1)', violation: 'Linearizability',
  },
  {
    // A liveness bug (a node cut off comes back with a higher term and deposes a working leader),
    // caught at its cause: the goal is the rule §9.6 states, which the correct core never breaks
    // (src/model/goals.test.ts explores it whole with PreVote on).
    bug: 'preVoteBumpsTerm', bounds: TINY, options: { mode: 'bfs', symmetry: true }, goal: 'pre-vote-raised-term',
    why: 'a pre-candidate raises its own term (thesis §9.6 forbids it)', violation: 'pre-vote-raised-term',
  },
  {
    // A liveness bug too (a follower stranded: the leader resends the same request forever), caught
    // at its cause: a rejection inside the follower's committed prefix, which correct Raft never
    // sends (goals.test.ts: the correct core, snapshots and all, explored whole).
    bug: 'conflictBelowSnapshot', bounds: { ...TINY, maxTerm: 1, heartbeats: 1, compactions: 1 }, options: { mode: 'bfs', symmetry: true },
    goal: 'rejects-committed-prefix',
    why: 'a follower compares the snapshot\'s term with the term of an older index and rejects a request its snapshot covers', violation: 'rejects-committed-prefix',
  },
  {
    bug: 'wipedNodeVotes', bounds: { ...TINY, wipes: 1 }, options: { mode: 'bfs', symmetry: true }, atomicPersist: true,
    why: 'a node that lost its disk votes at once instead of recovering first', violation: 'Leader Completeness',
  },
];

/** Bug switches the model does not run, and why (it runs the lab's profile, the paper's Raft, and production's read path). */
export const UNMODELLED_BUGS: Readonly<Partial<Record<BugName, string>>> = {
  leaseWithoutCheckQuorum: 'RaftCore.exportState() leaves out the lease clocks (roundSentAt, lastLeaderContact): a core the model rebuilds never holds a lease, so no lease read is served, bug or not (docs/model-bugs.md)',
};
