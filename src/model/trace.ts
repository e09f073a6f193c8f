import { describeMessage } from '../raft/messages';
import type { PersistBatch } from '../raft/types';
import { isRead, kvCommand } from './clients';
import { withTrace, type ModelContext } from './context';
import { apply, initialState } from './successors';
import type { Action, Command, SystemState } from './types';

/**
 * A counterexample as readable steps: the action the search chose, each message it sent in
 * describeMessage's etcd-style lines, and why the core did what it did (its trace events, which
 * cite the rule). The actions are replayed with config.trace on; the states are the same.
 */
export function describeTrace(actions: readonly Action[], context: ModelContext): string[] {
  const traced = withTrace(context);
  const lines: string[] = [];
  let state = initialState(traced);
  actions.forEach((action, i) => {
    const before = state;
    const step = apply(state, action, traced);
    if (!step) throw new Error(`model: step ${i + 1} (${action.kind}) breaks a bound on replay`);
    state = step.state;
    lines.push(`${String(i + 1).padStart(3)}. ${describeAction(action, before, context)}`);
    for (const event of step.notes.events) lines.push(`       node ${event.node} t${event.term}: ${event.text}`);
    for (const message of step.notes.sent) lines.push(`       sends ${describeMessage(message)}`);
    for (const answer of answersIn(before, step.state)) lines.push(`       answers command ${answer}`);
  });
  return lines;
}

export function describeAction(action: Action, before: SystemState, context: ModelContext): string {
  switch (action.kind) {
    case 'deliver': return `deliver ${describeMessage(messageByKey(before, action.key))}`;
    case 'drop': return `drop ${describeMessage(messageByKey(before, action.key))}`;
    case 'duplicate': return `duplicate ${describeMessage(messageByKey(before, action.key))}`;
    case 'electionTimeout': return `node ${action.node}: election timer fires`;
    case 'heartbeat': return `node ${action.node}: heartbeat timer fires`;
    case 'retryVotes': return `node ${action.node}: RequestVote retry timer fires`;
    case 'propose': return `client proposes command ${proposal(context.bounds.proposals - before.left.proposals + 1, context)} to node ${action.node}`;
    case 'read': return `client reads x from node ${action.node} without the log (ReadIndex, thesis §6.4; read ${context.bounds.reads! - before.left.reads + 1})`;
    case 'persist': return `node ${action.node}: write durable (${describeBatch(before.nodes[action.node]!.pending[0]!.batch)}), releasing ${before.nodes[action.node]!.pending[0]!.messages.length} held message(s)`;
    case 'crash': return `node ${action.node}: crash and restart (loses ${lostOnCrash(before, action.node)})`;
    case 'wipe': return `node ${action.node}: disk wiped; restarts empty and recovering`;
    case 'compact': return `node ${action.node}: snapshot of what it applied (through ${before.nodes[action.node]!.core.lastApplied}); log compacted (§7)`;
  }
}

/** A proposal's command, and with the key-value store its operation (clients.ts). */
function proposal(command: number, context: ModelContext): string {
  if (!context.kv) return String(command);
  const op = kvCommand(command);
  return `${command} (${op.op} ${op.key}${op.op === 'put' ? `=${op.value}` : ''})`;
}

/** Clients answered in a step, described. */
function answersIn(before: SystemState, after: SystemState): string[] {
  const fresh = after.clients.events.slice(before.clients.events.length);
  return fresh.flatMap((event) => {
    if (event.kind !== 'return') return [];
    const op = kvCommand(event.command);
    if (isRead(event.command)) return [`read ${-event.command}: get x → ${event.result.succ ? `"${event.result.value}"` : 'not found'}`];
    return [`${event.command}: ${op.op} ${op.key}${op.op === 'put' ? `=${op.value}` : ''} → ${event.result.succ ? 'ok' : 'no'} ${event.result.value || '""'}`];
  });
}

function messageByKey(state: SystemState, key: string) {
  return state.network.find((m) => m.key === key)!.message;
}

export function describeBatch(batch: PersistBatch<Command>): string {
  const parts: string[] = [];
  if (batch.hardState) parts.push(`term ${batch.hardState.term}, vote ${batch.hardState.votedFor ?? 'none'}`);
  if (batch.entries) parts.push(batch.entries.entries.length === 0 ? `log cut at ${batch.entries.fromIndex}` : `entries ${batch.entries.fromIndex}..${batch.entries.fromIndex + batch.entries.entries.length - 1}`);
  if (batch.snapshot) parts.push(`snapshot through ${batch.snapshot.lastIncludedIndex}`);
  return parts.join('; ');
}

function lostOnCrash(state: SystemState, id: number): string {
  const node = state.nodes[id]!;
  const held = node.pending.reduce((n, w) => n + w.messages.length, 0);
  const writes = node.pending.length;
  const lost = writes === 0 ? 'volatile state only' : `${writes} unwritten batch(es): ${node.pending.map((w) => describeBatch(w.batch)).join(' | ')}`;
  return held > 0 ? `${lost}; ${held} held message(s)` : lost;
}
