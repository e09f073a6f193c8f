import { validateKvCommand } from '../../kv/validate';
import type { KvResult } from '../../kv/types';
import type { KvOperation } from './types';

/**
 * Rejects a history the checker could not judge fairly: a malformed operation would otherwise
 * surface as a bogus "not linearizable". Throws an Error naming the operation and the problem.
 */
export function validateHistory(history: readonly KvOperation[]): void {
  if (!Array.isArray(history)) throw new Error('a history must be an array of operations');
  const seen = new Set<number>();
  history.forEach((operation, index) => {
    const where = describePosition(operation, index);
    const problem = findProblem(operation);
    if (problem) throw new Error(`${where}: ${problem}`);
    if (seen.has(operation.id)) throw new Error(`${where}: the id ${operation.id} is used twice`);
    seen.add(operation.id);
  });
}

function describePosition(operation: unknown, index: number): string {
  const id = (operation as { id?: unknown } | null)?.id;
  return typeof id === 'number' ? `history[${index}] (op ${id})` : `history[${index}]`;
}

function findProblem(operation: KvOperation): string | null {
  if (typeof operation !== 'object' || operation === null) return 'an operation must be an object';
  if (!Number.isSafeInteger(operation.id)) return 'the id must be an integer';
  if (typeof operation.client !== 'string') return 'the client must be a string';
  try {
    validateKvCommand(operation.command);
  } catch (error) {
    return `bad command: ${(error as Error).message}`;
  }
  return findTimingProblem(operation) ?? findResultProblem(operation);
}

function findTimingProblem({ call, return: ret }: KvOperation): string | null {
  if (typeof call !== 'number' || !Number.isFinite(call)) return 'the call time must be a finite number';
  if (ret === null) return null;
  if (typeof ret !== 'number' || !Number.isFinite(ret)) return 'the return time must be a finite number or null';
  if (ret < call) return `it returns at ${ret}, before its call at ${call}`;
  return null;
}

function findResultProblem({ return: ret, result, command }: KvOperation): string | null {
  if (ret === null) return result === undefined ? null : 'it has a result but no return time (return is null)';
  if (result === undefined) return `it returned at ${ret} but has no result`;
  if (!isResultShape(result)) return 'the result must be { succ: boolean, key: string, value: string }';
  if (result.key !== command.key) return `the result is for key '${result.key}' but the command is on key '${command.key}'`;
  return null;
}

function isResultShape(result: unknown): result is KvResult {
  const { succ, key, value } = (result ?? {}) as Record<string, unknown>;
  return typeof succ === 'boolean' && typeof key === 'string' && typeof value === 'string';
}
