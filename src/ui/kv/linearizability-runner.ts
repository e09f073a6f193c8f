import type { AppStore } from '../store/store';
import { historyForCheck, type ClientOp } from './history';

/** Check at most this often (ms), and give each check this much time. */
const DEBOUNCE_MS = 400;
const TIME_BUDGET_MS = 150;
/** Beyond this many operations the page stops checking (a suffix of a history cannot be checked alone). */
export const MAX_CHECKED_OPS = 3000;

/**
 * Runs checkKvHistory over the page's whole client history after operations finish. The checker
 * is loaded on first use (it is not needed to show the cluster).
 */
export class LinearizabilityRunner {
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly history: () => readonly ClientOp[], private readonly store: AppStore) {}

  /** An operation finished: check again soon. */
  request(): void {
    if (this.timer !== null) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.run();
    }, DEBOUNCE_MS);
  }

  cancel(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private async run(): Promise<void> {
    const ops = this.history();
    const set = this.store.getState().setLinearizability;
    if (ops.length === 0) return set({ state: 'idle' });
    if (ops.length > MAX_CHECKED_OPS) return set({ state: 'too-long', operations: ops.length });
    set({ state: 'checking' });
    const { checkKvHistory } = await import('../../checks/linearizability');
    const history = historyForCheck(ops);
    set({ state: 'done', result: checkKvHistory(history, { timeBudgetMs: TIME_BUDGET_MS }), operations: history.length });
  }
}
