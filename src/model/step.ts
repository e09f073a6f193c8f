import type { RaftCore } from '../raft/core';
import type { RaftEvent } from '../raft/events';
import type { NodeId } from '../raft/types';
import type { ModelContext } from './context';
import { messageKey } from './encode';
import { fingerprint } from './hash';
import { writeBatch } from './disk';
import { recordStep } from './history';
import { imageOf } from './image';
import { commandOf, type Command, type InFlight, type ModelMessage, type ModelNode, type SystemState } from './types';

/** What one step did, besides the new state: for printing a trace. */
export interface StepNotes {
  readonly events: readonly RaftEvent[];
  readonly sent: readonly ModelMessage[];
}

/**
 * After an input to node `id`'s core: apply what committed, then carry out each Ready as a driver
 * does (src/sim/cluster.ts settle()). A Ready with a batch waits for the model's persist step, its
 * messages held behind it and behind every earlier batch — thesis §3.8: a vote or an append
 * acknowledgement leaves only once what it promises is durable. With the ackBeforePersist bug the
 * messages leave at once, so the search can deliver them and crash the node before it persists.
 * With atomicPersist (context.ts) the batch is written within the step, as the simulator does
 * without disk latency.
 */
export function settle(
  state: SystemState, id: NodeId, core: RaftCore<Command>, base: Omit<ModelNode, 'core'>,
  network: readonly InFlight[], context: ModelContext,
): { state: SystemState; notes: StepNotes } {
  const applied = applyCommitted(core);
  const pending = base.pending.slice();
  let disk = base.disk;
  const sent: ModelMessage[] = [];
  const events: RaftEvent[] = [];
  for (;;) {
    const ready = core.takeReady();
    for (const event of ready.events) events.push(event);
    if (!ready.persist && ready.messages.length === 0) break;
    const messages = ready.messages.map(normalise);
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
  const node: ModelNode = { core: imageOf(core), disk, pending };
  const nodes = state.nodes.slice();
  nodes[id] = node;
  const history = recordStep(state.history, id, node.core, applied);
  return { state: { ...state, nodes, network: addMessages(network, sent), history }, notes: { events, sent } };
}

/** The state machine takes every committed entry (RaftNode.applyCommitted); the history records them. */
function applyCommitted(core: RaftCore<Command>): { index: number; term: number; command: Command }[] {
  const applied: { index: number; term: number; command: Command }[] = [];
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
 * follower caps what it confirms by it, and a recovering node waits for it).
 */
export function normalise(message: ModelMessage): ModelMessage {
  if ((message.type === 'AppendEntries' || message.type === 'AppendEntriesReply') && message.seq !== undefined) {
    const { seq: _seq, ...rest } = message;
    return rest;
  }
  return message;
}

/** The network with these messages added, kept sorted by key (a multiset in canonical order). */
export function addMessages(network: readonly InFlight[], messages: readonly ModelMessage[]): readonly InFlight[] {
  if (messages.length === 0) return network;
  const next = network.slice();
  for (const message of messages) {
    const key = messageKey(message);
    next.push({ message, key, fingerprint: fingerprint(key) });
  }
  return next.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

export function removeAt(network: readonly InFlight[], index: number): readonly InFlight[] {
  return [...network.slice(0, index), ...network.slice(index + 1)];
}

/** Messages in flight: on the network, and held behind a node's writes. */
export function inflight(state: SystemState): number {
  let count = state.network.length;
  for (const node of state.nodes) for (const write of node.pending) count += write.messages.length;
  return count;
}
