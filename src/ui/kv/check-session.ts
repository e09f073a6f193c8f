import { IncrementalChecker, type IncrementalStatus, type KvOperation } from '../../checks/linearizability';

/** Page → checker worker: operations that finished, and how far the history is complete. */
export interface CheckRequest {
  /** The page's history generation (ClientHistory.generation): a new one starts a new check. */
  readonly generation: number;
  readonly ops: readonly KvOperation[];
  readonly horizon: number;
}

/** Checker worker → page. */
export type CheckReply =
  | { readonly generation: number; readonly status: IncrementalStatus }
  | { readonly generation: number; readonly error: string };

/**
 * Time for one batch. Generous: this runs off the main thread, and running out turns the
 * verdict into "unknown" for good (Porcupine's rule: a time-out is never a guess).
 */
export const BATCH_BUDGET_MS = 10_000;

/** The checker's side, with no Worker in it (the worker file wires it to postMessage; tests call it directly). */
export class CheckSession {
  private checker = new IncrementalChecker({ timeBudgetMs: BATCH_BUDGET_MS });
  private generation = 0;

  handle(request: CheckRequest): CheckReply {
    if (request.generation !== this.generation) {
      this.generation = request.generation;
      this.checker = new IncrementalChecker({ timeBudgetMs: BATCH_BUDGET_MS });
    }
    try {
      this.checker.add(request.ops);
      return { generation: this.generation, status: this.checker.advance(request.horizon) };
    } catch (error) {
      return { generation: this.generation, error: error instanceof Error ? error.message : String(error) };
    }
  }
}
