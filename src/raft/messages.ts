import type { Entry, Membership, NodeId } from './types';

/** Fields every Raft RPC carries. Replies travel as messages of their own. */
interface Envelope {
  readonly from: NodeId;
  readonly to: NodeId;
  readonly term: number;
}

/**
 * Figure 2, RequestVote RPC arguments. A pre-vote (thesis §9.6) asks "would you vote for me in
 * `term`?" without anyone changing term or vote: `term` is the one the sender would stand in.
 */
export interface RequestVote extends Envelope {
  readonly type: 'RequestVote';
  readonly lastLogIndex: number;
  readonly lastLogTerm: number;
  readonly preVote?: boolean;
  /** Sent because the leader handed over (TimeoutNow): voters skip the §4.2.3 lease (thesis §3.10). */
  readonly transfer?: boolean;
}

/** A granted pre-vote carries the term asked about; a refusal carries the voter's own term. */
export interface RequestVoteReply extends Envelope {
  readonly type: 'RequestVoteReply';
  readonly voteGranted: boolean;
  readonly preVote?: boolean;
}

/** Figure 2, AppendEntries RPC arguments. An empty `entries` is a heartbeat. */
export interface AppendEntries<C> extends Envelope {
  readonly type: 'AppendEntries';
  readonly prevLogIndex: number;
  readonly prevLogTerm: number;
  readonly entries: readonly Entry<C>[];
  readonly leaderCommit: number;
  /**
   * The leader's last log index when it sent this: a node recovering from lost storage must hold
   * at least this much before it votes again (it covers every committed entry). Absent in
   * messages from older builds; a recovering node then waits for one that carries it.
   */
  readonly leaderLastIndex?: number;
  /** The leader's heartbeat round when it sent this (reads, thesis §6.4): echoed in the reply. */
  readonly seq?: number;
}

/**
 * Figure 2 reply, plus the fields that let a leader back up quickly (§5.3, "the follower can
 * include the term of the conflicting entry and the first index it stores for that term").
 */
export interface AppendEntriesReply extends Envelope {
  readonly type: 'AppendEntriesReply';
  readonly success: boolean;
  /** On success: the last index known to match the leader's log. */
  readonly matchIndex: number;
  /** On failure: where the leader should look next. */
  readonly conflictIndex: number;
  /** On failure: the term of the follower's entry at prevLogIndex, or 0 if it has none. */
  readonly conflictTerm: number;
  /** The request's heartbeat round: the follower still takes this leader's word as of that round. */
  readonly seq?: number;
}

/** Figure 13, InstallSnapshot RPC, sent whole (offset 0, done = true). */
export interface InstallSnapshot extends Envelope {
  readonly type: 'InstallSnapshot';
  readonly lastIncludedIndex: number;
  readonly lastIncludedTerm: number;
  readonly data: Uint8Array;
  /** Figure 13's last config: the configuration as of lastIncludedIndex (absent: the initial members). */
  readonly membership?: Membership;
}

/** Figure 13 reply, plus the index it covers so the leader can advance matchIndex. */
export interface InstallSnapshotReply extends Envelope {
  readonly type: 'InstallSnapshotReply';
  readonly lastIncludedIndex: number;
}

/** Thesis §3.10, leadership transfer: the leader tells an up-to-date follower to campaign now. */
export interface TimeoutNow extends Envelope {
  readonly type: 'TimeoutNow';
}

export type Message<C> =
  | RequestVote
  | RequestVoteReply
  | AppendEntries<C>
  | AppendEntriesReply
  | InstallSnapshot
  | InstallSnapshotReply
  | TimeoutNow;

export type MessageType = Message<unknown>['type'];

/**
 * Every message kind, once, with what the code outside the rules needs to know of it: whether it
 * is a request (what the lab's rpc_count counts; the rest are replies) and the rule that defines
 * it. `satisfies` makes the compiler refuse a kind added to Message but not here, so validation
 * (runtime/validate.ts: MESSAGE_TYPES), isRequest and describeMessage follow one list.
 */
export const MESSAGE_KINDS = {
  RequestVote: { request: true, rule: 'Figure 2; pre-votes thesis §9.6' },
  RequestVoteReply: { request: false, rule: 'Figure 2' },
  AppendEntries: { request: true, rule: 'Figure 2' },
  AppendEntriesReply: { request: false, rule: 'Figure 2, §5.3' },
  InstallSnapshot: { request: true, rule: 'Figure 13' },
  InstallSnapshotReply: { request: false, rule: 'Figure 13' },
  TimeoutNow: { request: true, rule: 'thesis §3.10' },
} as const satisfies Record<MessageType, { readonly request: boolean; readonly rule: string }>;

/** Every message type, in MESSAGE_KINDS order. */
export const MESSAGE_TYPES: readonly MessageType[] = Object.keys(MESSAGE_KINDS) as MessageType[];

/** Requests (as opposed to replies): what the lab's rpc_count counts. */
export function isRequest(message: Message<unknown>): boolean {
  return MESSAGE_KINDS[message.type].request;
}

/** One line per message, etcd-style: "1->2 AppendEntries t3 prev 4/2 n=3 commit 4". */
export function describeMessage(message: Message<unknown>): string {
  const head = `${message.from}->${message.to} ${message.type} t${message.term}`;
  switch (message.type) {
    case 'RequestVote': return `${head} last ${message.lastLogIndex}/${message.lastLogTerm}${message.preVote ? ' pre-vote' : ''}${message.transfer ? ' transfer' : ''}`;
    case 'RequestVoteReply': return `${head} ${message.voteGranted ? 'granted' : 'rejected'}${message.preVote ? ' pre-vote' : ''}`;
    case 'AppendEntries': return `${head} prev ${message.prevLogIndex}/${message.prevLogTerm} n=${message.entries.length} commit ${message.leaderCommit}`;
    case 'AppendEntriesReply': return `${head} ${message.success ? `ok match ${message.matchIndex}` : `conflict ${message.conflictIndex}/${message.conflictTerm}`}`;
    case 'InstallSnapshot': return `${head} through ${message.lastIncludedIndex}/${message.lastIncludedTerm}`;
    case 'InstallSnapshotReply': return `${head} through ${message.lastIncludedIndex}`;
    case 'TimeoutNow': return head;
  }
}
