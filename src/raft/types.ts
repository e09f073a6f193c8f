/**
 * Types shared by the Raft core and its drivers. Names follow Figure 2 and Figure 13 of the
 * extended Raft paper (Ongaro & Ousterhout, 2014).
 */

export type NodeId = number;

/**
 * One log entry. Its index is implied by its position in the log (log indices start at 1). A
 * discriminated union on `kind`: the user's commands, a new leader's no-op, and cluster
 * configurations (thesis §4.1); a command entry may omit `kind` (entries stored before kinds
 * existed have none).
 */
export type Entry<C> = CommandEntry<C> | NoopEntry | ConfigEntry;

/** A client command for the state machine. */
export interface CommandEntry<C> {
  readonly kind?: 'command';
  readonly term: number;
  readonly command: C;
}

/**
 * The empty entry a new leader appends in its term (§8; thesis §6.4): committing it commits every
 * earlier entry (§5.4.2) and tells the leader its commit index is current. Never applied to the
 * state machine, though it advances lastApplied.
 */
export interface NoopEntry {
  readonly kind: 'noop';
  readonly term: number;
}

/**
 * Who is in the cluster (thesis §4.1): the voters, whose majority elects and commits, and the
 * learners, which receive entries but neither vote nor count (§4.2.1: a new server catches up as a
 * learner first). During joint consensus (the paper's §6) `outgoing` holds C_old's voters: then an
 * election or a commit needs a majority of `voters` (C_new) and a majority of `outgoing`.
 * Node ids are any distinct numbers, never reused within a cluster's life; lists are sorted.
 */
export interface Membership {
  readonly voters: readonly NodeId[];
  readonly learners: readonly NodeId[];
  /** Joint consensus only: C_old's voters while C_old,new is the configuration in force. */
  readonly outgoing?: readonly NodeId[];
}

/**
 * A configuration entry (thesis §4.1): each server uses the latest configuration in its log, as
 * soon as it is appended, committed or not. Never applied to the state machine, though it advances
 * lastApplied.
 */
export interface ConfigEntry {
  readonly kind: 'config';
  readonly term: number;
  readonly membership: Membership;
  /**
   * Never present (make one with configEntry()). Declared only so that code written before this
   * kind, which reads `command` once it has ruled out a no-op (src/runtime/node-view.ts entryView,
   * src/runtime/storage-codec.ts encodeSegment), still compiles; that code must learn this kind
   * before a live cluster changes membership, and then this field goes.
   */
  readonly command: never;
}

/** A configuration entry of `term` (thesis §4.1). */
export function configEntry(term: number, membership: Membership): ConfigEntry {
  return { kind: 'config', term, membership } as ConfigEntry;
}

export type EntryKind = NonNullable<Entry<unknown>['kind']>;

/** A command entry (kind 'command' or absent), as opposed to a no-op. */
export function isCommandEntry<C>(entry: Entry<C>): entry is CommandEntry<C> {
  return entry.kind === undefined || entry.kind === 'command';
}

/** Figure 2 "Persistent state on all servers", minus the log. */
export interface HardState {
  readonly term: number;
  readonly votedFor: NodeId | null;
  /**
   * The node lost its storage and has not caught up since (Protocol-Aware Recovery, FAST '18): it
   * may have acknowledged entries it no longer holds, so it neither votes nor campaigns until it
   * holds everything a current leader had when it first heard from it. Absent means false.
   */
  readonly recovering?: boolean;
}

/**
 * Figure 13: the last entry a snapshot replaces, the configuration as of that entry ("last
 * config"), and the state machine's bytes at that point.
 */
export interface Snapshot {
  readonly lastIncludedIndex: number;
  readonly lastIncludedTerm: number;
  readonly data: Uint8Array;
  /** Figure 13's last config. Absent in snapshots from before membership changes: the cluster's initial members. */
  readonly membership?: Membership;
}

/** What a driver loads from durable storage to (re)start a node. */
export interface PersistedState<C> {
  readonly hardState: HardState;
  readonly snapshot: Snapshot | null;
  /** entries[i] has log index (snapshot?.lastIncludedIndex ?? 0) + 1 + i. */
  readonly entries: readonly Entry<C>[];
}

/**
 * Writes a driver must make durable, in this order, before it sends the messages of the same
 * Ready (thesis §3.8: a server must not acknowledge what it has not persisted).
 */
export interface PersistBatch<C> {
  /** Save this snapshot and drop every stored entry with index <= lastIncludedIndex. */
  readonly snapshot?: Snapshot;
  /** Drop every stored entry with index >= fromIndex, then append these (fromIndex, fromIndex+1, …). */
  readonly entries?: { readonly fromIndex: number; readonly entries: readonly Entry<C>[] };
  readonly hardState?: HardState;
}

/** The user's replicated state machine (the lab's raft_state_machine). */
export interface StateMachine<C, R> {
  /** Apply one committed command; the result goes to whoever proposed it. */
  apply(command: C, index: number): R;
  /** Serialise all applied state. */
  snapshot(): Uint8Array;
  /** Replace all state with a snapshot's contents (Figure 13 step 8). */
  restore(data: Uint8Array): void;
  /**
   * Answer a read-only command from the applied state, changing nothing: for reads served without
   * the log (ReadIndex and lease reads, thesis §6.4). Absent: every read goes through the log.
   */
  query?(command: C): R;
}

/** The user's command codec (the lab's raft_command serialize / deserialize). */
export interface CommandCodec<C> {
  encode(command: C): Uint8Array;
  /** Throws a CodecError on bytes that are not a valid command. */
  decode(bytes: Uint8Array): C;
}

export class CodecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CodecError';
  }
}
