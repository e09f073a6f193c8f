import type { KvOperation } from './types';

const MAX_SHOWN = 40;

/** A value as a human reads it in an explanation: quoted, long ones cut short. */
export function quote(value: string): string {
  return value.length > MAX_SHOWN ? `'${value.slice(0, MAX_SHOWN)}…'` : `'${value}'`;
}

/** E.g. "get k3 → 'v2' (op 17, client c1)" or "put k3 'v5' → replaced 'v4' (op 12, client c2)". */
export function describeOperation(operation: KvOperation): string {
  return `${describeCall(operation)} ${describeOutput(operation)} (op ${operation.id}, client ${operation.client})`;
}

function describeCall({ command }: KvOperation): string {
  return command.op === 'put' ? `put ${command.key} ${quote(command.value)}` : `${command.op} ${command.key}`;
}

function describeOutput({ command, result }: KvOperation): string {
  if (!result) return '(no response)';
  const { succ, value } = result;
  if (command.op === 'put' && succ && value === command.value) return '→ new';
  if (command.op === 'put' && !succ) return `→ replaced ${quote(value)}`;
  if (command.op !== 'put' && succ) return `→ ${quote(value)}`;
  if (command.op !== 'put' && value === '') return '→ absent';
  return `→ succ=${succ}, value ${quote(value)}`;
}
