import type { ConfigOverrides } from '../raft/config';
import type { Role } from '../raft/core';
import type { RaftEvent } from '../raft/events';
import type { MessageType } from '../raft/messages';
import type { ProposalOutcome } from '../raft/node';
import type { EntryKind, NodeId } from '../raft/types';
import type { ClockState } from './clock';
import type { MachineKind } from './machines';
import type { DropReason, NetworkConfig } from './network';

/**
 * What the main thread and a node's worker say to each other. Nodes talk to each other over their
 * own MessagePorts (validate.ts holds that format); this is the control and report channel.
 */

// ---- main thread → worker ----------------------------------------------------------------------

export interface InitCommand {
  readonly type: 'init';
  readonly id: NodeId;
  readonly members: readonly NodeId[];
  /** Counts this node's restarts; reports from an older worker are ignored. */
  readonly incarnation: number;
  /**
   * Counts the cluster's resets, resizes and hand-overs between tabs: the slots of one generation
   * are not those of the next (incarnations start again), so a report is matched on both.
   */
  readonly generation: number;
  readonly seed: number;
  readonly machine: MachineKind;
  readonly databaseName: string;
  readonly clock: ClockState;
  readonly network: NetworkConfig;
  readonly raft: ConfigOverrides;
  /** The driver-level bug: send replies before their write is durable (thesis §3.8 forbids it). */
  readonly ackBeforePersist: boolean;
  /** Report every applied entry (the page's invariant checker wants them; the lab does not). */
  readonly reportApplied: boolean;
  readonly reportIntervalMs: number;
  /** One port per live peer (transferred). */
  readonly ports: readonly { readonly peer: NodeId; readonly port: MessagePort }[];
}

export interface ProposeRequest {
  readonly requestId: number;
  readonly command: unknown;
  /**
   * The command only reads: a leader with ReadIndex or lease reads on (thesis §6.4) may answer it
   * without a log entry; otherwise it goes through the log like any command.
   */
  readonly read?: boolean;
}

export type ControlMessage =
  | InitCommand
  /** A peer restarted: here is the port to its new worker (transferred). */
  | { readonly type: 'port'; readonly peer: NodeId; readonly port: MessagePort }
  /** A peer's worker is gone: stop sending to it. */
  | { readonly type: 'peerDown'; readonly peer: NodeId }
  | { readonly type: 'clock'; readonly clock: ClockState }
  | { readonly type: 'network'; readonly network: NetworkConfig }
  | { readonly type: 'propose'; readonly requests: readonly ProposeRequest[] }
  | { readonly type: 'saveSnapshot'; readonly requestId: number }
  /** The node's entries from..to (Cluster.readLog; node-view.ts readLog caps the range), answered in `logs`. */
  | { readonly type: 'readLog'; readonly requestId: number; readonly from: number; readonly to: number }
  /** New Raft timing or bug switches, from the next decision on (forgetVoteOnRestart: at the next restart). */
  | { readonly type: 'configure'; readonly raft: ConfigOverrides; readonly ackBeforePersist: boolean }
  /** Act as if the node's election timer fired now (a leader starts an election too). */
  | { readonly type: 'forceElection' }
  /** A leader hands leadership to `target` (thesis §3.10); anyone else says why it cannot. */
  | { readonly type: 'transferLeadership'; readonly target: NodeId }
  /** Debugging and tests: post `payload` raw on the port to `to`, as a faulty peer would. */
  | { readonly type: 'inject'; readonly to: NodeId; readonly payload: unknown }
  /**
   * Stop for good and answer `stopped` once no write is in flight: the page then terminates the
   * worker knowing that nothing of this node can land in its database any more (another tab is
   * about to open it).
   */
  | { readonly type: 'stop' };

// ---- worker → main thread ----------------------------------------------------------------------

export type NodeStatus = 'starting' | 'running' | 'storage-error' | 'crashed' | 'failed';

/** One log entry as the views show it: a command described as text, or a new leader's no-op (§8; command ''). */
export interface EntryView {
  readonly index: number;
  readonly term: number;
  /** Absent for a command. */
  readonly kind?: Exclude<EntryKind, 'command'>;
  readonly command: string;
}

/** A leader's view of one follower (Figure 2 nextIndex/matchIndex). */
export interface ProgressView {
  readonly peer: NodeId;
  readonly nextIndex: number;
  readonly matchIndex: number;
  readonly inflight: boolean;
}

export interface TrafficCounters {
  readonly sent: number;
  readonly delivered: number;
  /** Requests sent, failed attempts included (the lab's rpc_count). */
  readonly requests: number;
  readonly dropped: Readonly<Partial<Record<DropReason, number>>>;
}

/** The node's timers in virtual ms; the election ring shows what is left of [electionSetAt, electionDeadline]. */
export interface TimerView {
  /** When a follower or candidate starts an election unless a leader or a vote resets the timer. */
  readonly electionDeadline: number;
  /** When that timer was last armed. */
  readonly electionSetAt: number;
  /** Leader: the next heartbeat. Candidate: the next RequestVote retry. Otherwise Infinity. */
  readonly heartbeatDeadline: number;
}

/** A bounded look at the state machine's contents (KV: the first keys in insertion order). */
export interface MachineSummary {
  readonly size: number;
  readonly entries: readonly (readonly [string, string])[];
}

