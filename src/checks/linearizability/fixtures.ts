import type { KvCommand, KvResult } from '../../kv/types';
import type { KvOperation } from './types';

/*
 * A small language for hand-written test histories:
 *   history(put('x', '1', [0, 1], 'new'), get('x', [2, 3], '1'), del('x', [4, null]))
 * An interval [call, null] is an operation that never got a response (then give no outcome).
 * Ids are 1, 2, 3… in order, and clients c1, c2… unless `by(client, …)` says otherwise.
 */

type Interval = readonly [call: number, ret: number | null];

export interface OperationSpec {
  readonly command: KvCommand;
  readonly call: number;
  readonly return: number | null;
  readonly result?: KvResult;
  readonly client?: string;
}

/** put `value`: 'new' if the key was absent, { replaced: old } if it held `old`. */
export function put(key: string, value: string, [call, ret]: Interval, outcome?: 'new' | { replaced: string }): OperationSpec {
  const result = outcome === undefined ? undefined : outcome === 'new' ? { succ: true, key, value } : { succ: false, key, value: outcome.replaced };
  return spec({ op: 'put', key, value }, call, ret, result);
}

/** get: `saw` is the value read, or null if the key was absent. */
export function get(key: string, [call, ret]: Interval, saw?: string | null): OperationSpec {
  return spec({ op: 'get', key }, call, ret, presence(key, saw));
}

/** del: `removed` is the value it removed, or null if the key was absent. */
export function del(key: string, [call, ret]: Interval, removed?: string | null): OperationSpec {
  return spec({ op: 'del', key }, call, ret, presence(key, removed));
}

export function by(client: string, operation: OperationSpec): OperationSpec {
  return { ...operation, client };
}

export function history(...specs: OperationSpec[]): KvOperation[] {
  return specs.map(({ client, ...rest }, index) => ({ id: index + 1, client: client ?? `c${index + 1}`, ...rest }));
}

function presence(key: string, value: string | null | undefined): KvResult | undefined {
  if (value === undefined) return undefined;
  return value === null ? { succ: false, key, value: '' } : { succ: true, key, value };
}

function spec(command: KvCommand, call: number, ret: number | null, result: KvResult | undefined): OperationSpec {
  if ((ret === null) !== (result === undefined)) throw new Error('fixture: give an outcome exactly when the operation returns');
  return result === undefined ? { command, call, return: ret } : { command, call, return: ret, result };
}
