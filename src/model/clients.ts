import type { KvCommand, KvResult } from '../kv/types';
import type { NodeId } from '../raft/types';
import type { Command } from './types';

/**
 * The key-value store in the model (with context.kv): proposal k is the client operation
 * KV_SCRIPT[k - 1], issued by its own client; each node applies committed entries to the
 * unmodified src/kv machine; a client is answered when the node it asked applies its command at
 * the index that node gave it. The clients' history (calls and answers, in the order they happen)
 * is part of the state, and must stay linearizable (src/checks/linearizability, Herlihy & Wing):
 * a history with a prefix that is not linearizable is not either, so it is checked whenever an
 * answer arrives — which covers every terminal state. The machine and the checker are in
 * kv-checks.ts, apart, so that the page's search form (which reads context.ts) does not load them.
 */
export const KV_SCRIPT: readonly KvCommand[] = [
  { op: 'put', key: 'x', value: '1' },
  { op: 'get', key: 'x' },
  { op: 'put', key: 'x', value: '3' },
  { op: 'get', key: 'x' },
  { op: 'del', key: 'x' },
  { op: 'get', key: 'x' },
];

/**
 * Read k (with bounds.reads) is client operation -k: a get of the key every write touches, asked of
 * a leader and answered without the log (ReadIndex, thesis §6.4). Negative, so it never meets a
 * proposal's number; it never enters a log, so no entry carries it.
 */
export const READ: KvCommand = { op: 'get', key: 'x' };

export function readOperation(k: number): Command {
  return -k;
}

export function isRead(command: Command): boolean {
  return command < 0;
}

export function kvCommand(command: Command): KvCommand {
  if (isRead(command)) return READ;
  const kv = KV_SCRIPT[(command - 1) % KV_SCRIPT.length];
  if (!kv) throw new Error(`model: no KV operation for command ${command}`);
  return kv;
}

/** A client event, in the order they happen: a call, or an answer with its result. */
export type ClientEvent =
  | { readonly kind: 'call'; readonly command: Command }
  | { readonly kind: 'return'; readonly command: Command; readonly result: KvResult };

/** A client waiting for node `node` to apply its command at `index`. */
export interface Waiting {
  readonly command: Command;
  readonly node: NodeId;
  readonly index: number;
}

export interface Clients {
  readonly events: readonly ClientEvent[];
  readonly waiting: readonly Waiting[];
}

/** Without context.kv: no clients are modelled (one object, so a state without them is told at a glance). */
export const NO_CLIENTS: Clients = { events: [], waiting: [] };

/** With context.kv, before any call: a different object from NO_CLIENTS. */
export function noCallsYet(): Clients {
  return { events: [], waiting: [] };
}

/** A client calls: it proposed `command` to `node`, which put it at `index`. */
export function called(clients: Clients, command: Command, node: NodeId, index: number): Clients {
  return { events: [...clients.events, { kind: 'call', command }], waiting: [...clients.waiting, { command, node, index }] };
}

/** Node `node` applied these entries: a client waiting on one of them is answered. */
export function answered(clients: Clients, node: NodeId, applied: readonly { index: number; command: Command; result?: KvResult }[]): Clients {
  let next = clients;
  for (const entry of applied) {
    const at = next.waiting.findIndex((w) => w.node === node && w.index === entry.index);
    if (at < 0 || entry.result === undefined) continue;
    const waiting = next.waiting[at]!;
    // Another command at the index it was given: the client's leader lost it; it never hears back.
    const events = waiting.command === entry.command ? [...next.events, { kind: 'return' as const, command: waiting.command, result: entry.result }] : next.events;
    next = { events, waiting: [...next.waiting.slice(0, at), ...next.waiting.slice(at + 1)] };
  }
  return next;
}

/** A client asks node `node` to read (operation `command`): its answer comes when the leader confirms the read (readsAnswered). */
export function readCalled(clients: Clients, command: Command): Clients {
  return { events: [...clients.events, { kind: 'call', command }], waiting: clients.waiting };
}

/** Reads a node served in a step: each client is answered with what the node's store held. */
export function readsAnswered(clients: Clients, served: readonly { command: Command; result: KvResult }[]): Clients {
  if (served.length === 0) return clients;
  return { events: [...clients.events, ...served.map((read) => ({ kind: 'return' as const, ...read }))], waiting: clients.waiting };
}

/** A crashed node's connections are gone: clients waiting on it never hear back. */
export function forgetNode(clients: Clients, node: NodeId): Clients {
  return clients.waiting.some((w) => w.node === node) ? { events: clients.events, waiting: clients.waiting.filter((w) => w.node !== node) } : clients;
}

export function encodeClients(clients: Clients, perm: readonly NodeId[]): string {
  const events = clients.events.map((e) => (e.kind === 'call' ? `c${e.command}` : `r${e.command}:${e.result.succ ? 'y' : 'n'}${e.result.value}`));
  return `${events.join(' ')}|${clients.waiting.map((w) => `${w.command}@${perm[w.node]}/${w.index}`).join(' ')}`;
}
