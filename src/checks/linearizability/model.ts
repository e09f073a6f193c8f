import type { KvOperation } from './types';

/*
 * The sequential specification of one key (src/kv/types.ts, the lab's result semantics), compiled
 * to integers so the search compares numbers, not strings. A key's state is ABSENT or the id of
 * the value it holds. Every answered operation's output pins down exactly one state it can have
 * run in (`pre`), and every operation leads to one state (`post`):
 *   get k      → (true, v): pre = v          (false, ""): pre = ABSENT     post = unchanged
 *   del k      → (true, v): pre = v          (false, ""): pre = ABSENT     post = ABSENT
 *   put k v    → (true, v): pre = ABSENT     (false, w):  pre = w          post = v
 * An output no state could produce (a value no put ever wrote, put (true, w) with w ≠ v,
 * (false, "x")) gets pre = NO_STATE. An operation without a response can run in any state.
 */

export const ABSENT = 0;
/** `pre` of an operation with no response: its output is unknown, so any state will do. */
export const ANY_STATE = -1;
/** `pre` of an output that no state can produce. */
export const NO_STATE = -2;
/** `post` of a get. */
export const UNCHANGED = -1;
/** What `step` returns when the operation's output rules out the current state. */
export const REFUSED = -1;

export interface KeyModel {
  readonly key: string;
  /** Search index i stands for ops[i]. Operations that cannot matter are left out (see `isIrrelevant`). */
  readonly ops: readonly KvOperation[];
  readonly pre: Int32Array;
  readonly post: Int32Array;
  /** values[id] is the value with that state id; values[0] stands for ABSENT. */
  readonly values: readonly string[];
}

/** Next state after running op `op` in `state`, or REFUSED if its recorded output rules that out. */
export function step(model: KeyModel, op: number, state: number): number {
  const pre = model.pre[op]!;
  if (pre !== ANY_STATE && pre !== state) return REFUSED;
  const post = model.post[op]!;
  return post === UNCHANGED ? state : post;
}

/**
 * `startValues` are values the key may hold before the first operation (a segment checked after
 * another, incremental.ts): they get state ids even if no put in `operations` writes them.
 */
export function compileKey(key: string, operations: readonly KvOperation[], startValues: readonly string[] = []): KeyModel {
  const valueIds = new Map<string, number>();
  const values = [''];
  for (const value of startValues) {
    if (!valueIds.has(value)) {
      valueIds.set(value, values.length);
      values.push(value);
    }
  }
  for (const { command } of operations) {
    if (command.op === 'put' && !valueIds.has(command.value)) {
      valueIds.set(command.value, values.length);
      values.push(command.value);
    }
  }
  const pres = operations.map((operation) => preState(operation, valueIds));
  const posts = operations.map((operation) => postState(operation, valueIds));
  const observed = new Set(pres);
  const keep = operations.map((operation, i) => !isIrrelevant(operation, posts[i]!, observed));
  const pick = <T>(list: readonly T[]) => list.filter((_, i) => keep[i]);
  return { key, ops: pick(operations), pre: Int32Array.from(pick(pres)), post: Int32Array.from(pick(posts)), values };
}

/** The state id of `value` (null: absent). The value must be one the model knows. */
export function stateOfValue(model: KeyModel, value: string | null): number {
  if (value === null) return ABSENT;
  // From 1: values[0] stands for ABSENT, and a put may write the empty string too.
  const id = model.values.indexOf(value, 1);
  if (id < 0) throw new Error(`key ${model.key}: the value ${value} is not in the model`);
  return id;
}

/** The value the key holds in `state` (null: absent). */
export function valueOfState(model: KeyModel, state: number): string | null {
  return state === ABSENT ? null : model.values[state]!;
}

/**
 * An operation without a response that no answered operation could notice. A get changes
 * nothing. A put whose value no answered operation reports leaves a state from which only other
 * unanswered writes can continue, and they overwrite it: the same as never having run it.
 */
function isIrrelevant(operation: KvOperation, post: number, observed: ReadonlySet<number>): boolean {
  if (operation.return !== null) return false;
  return operation.command.op === 'get' || (operation.command.op === 'put' && !observed.has(post));
}

function preState({ command, result }: KvOperation, valueIds: ReadonlyMap<string, number>): number {
  if (!result) return ANY_STATE;
  const idOf = (value: string) => valueIds.get(value) ?? NO_STATE;
  if (command.op === 'put') {
    if (!result.succ) return idOf(result.value);
    return result.value === command.value ? ABSENT : NO_STATE;
  }
  if (result.succ) return idOf(result.value);
  return result.value === '' ? ABSENT : NO_STATE;
}

function postState({ command }: KvOperation, valueIds: ReadonlyMap<string, number>): number {
  if (command.op === 'get') return UNCHANGED;
  if (command.op === 'del') return ABSENT;
  return valueIds.get(command.value)!;
}
