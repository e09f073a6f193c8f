import type { NodeId } from './types';

/**
 * Why the core did what it did, one event per transition, each citing the rule it follows. The
 * visualizer shows these as explanations; test traces print them. Collected only when
 * `config.trace` is on.
 */
export type RaftEventKind =
  | 'becameFollower'
  | 'becameCandidate'
  | 'becamePreCandidate'
  | 'becameLeader'
  | 'noopAppended'
  | 'voteGranted'
  | 'voteRejected'
  | 'voteReceived'
  | 'appendRejected'
  | 'truncated'
  | 'committed'
  | 'snapshotSaved'
  | 'snapshotInstalled'
  | 'snapshotIgnored'
  | 'staleMessage'
  | 'recovering'
  | 'recovered'
  | 'transferStarted'
  | 'transferAbandoned'
  | 'transferRefused'
  | 'readIndex'
  | 'membershipChanged'
  | 'learnerCaughtUp';

export interface RaftEvent {
  readonly kind: RaftEventKind;
  readonly node: NodeId;
  readonly term: number;
  readonly peer?: NodeId;
  readonly index?: number;
  /** Which Production Raft mechanism caused it, when one did (a CheckQuorum step-down, a transfer's election). */
  readonly cause?: 'checkQuorum' | 'transfer';
  /** A vote event about a pre-vote (thesis §9.6): nothing changed, no term, no vote recorded. */
  readonly preVote?: true;
  /** A one-line explanation with the paper rule, e.g. "log at least as up to date (§5.4.1)". */
  readonly text: string;
}
