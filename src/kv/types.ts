/**
 * A client session (Raft thesis §6.3): a client numbers its commands, so a command retried after a
 * leader change is applied once and the retry gets the first application's result.
 */
export interface KvSession {
  readonly client: string;
  readonly seq: number;
}

/** Commands of the replicated key-value store (the lab's kv_command). */
export type KvCommand =
  | { readonly op: 'put'; readonly key: string; readonly value: string; readonly session?: KvSession }
  | { readonly op: 'get'; readonly key: string; readonly session?: KvSession }
  | { readonly op: 'del'; readonly key: string; readonly session?: KvSession };

export type KvOp = KvCommand['op'];

/**
 * The lab's result semantics:
 * - get: succ = key present; value = its value, or "".
 * - del: succ = key was present; value = the old value, or "".
 * - put: succ = true if the key was new (value = the new value); false if it replaced one (value = the old value).
 */
export interface KvResult {
  readonly succ: boolean;
  readonly key: string;
  readonly value: string;
}

export const MAX_KEY_LENGTH = 256;
export const MAX_VALUE_LENGTH = 64 * 1024;
