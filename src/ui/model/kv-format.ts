import type { KvCommand, KvResult } from '../../kv/types';
import { MAX_KEY_LENGTH, MAX_VALUE_LENGTH } from '../../kv/types';
import { validateKvCommand } from '../../kv/validate';

/** The KV panel's words: results with the lab's semantics, and what is wrong with a form. */

/** What a result means, in the lab's semantics (src/kv/types.ts). */
export function describeResult(command: KvCommand, result: KvResult): string {
  const key = result.key;
  switch (command.op) {
    case 'put': return result.succ ? `created ${key} = "${result.value}"` : `replaced ${key} (was "${result.value}")`;
    case 'get': return result.succ ? `${key} = "${result.value}"` : `${key} is not set`;
    case 'del': return result.succ ? `deleted ${key} (was "${result.value}")` : `${key} was not set`;
  }
}

/** "put x=1" */
export function describeCommand(command: KvCommand): string {
  return command.op === 'put' ? `put ${command.key}=${clip(command.value, 16)}` : `${command.op} ${command.key}`;
}

/** The message a form shows for a command that cannot be sent, or null if it can. */
export function formProblem(command: KvCommand): string | null {
  if (command.key.length === 0) return 'Enter a key.';
  if (command.key.length > MAX_KEY_LENGTH) return `The key is ${command.key.length.toLocaleString('en-US')} characters; at most ${MAX_KEY_LENGTH} are allowed.`;
  if (command.op === 'put' && command.value.length > MAX_VALUE_LENGTH) {
    return `The value is ${command.value.length.toLocaleString('en-US')} characters; at most ${MAX_VALUE_LENGTH.toLocaleString('en-US')} (64 KiB) are allowed.`;
  }
  try {
    validateKvCommand(command);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

export function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
