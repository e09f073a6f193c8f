import type { RaftCore } from '../raft/core';
import type { RaftEvent } from '../raft/events';
import type { NodeId } from '../raft/types';
import { answered, NO_CLIENTS, readsAnswered } from './clients';
import { applyToStore, queryStore } from './kv-checks';
import type { ModelContext } from './context';
import { writeBatch } from './disk';
import { recordStep } from './history';
import { imageOf } from './image';
import type { AppliedEntry, NodeStep } from './memo';
import { commandOf, type Command, type InFlight, type ModelMessage, type NodeParts, type SystemState } from './types';

/**
 * After an input to node `id`'s core: apply what committed, then carry out each Ready as a driver
 * does (src/sim/cluster.ts settle()). A Ready with a batch waits for the model's persist step, its
 * messages held behind it and behind every earlier batch — thesis §3.8: a vote or an append
 * acknowledgement leaves only once what it promises is durable. With the ackBeforePersist bug the
 * messages leave at once, so the search can deliver them and crash the node before it persists.
 * With atomicPersist (context.ts) the batch is written within the step, as the simulator does
 * without disk latency. `released` are messages a write just made durable let go (persist step).
 * The result depends only on the node and its input: memo.ts remembers it.
 */
export function settleCore(
  id: NodeId, core: RaftCore<Command>, base: Omit<NodeParts, 'core'>, context: ModelContext,
  released: readonly ModelMessage[] = [],
): NodeStep {
  const applied = applyCommitted(core);
  const pending = base.pending.slice();
  let disk = base.disk;
  const sent: ModelMessage[] = [];
  const events: RaftEvent[] = [];
  for (;;) {
    const ready = core.takeReady();
    for (const event of ready.events) events.push(event);
    if (!ready.persist && ready.messages.length === 0) break;
    const messages = ready.messages.map((message) => normalise(message, context));
    if (context.atomicPersist) {
      if (ready.persist) {
        disk = writeBatch(disk, ready.persist);
        core.persisted(ready.persist);
        applied.push(...applyCommitted(core));
      }
      sent.push(...messages);
    } else if (context.ackBeforePersist) {
      sent.push(...messages); // the bug: acknowledge first
      if (ready.persist) pending.push({ batch: ready.persist, messages: [] });
    } else if (ready.persist) {
      pending.push({ batch: ready.persist, messages });
    } else if (pending.length > 0) {
      const last = pending[pending.length - 1]!;
      pending[pending.length - 1] = { batch: last.batch, messages: [...last.messages, ...messages] };
    } else {
      sent.push(...messages);
    }
  }
  // With the key-value store, the node's machine takes each entry applied, in order (clients.ts).
  let kv = base.kv;
  const results = context.kv ? applied.map((entry) => {
    const applies = applyToStore(kv, entry.command);
    kv = applies.store;
    return applies.result ? { ...entry, result: applies.result } : entry;
  }) : applied;
  const image = imageOf(core);
  const served = context.config.features.readIndex ? serveReads(core, image.lastApplied, kv) : [];
  const memo = context.memo;
  const node = memo.node(id, { core: image, disk, pending, kv });
  const leaving = [...released, ...sent].map((m) => memo.message(m));
  return { node, sent: leaving, applied: results, notes: { events, sent }, served };
}

/**
 * Thesis §6.4 step 4: a confirmed read is answered from the state applied through its read index.
 * The model applies every committed entry within the step, and a read index is a commit index the
 * leader had, so the store already stands there or later. A read that failed (its leader stepped
 * down) is never answered: its client, like a proposer whose entry was lost, does not hear back.
 */
function serveReads(core: RaftCore<Command>, lastApplied: number, kv: string): NodeStep['served'] {
  const { ready } = core.takeReads();
  return ready.map((read) => {
    if (read.index > lastApplied) throw new Error(`model: read ${read.id} confirmed at index ${read.index} before the node applied it (${lastApplied})`);
    return { command: read.id, result: queryStore(kv, read.id) };
  });
}

/** The system state after node `id`'s step: its new state, its messages on the network, the history updated. */
export function assemble(state: SystemState, id: NodeId, step: NodeStep, network: readonly InFlight[] = state.network): SystemState {
  const nodes = state.nodes.slice();
  nodes[id] = step.node;
  const history = recordStep(state.history, id, step.node.core, step.applied);
  const clients = state.clients === NO_CLIENTS ? NO_CLIENTS : readsAnswered(answered(state.clients, id, step.applied), step.served);
  return { nodes, network: addMessages(network, step.sent), left: state.left, history, clients };
}

/** The state machine takes every committed entry (RaftNode.applyCommitted); the history records them. */
function applyCommitted(core: RaftCore<Command>): AppliedEntry[] {
  const applied: AppliedEntry[] = [];
  for (let item = core.nextToApply(); item; item = core.nextToApply()) {
    if (item.kind === 'entry') applied.push({ index: item.index, term: item.entry.term, command: commandOf(item.entry) });
    core.applied(item);
  }
  return applied;
}

/**
 * Drop what the lab profile never reads, so it cannot split one state into many: heartbeat rounds
 * (`seq`) are read only by reads without the log (thesis §6.4), which the lab profile leaves off,
 * and would count up forever. Everything else a message carries is kept (`leaderLastIndex` too: a
 * follower caps what it confirms by it, and a recovering node waits for it). With reads the rounds
 * are kept: they confirm reads, and the heartbeat budget bounds them (context.ts).
 */
export function normalise(message: ModelMessage, context: ModelContext): ModelMessage {
  if (context.config.features.readIndex) return message;
  if ((message.type === 'AppendEntries' || message.type === 'AppendEntriesReply') && message.seq !== undefined) {
    const { seq: _seq, ...rest } = message;
    return rest;
  }
  return message;
}

/** The network with these messages added, kept sorted by key (a multiset in canonical order). */
export function addMessages(network: readonly InFlight[], messages: readonly InFlight[]): readonly InFlight[] {
  if (messages.length === 0) return network;
  const next = network.slice();
  for (const message of messages) {
    let at = next.length;
    while (at > 0 && next[at - 1]!.key > message.key) at--;
    next.splice(at, 0, message);
  }
  return next;
}

export function removeAt(network: readonly InFlight[], index: number): readonly InFlight[] {
  const next = network.slice();
  next.splice(index, 1);
  return next;
}

/** Messages in flight: on the network, and held behind a node's writes. */
export function inflight(state: SystemState): number {
  let count = state.network.length;
  for (const node of state.nodes) for (const write of node.pending) count += write.messages.length;
  return count;
}
