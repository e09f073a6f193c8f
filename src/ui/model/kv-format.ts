import type { KvCommand, KvResult } from '../../kv/types';
import { validateKvCommand } from '../../kv/validate';
import { clipText, isolate } from './user-text';

/**
 * The KV panel's words: results with the lab's semantics, and what is wrong with a form. Keys and
 * values are user text: each goes through `isolate` (escaped, bidi-isolated; src/ui/model/user-text.ts),
 * so these strings are safe in a tooltip as they are, and components show them with <RichText>.
 */

/** What a result means, in the lab's semantics (src/kv/types.ts). */
export function describeResult(command: KvCommand, result: KvResult): string {
  const key = isolate(result.key);
  const value = isolate(clipText(result.value, 40));
  switch (command.op) {
    case 'put': return result.succ ? `created ${key} = "${value}"` : `replaced ${key} (was "${value}")`;
    case 'get': return result.succ ? `${key} = "${value}"` : `${key} is not set`;
    case 'del': return result.succ ? `deleted ${key} (was "${value}")` : `${key} was not set`;
  }
}

/** "put x=1" */
export function describeCommand(command: KvCommand): string {
  const key = isolate(clipText(command.key, 40));
  return command.op === 'put' ? `put ${key}=${isolate(clipText(command.value, 16))}` : `${command.op} ${key}`;
}

/** The message a form shows for a command that cannot be sent, or null if it can. */
export function formProblem(command: KvCommand): string | null {
  if (command.key.length === 0) return 'Enter a key.';
  try {
    validateKvCommand(command);
    return null;
  } catch (error) {
    return sentence((error as Error).message);
  }
}

/** The validator's words as a sentence: "the key is …" → "The key is ….". */
function sentence(message: string): string {
  return `${message.charAt(0).toUpperCase()}${message.slice(1)}.`;
}
