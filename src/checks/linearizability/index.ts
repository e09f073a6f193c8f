import { explainViolation } from './explain';
import { compileKey } from './model';
import { partitionByKey } from './partition';
import { searchKey, type Deadline } from './search';
import { DEFAULT_TIME_BUDGET_MS, type CheckOptions, type KvOperation, type LinearizabilityResult } from './types';
import { validateHistory } from './validate';

export type { CheckOptions, KvOperation, LinearizabilityResult } from './types';
export { DEFAULT_TIME_BUDGET_MS } from './types';
export { IncrementalChecker, type IncrementalOptions, type IncrementalStatus } from './incremental';

/**
 * Is this history of KV operations linearizable (Herlihy & Wing 1990)? That is: can every answered
 * operation, and any subset of the unanswered ones, be given an instant inside its interval so that
 * running them in that order on one sequential store gives exactly the recorded results?
 * Throws if the history is malformed. Stops at the first key that fails, or when the budget ends.
 */
export function checkKvHistory(history: readonly KvOperation[], options: CheckOptions = {}): LinearizabilityResult {
  validateHistory(history);
  const budgetMs = options.timeBudgetMs ?? DEFAULT_TIME_BUDGET_MS;
  // NaN would silently mean "no budget"; Infinity is allowed and does mean that.
  if (!(budgetMs >= 0)) throw new Error(`timeBudgetMs must be a number ≥ 0, not ${budgetMs}`);
  const deadline = deadlineAfter(budgetMs);
  let keysChecked = 0;
  for (const [key, operations] of partitionByKey(history)) {
    if (deadline.passed()) return timedOut(key, keysChecked, budgetMs);
    const model = compileKey(key, operations);
    const outcome = searchKey(model, deadline);
    if (outcome.verdict === 'timeout') return timedOut(key, keysChecked, budgetMs);
    keysChecked++;
    if (outcome.verdict === 'violation') {
      const { badOperations, explanation } = explainViolation(model, outcome.longest);
      const longestPartial = outcome.longest.map((i) => model.ops[i]!.id);
      return { ok: false, timedOut: false, keysChecked, failingKey: key, badOperations, longestPartial, explanation };
    }
  }
  const explanation = `All ${keysChecked} key(s) are linearizable (${history.length} operations).`;
  return { ok: true, timedOut: false, keysChecked, badOperations: [], explanation };
}

function deadlineAfter(budgetMs: number): Deadline {
  const end = performance.now() + budgetMs;
  return { passed: () => performance.now() >= end };
}

function timedOut(key: string, keysChecked: number, budgetMs: number): LinearizabilityResult {
  const explanation =
    `Gave up on key ${key} after the ${budgetMs} ms budget ran out (${keysChecked} key(s) checked and fine): ` +
    'the history is not known to be linearizable.';
  return { ok: false, timedOut: true, keysChecked, badOperations: [], explanation };
}
