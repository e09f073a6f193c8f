import { checkKvHistory, type KvOperation } from '../checks/linearizability';
import { KvStateMachine } from '../kv/machine';
import type { KvResult } from '../kv/types';
import { isRead, kvCommand, type Clients } from './clients';
import type { Command } from './types';

/**
 * The key-value store's semantics in the model (clients.ts): each node's unmodified src/kv machine,
 * and src/checks' linearizability checker over the clients' history — the one checker the project
 * has, not a second.
 */
const encoder = new TextEncoder();
const decoder = new TextDecoder();
const EMPTY_STORE = '';

/**
 * A node's store after it applies `command`, as the machine's own snapshot text, and the result.
 * A leader's no-op (command 0, with reads: §8) leaves the store as it is and answers no one.
 */
export function applyToStore(store: string, command: Command): { store: string; result?: KvResult } {
  if (command === 0) return { store };
  const machine = machineOf(store);
  const result = machine.apply(kvCommand(command));
  return { store: decoder.decode(machine.snapshot()), result };
}

/** A read answered from a node's store as it stands (thesis §6.4 step 4: the state applied through the read index). */
export function queryStore(store: string, command: Command): KvResult {
  return machineOf(store).query(kvCommand(command));
}

function machineOf(store: string): KvStateMachine {
  const machine = new KvStateMachine();
  if (store !== EMPTY_STORE) machine.restore(encoder.encode(store));
  return machine;
}

/** Null if the clients' history is linearizable, else why not. Times are positions in the history. */
export function notLinearizable(clients: Clients): string | null {
  const operations = new Map<Command, { call: number; return: number | null; result?: KvResult }>();
  clients.events.forEach((event, time) => {
    if (event.kind === 'call') operations.set(event.command, { call: time, return: null });
    else operations.set(event.command, { ...operations.get(event.command)!, return: time, result: event.result });
  });
  const history: KvOperation[] = [...operations].map(([command, op]) => ({ id: command, client: isRead(command) ? `reader ${-command}` : `client ${command}`, command: kvCommand(command), ...op }));
  const verdict = checkKvHistory(history, { timeBudgetMs: Infinity });
  return verdict.ok ? null : verdict.explanation;
}

