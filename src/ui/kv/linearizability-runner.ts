import type { AppStore } from '../store/store';
import type { CheckReply, CheckRequest } from './check-session';
import { historyForCheck, type ClientHistory } from './history';

/** Hand finished operations to the checker at most this often (ms). */
const DEBOUNCE_MS = 400;

/** The part of a Worker the runner uses (tests pass an in-process one). */
export interface CheckerPort {
  postMessage(request: CheckRequest): void;
  onmessage: ((event: MessageEvent<CheckReply>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

const spawnCheckerWorker = (): CheckerPort =>
  new Worker(new URL('./linearizability.worker.ts', import.meta.url), { type: 'module' }) as unknown as CheckerPort;

/**
 * Checks the page's whole client history for linearizability, off the main thread. After
 * operations finish it takes them from the history (which then forgets them) and posts them to
 * the checker's worker with the history's horizon; the worker checks each key up to its latest
 * quiescent point and answers with the verdict so far. The worker starts on first use.
 */
export class LinearizabilityRunner {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private port: CheckerPort | null = null;
  /** The history generation the worker was last told about; operations sent in it. */
  private generation = -1;
  private sent = 0;

  constructor(
    private readonly history: () => ClientHistory,
    private readonly store: AppStore,
    private readonly connect: () => CheckerPort = spawnCheckerWorker,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** An operation finished: hand it over soon. */
  request(): void {
    if (this.timer !== null) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flush();
    }, DEBOUNCE_MS);
  }

  cancel(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  /**
   * The simulated run forked at virtual ms `at` (src/engine/run.ts): stop checking, keeping the last
   * verdict, since operations of the dropped future were already handed to the worker. A reset
   * (the store's clearOps) starts checking again.
   */
  forked(at: number): void {
    const store = this.store.getState();
    if (store.linearizability.state === 'forked') return;
    this.cancel();
    this.history().takeFinished();
    store.setLinearizability({ state: 'forked', at, before: store.linearizability });
  }

  /** Posts what finished since the last flush (also called by request's timer). */
  flush(): void {
    const log = this.history();
    if (this.store.getState().linearizability.state === 'forked') {
      log.takeFinished(); // not checked, and not kept either
      return;
    }
    if (log.generation !== this.generation) {
      this.generation = log.generation;
      this.sent = 0;
    }
    const ops = historyForCheck(log.takeFinished());
    if (ops.length === 0 && this.sent === 0) return;
    this.sent += ops.length;
    if (this.store.getState().linearizability.state === 'idle') this.store.getState().setLinearizability({ state: 'checking' });
    this.worker().postMessage({ generation: this.generation, ops, horizon: log.horizon(this.now()) });
  }

  private worker(): CheckerPort {
    if (!this.port) {
      this.port = this.connect();
      this.port.onmessage = (event) => this.answer(event.data);
      this.port.onerror = (event) => this.store.getState().setLinearizability({ state: 'failed', reason: event.message || 'the checker worker failed' });
    }
    return this.port;
  }

  private answer(reply: CheckReply): void {
    // An answer about the history before a reset is about a cluster that is gone.
    if (reply.generation !== this.history().generation) return;
    if (this.store.getState().linearizability.state === 'forked') return;
    const set = this.store.getState().setLinearizability;
    if ('error' in reply) return set({ state: 'failed', reason: reply.error });
    const { result, checked, waiting } = reply.status;
    set({ state: 'done', result, operations: checked, waiting });
  }
}
