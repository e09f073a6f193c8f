import type { CoreExport } from '../raft/core';
import type { Message } from '../raft/messages';
import { isCommandEntry, type Entry, type NodeId, type PersistBatch, type PersistedState } from '../raft/types';
import type { Fingerprint } from './hash';
import type { Clients } from './clients';
import type { NodeStep } from './memo';

/**
 * The model checker's data: a whole system state as plain, immutable values, so that it can be
 * copied, hashed and explored (DSLabs: "nodes are message and timer handlers over plain state").
 * Commands are proposal numbers 1, 2, …: unique, so an entry is told apart by its command.
 */
export type Command = number;

/** An entry's command; the model runs the lab's profile, so a no-op (never proposed) reads as 0. */
export function commandOf(entry: Entry<Command>): Command {
  return isCommandEntry(entry) ? entry.command : 0;
}
export type ModelMessage = Message<Command>;

/**
 * One node's in-memory Raft state, copied out of a RaftCore between steps (image.ts). Timers are
 * abstract, as in the Raft TLA+ spec and DSLabs: a node's next timer may fire whenever the search
 * chooses, so no absolute time, deadline or PRNG state is kept (see image.ts). It is the core's own
 * export (RaftCore.exportState()), so the model never reaches into a core's fields.
 */
export type CoreImage = CoreExport<Command>;

/** A Ready's batch not yet durable, and the messages waiting behind it (thesis §3.8). */
export interface PendingWrite {
  readonly batch: PersistBatch<Command>;
  readonly messages: readonly ModelMessage[];
}

/** A node's state: the parts a step reads and writes. */
export interface NodeParts {
  readonly core: CoreImage;
  /** What survives a crash. */
  readonly disk: PersistedState<Command>;
  /** Oldest first: the persist step makes pending[0] durable. */
  readonly pending: readonly PendingWrite[];
  /** Its key-value store, as the src/kv machine's snapshot text ('' when empty or not modelled; clients.ts). Volatile. */
  readonly kv: string;
}

/**
 * A node as the search holds it: interned (memo.ts), so one node state is one object with one
 * serial number, whichever path reached it; the serial keys the memo of its transitions.
 */
export interface ModelNode extends NodeParts {
  /** This node state's number in its search (memo.ts); the node's own id is part of what it names. */
  readonly serial: number;
  /** Its fingerprint under each relabelling of node ids (index 0: as it is), filled in when first asked. */
  readonly fingerprints: Fingerprint[];
  /** The memo of its steps, by input code (memo.ts). */
  readonly steps: Map<number, NodeStep>;
}

/**
 * A message in flight with its canonical key (encode.ts); the network is sorted by key. Interned
 * too (memo.ts): one object per key, with a serial number and its fingerprints as for ModelNode.
 */
export interface InFlight {
  readonly message: ModelMessage;
  readonly key: string;
  readonly serial: number;
  /** Index 0: the key's fingerprint; index i: under relabelling i, filled in when first asked. */
  readonly fingerprints: Fingerprint[];
}

/**
 * History variables (as the Raft TLA+ spec's `elections` and `allLogs`): what the Figure 3
 * properties need beyond the present state. Each list holds distinct values, sorted; a list with
 * two values is a violation (invariants.ts).
 */
export interface History {
  /** leaders[term]: every node that has led in that term. */
  readonly leaders: readonly (readonly NodeId[])[];
  /** committed[index - 1]: the entry first known committed there, and the term of who knew it first. */
  readonly committed: readonly { readonly term: number; readonly command: Command; readonly knownInTerm: number }[];
  /** applied[index - 1]: every distinct "term/command" any node has applied there. */
  readonly applied: readonly (readonly string[])[];
}

export interface Budgets {
  readonly crashes: number;
  readonly wipes: number;
  readonly drops: number;
  readonly duplicates: number;
  readonly proposals: number;
  /** Infinity when the bound is absent. */
  readonly elections: number;
  readonly heartbeats: number;
  /** Reads without the log (0 when the bound is absent). */
  readonly reads: number;
  /** Snapshots (0 when the bound is absent). */
  readonly compactions: number;
}

export interface SystemState {
  readonly nodes: readonly ModelNode[];
  readonly network: readonly InFlight[];
  /** What is left of each budget. */
  readonly left: Budgets;
  readonly history: History;
  /** The clients' calls and answers, with context.kv (clients.ts); NO_CLIENTS otherwise. */
  readonly clients: Clients;
}

/** One move of the search, as data (printed by trace.ts). */
export type Action =
  | { readonly kind: 'deliver'; readonly key: string }
  | { readonly kind: 'drop'; readonly key: string }
  | { readonly kind: 'duplicate'; readonly key: string }
  | { readonly kind: 'electionTimeout'; readonly node: NodeId }
  | { readonly kind: 'heartbeat'; readonly node: NodeId }
  | { readonly kind: 'retryVotes'; readonly node: NodeId }
  | { readonly kind: 'persist'; readonly node: NodeId }
  | { readonly kind: 'crash'; readonly node: NodeId }
  | { readonly kind: 'wipe'; readonly node: NodeId }
  | { readonly kind: 'propose'; readonly node: NodeId }
  | { readonly kind: 'read'; readonly node: NodeId }
  | { readonly kind: 'compact'; readonly node: NodeId };