/** One applied entry, as the page's checkers see it (the command as the log view describes it). */
export interface AppliedEntryView {
  readonly index: number;
  readonly term: number;
  readonly command: string;
}

/** Everything the UI renders about one node. `durable` is what IndexedDB holds; the rest is memory. */
export interface NodeView {
  readonly id: NodeId;
  readonly incarnation: number;
  readonly status: NodeStatus;
  /** Why the node stopped (storage error, worker failure). */
  readonly error: string | null;
  /** Virtual time this view was taken at. */
  readonly at: number;
  readonly role: Role;
  readonly term: number;
  readonly votedFor: NodeId | null;
  /**
   * The node lost its storage (Wipe storage) and has not caught up since: it neither votes nor
   * campaigns until it holds everything a current leader had when it first heard from it.
   * Workers always set it; absent (hand-made views in tests) means false.
   */
  readonly recovering?: boolean;
  /** A leader handing leadership to this node (thesis §3.10); absent when not handing over. */
  readonly transferee?: NodeId;
  readonly leaderId: NodeId | null;
  readonly commitIndex: number;
  readonly lastApplied: number;
  readonly log: {
    readonly lastIndex: number;
    readonly lastTerm: number;
    readonly snapshotIndex: number;
    readonly snapshotTerm: number;
    /** log[1..stableIndex] is known durable; later entries are only in memory (Figure 2 persistence). */
    readonly stableIndex: number;
    /** The last entries of the log (at most LOG_WINDOW). */
    readonly window: readonly EntryView[];
  };
  readonly timer: TimerView;
  /** Candidate (and the leader it became): the nodes that granted it their vote this term, itself included. */
  readonly votes: readonly NodeId[];
  /** What the state machine holds; null while the node is down. */
  readonly machine: MachineSummary | null;
  readonly durable: {
    readonly term: number;
    readonly votedFor: NodeId | null;
    /** The stored hard state says the node is recovering (see `recovering`; absent: false). */
    readonly recovering?: boolean;
    readonly lastIndex: number;
    readonly snapshotIndex: number;
    readonly snapshotTerm: number;
    /** A transaction is in flight. */
    readonly writing: boolean;
  };
  /** The leader's progress per follower; empty unless leader. */
  readonly progress: readonly ProgressView[];
  readonly counters: TrafficCounters;
  /** The list machine's apply count (lab harness), else 0. */
  readonly numAppendLogs: number;
}

/** One message's life, for animation: a send, then a delivery or a drop, all with the same key. */
export interface TrafficEvent {
  readonly type: 'send' | 'deliver' | 'drop';
  /** `${from}.${incarnation}.${seq}`: names one message across its events. */
  readonly key: string;
  readonly from: NodeId;
  readonly to: NodeId;
  readonly kind: MessageType | 'unknown';
  /** Virtual ms: when it left, when it is due, and when this event happened. */
  readonly sentAt: number;
  readonly deliverAt: number;
  readonly at: number;
  readonly reason?: DropReason;
  /** AppendEntries: how many entries it carries. */
  readonly entries?: number;
  /** Replies: the vote was granted / the append succeeded. */
  readonly ok?: boolean;
  /** The term the message carries. */
  readonly term?: number;
  /** A pre-vote request or reply (thesis §9.6), drawn as its own kind. */
  readonly preVote?: boolean;
  readonly detail?: string;
  /** On a send: the message as one etcd-style line (describeMessage), for the space-time diagram. */
  readonly line?: string;
}

/** The list machine mirror the lab harness reads: values applied since the last report. */
export interface AppliedUpdate {
  /** When set, the machine was rebuilt (restart, snapshot): these are all its values, slot 0 a dummy. */
  readonly reset?: readonly number[];
  readonly from: number;
  readonly values: readonly number[];
}

export interface ProposeResult {
  readonly requestId: number;
  readonly placed: { readonly term: number; readonly index: number } | null;
  readonly leaderHint: NodeId | null;
  /** Taken as a read without the log (thesis §6.4): no index, but an outcome will come. */
  readonly read?: boolean;
  /** The command was refused before reaching Raft (invalid, node not running). */
  readonly error?: string;
}

/** The answer to `stop`: the node does nothing more and has no write in flight. */
export interface StoppedReport {
  readonly type: 'stopped';
  readonly node: NodeId;
  readonly incarnation: number;
  readonly generation: number;
}

export interface WorkerReport {
  readonly type: 'report';
  readonly node: NodeId;
  readonly incarnation: number;
  readonly generation: number;
  readonly view?: NodeView;
  readonly traffic?: readonly TrafficEvent[];
  /** Traffic events left out of this batch so that a busy node cannot flood the page. */
  readonly trafficOverflow?: number;
  readonly events?: readonly RaftEvent[];
  readonly applied?: AppliedUpdate;
  /** Entries applied since the last report (only with reportApplied), and how many were left out. */
  readonly appliedEntries?: readonly AppliedEntryView[];
  readonly appliedOverflow?: number;
  readonly proposed?: readonly ProposeResult[];
  readonly outcomes?: readonly { readonly requestId: number; readonly outcome: ProposalOutcome<unknown> }[];
  readonly snapshots?: readonly { readonly requestId: number; readonly ok: boolean }[];
  readonly logs?: readonly { readonly requestId: number; readonly entries: readonly EntryView[] }[];
}
