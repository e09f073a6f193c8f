import type { KvResult } from '../kv/types';
import type { RaftEvent } from '../raft/events';
import type { NodeId } from '../raft/types';
import { encodeNode, identity, messageKey, type Relabel } from './encode';
import { fingerprint } from './hash';
import type { Command, InFlight, ModelMessage, ModelNode, NodeParts } from './types';

/** One entry applied by a node's state machine during a step. */
export interface AppliedEntry {
  readonly index: number;
  readonly term: number;
  readonly command: Command;
  /** The store's answer, with context.kv (clients.ts). */
  readonly result?: KvResult;
}

/** What a step did besides changing the state: for printing a trace. */
export interface StepNotes {
  readonly events: readonly RaftEvent[];
  readonly sent: readonly ModelMessage[];
}

/** Node `id`'s part of a step: its next state, the messages it puts on the network, what it applied. */
export interface NodeStep {
  readonly node: ModelNode;
  readonly sent: readonly InFlight[];
  readonly applied: readonly AppliedEntry[];
  readonly notes: StepNotes;
  /** A proposal's index in the node's log (propose steps only): where its client waits for it. */
  readonly proposedAt?: number;
  /** Reads the node confirmed and served in this step (thesis §6.4), with what its store held. */
  readonly served: readonly { readonly command: Command; readonly result: KvResult }[];
}

/** Inputs whose node step is memoised, as small codes; a delivery's code adds the message's serial. */
export const INPUT = { electionTimeout: 0, heartbeat: 1, retryVotes: 2, persist: 3, crash: 4, compact: 5, read: 8, propose: 16, deliver: 1024 } as const;

/** Read k's input code is INPUT.read + k: at most this many reads fit below INPUT.propose. */
export const MAX_READS = INPUT.propose - INPUT.read - 1;

/**
 * Interning and a memo of node steps, for one search. A node's step is a pure function of the node's
 * state and its input (the core is pure, src/raft; its timers are abstract, image.ts), and a search
 * meets the same node state in many system states: three nodes' few hundred states combine into
 * tens of thousands. So each distinct node state and each distinct message is kept once, numbered,
 * and fingerprinted once; each (node state, input) is run on a rebuilt core once, and every later
 * system state that asks for it gets the remembered answer. The memo only saves work: a search
 * explores the same states with or without it (counts.test.ts pins that).
 */
export class Memo {
  private readonly nodes = new Map<string, ModelNode>();
  private readonly messages = new Map<string, InFlight>();
  private readonly asIs: Relabel;
  private stepCount = 0;

  constructor(nodeCount: number) {
    this.asIs = identity(nodeCount);
  }

  /** The one node object with these parts at position `id`. */
  node(id: NodeId, parts: NodeParts): ModelNode {
    const encoding = encodeNode(parts, this.asIs);
    const key = `${id}|${encoding}`;
    let node = this.nodes.get(key);
    if (node === undefined) {
      node = { core: parts.core, disk: parts.disk, pending: parts.pending, kv: parts.kv, serial: this.nodes.size, fingerprints: [fingerprint(encoding)], steps: new Map() };
      this.nodes.set(key, node);
    }
    return node;
  }

  /** The one in-flight record of this message. */
  message(message: ModelMessage): InFlight {
    const key = messageKey(message);
    let record = this.messages.get(key);
    if (record === undefined) {
      record = { message, key, serial: this.messages.size, fingerprints: [fingerprint(key)] };
      this.messages.set(key, record);
    }
    return record;
  }

  /** Node `node`'s step on input `code` (INPUT), computed once. */
  step(node: ModelNode, code: number, compute: () => NodeStep): NodeStep {
    let step = node.steps.get(code);
    if (step === undefined) {
      step = compute();
      node.steps.set(code, step);
      this.stepCount++;
    }
    return step;
  }

  get size(): { nodes: number; messages: number; steps: number } {
    return { nodes: this.nodes.size, messages: this.messages.size, steps: this.stepCount };
  }
}
