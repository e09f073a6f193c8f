import { checkSegment, type KeyProgress } from './segment-check';
import { cutSegments } from './segments';
import { DEFAULT_TIME_BUDGET_MS, type KvOperation, type LinearizabilityResult } from './types';
import { validateHistory } from './validate';

export interface IncrementalOptions {
  /** Wall-clock budget for one `advance`; when it runs out the answer becomes "unknown" for good. */
  readonly timeBudgetMs?: number;
  /** A busy key is cut at the first quiescent point after this many operations (segments.ts). */
  readonly minSegmentOps?: number;
  /** Give up ("unknown") rather than carry more configurations than this across one cut. */
  readonly maxConfigurations?: number;
}

export interface IncrementalStatus {
  /** The verdict on every operation checked so far (ok: linearizable so far). */
  readonly result: LinearizabilityResult;
  /** Operations checked so far (those in segments already searched). */
  readonly checked: number;
  /** Operations received that wait for a quiescent point on their key. */
  readonly waiting: number;
  /** Segments searched so far. */
  readonly segments: number;
}

const DEFAULT_MIN_SEGMENT_OPS = 64;
const DEFAULT_MAX_CONFIGURATIONS = 256;

/**
 * checkKvHistory for a history that never ends: operations arrive in batches, each key's history
 * is cut at quiescent points (segments.ts) and each segment is searched from the configurations
 * the one before may have left (frontier.ts), with the same search as the whole-history check.
 * Linearizability is local (Herlihy & Wing 1990), so keys are cut independently, and the verdict
 * is the one checkKvHistory gives on everything received (property.test.ts checks that). Checked
 * segments are dropped: memory holds the operations waiting for a cut, and per key its
 * configurations and the unanswered operations they may still use.
 *
 * Contract: every batch is followed by `advance(horizon)` where every operation called before
 * `horizon` has been added by then. Once the verdict is a violation or "unknown" it stays so
 * (a violation in a prefix is one in the whole history) and later operations are not kept.
 */
export class IncrementalChecker {
  private readonly keys = new Map<string, KeyProgress>();
  private readonly budgetMs: number;
  private readonly minSegmentOps: number;
  private readonly maxConfigurations: number;
  private checked = 0;
  private waiting = 0;
  private segments = 0;
  private final: LinearizabilityResult | null = null;

  constructor(options: IncrementalOptions = {}) {
    this.budgetMs = options.timeBudgetMs ?? DEFAULT_TIME_BUDGET_MS;
    if (!(this.budgetMs >= 0)) throw new Error(`timeBudgetMs must be a number ≥ 0, not ${this.budgetMs}`);
    this.minSegmentOps = options.minSegmentOps ?? DEFAULT_MIN_SEGMENT_OPS;
    this.maxConfigurations = options.maxConfigurations ?? DEFAULT_MAX_CONFIGURATIONS;
  }

  /** Takes operations in any order. Throws if one is malformed or comes after its key was cut past its call. */
  add(operations: readonly KvOperation[]): void {
    validateHistory(operations);
    if (this.final) return;
    for (const op of operations) {
      const progress = this.progress(op.command.key);
      if (op.call <= progress.lastReturn) {
        throw new Error(`op ${op.id} (called at ${op.call}) arrived after key ${op.command.key} was checked up to ${progress.lastReturn}: the horizon given to advance() was wrong`);
      }
      progress.unchecked.push(op);
      this.waiting++;
    }
  }

  /** Checks every segment that is complete before `horizon`. */
  advance(horizon: number): IncrementalStatus {
    const end = performance.now() + this.budgetMs;
    const deadline = { passed: () => performance.now() >= end };
    for (const [key, progress] of this.keys) {
      if (this.final || progress.unchecked.length === 0) continue;
      const { segments, rest } = cutSegments(progress.unchecked, horizon, this.minSegmentOps);
      progress.unchecked = rest;
      for (const segment of segments) {
        const failure = checkSegment(key, progress, segment, deadline, this.maxConfigurations);
        this.waiting -= segment.length;
        if (failure) {
          this.stop(failure);
          break;
        }
        this.checked += segment.length;
        this.segments++;
      }
    }
    return this.status();
  }

  /** The history has ended: checks everything received. */
  finish(): IncrementalStatus {
    return this.advance(Infinity);
  }

  status(): IncrementalStatus {
    return { result: this.final ?? this.soFar(), checked: this.checked, waiting: this.waiting, segments: this.segments };
  }

  private soFar(): LinearizabilityResult {
    const keysChecked = [...this.keys.values()].filter((p) => p.checkedAny).length;
    const explanation = `All ${this.checked} operations checked so far, on ${keysChecked} key(s), are linearizable.`;
    return { ok: true, timedOut: false, keysChecked, badOperations: [], explanation };
  }

  /** The verdict is final: forget what waits, it can no longer change anything. */
  private stop(result: LinearizabilityResult): void {
    this.final = result;
    this.keys.clear();
    this.waiting = 0;
  }

  private progress(key: string): KeyProgress {
    let progress = this.keys.get(key);
    if (!progress) {
      progress = { unchecked: [], frontier: [{ value: null, available: [] }], open: new Map(), lastReturn: -Infinity, checkedAny: false };
      this.keys.set(key, progress);
    }
    return progress;
  }
}
