import type { KvCommand, KvResult } from '../../kv/types';

/** One client operation as a history recorder saw it: an invocation and, maybe, a response. */
export interface KvOperation {
  /** Unique within the history. */
  readonly id: number;
  /** Who issued it (for display only). */
  readonly client: string;
  readonly command: KvCommand;
  /** Invocation time (ms, any clock shared by the whole history). */
  readonly call: number;
  /**
   * Response time, or null when no response was seen (timed out, client crashed): the operation
   * may or may not have taken effect, at any instant after `call`, and its output is unknown.
   */
  readonly return: number | null;
  /** Present iff `return !== null`. */
  readonly result?: KvResult;
}

export interface LinearizabilityResult {
  /** True iff every key's sub-history is linearizable. Never true when the search gave up. */
  readonly ok: boolean;
  /** The time budget ran out before an answer; `ok` is then false and `explanation` says so. */
  readonly timedOut: boolean;
  /** Keys whose check finished (the failing key included). */
  readonly keysChecked: number;
  readonly failingKey?: string;
  /**
   * Ids a UI should mark: answered operations of the failing key that cannot be linearized after
   * `longestPartial` (see explain.ts for which ones are chosen). Empty unless a violation was found.
   */
  readonly badOperations: readonly number[];
  /**
   * Ids in linearization order: the longest valid prefix the search reached for the failing key
   * (the search prunes, so a longer valid prefix may exist; this one ends where things went wrong).
   */
  readonly longestPartial?: readonly number[];
  /** One or two sentences for a human. */
  readonly explanation: string;
}

export interface CheckOptions {
  /** Wall-clock budget for the whole history; when it runs out the answer is "timed out", not "ok". */
  readonly timeBudgetMs?: number;
}

export const DEFAULT_TIME_BUDGET_MS = 10_000;
