/**
 * Types shared by the Raft core and its drivers. Names follow Figure 2 and Figure 13 of the
 * extended Raft paper (Ongaro & Ousterhout, 2014).
 */

export type NodeId = number;

/** One log entry. Its index is implied by its position in the log (log indices start at 1). */
export interface Entry<C> {
  readonly term: number;
  readonly command: C;
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

/** Figure 13: the last entry a snapshot replaces, and the state machine's bytes at that point. */
export interface Snapshot {
  readonly lastIncludedIndex: number;
  readonly lastIncludedTerm: number;
  readonly data: Uint8Array;
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
