import type { ClusterState } from '../../runtime/cluster';

/**
 * The live engine's recent past (issue 9, item 4): the cluster states the page received over the
 * last few minutes, so the user can scrub back over what just happened. A ClusterState is an
 * immutable snapshot, so keeping one costs a reference, not a copy (consecutive states share the
 * views of nodes that did not report in between). The buffer keeps at most one state per
 * SAMPLE_MS of real time over the last RECENT_MS, one per OLD_SAMPLE_MS before that, and forgets
 * what is older than WINDOW_MS: its size is bounded (REWIND_MAX_SAMPLES) however long the page runs.
 * (Measured on an idle 5-node live cluster: 42 states a second, each changing about one node view
 * of ~5 KB as JSON; every view changes within 100 ms under load, so 10 states a second over the
 * whole window could hold ~45 MB of views, the thinned buffer about a quarter of it.)
 *
 * The window is measured back from the newest sample, not from the wall clock: while the cluster
 * is paused nothing arrives and nothing is forgotten, so the last minutes of activity stay.
 */
export const REWIND_WINDOW_MS = 3 * 60_000;
export const REWIND_SAMPLE_MS = 100;
export const REWIND_RECENT_MS = 30_000;
export const REWIND_OLD_SAMPLE_MS = 1000;
export const REWIND_MAX_SAMPLES = REWIND_RECENT_MS / REWIND_SAMPLE_MS + (REWIND_WINDOW_MS - REWIND_RECENT_MS) / REWIND_OLD_SAMPLE_MS + 2;

export interface RewindSample {
  readonly state: ClusterState;
  /** Virtual ms on the cluster clock when it was received. */
  readonly at: number;
  /** Real ms (wall clock) when it was received. */
  readonly wallMs: number;
}

export class RewindBuffer {
  /** Oldest first; `at` never decreases along it. */
  private samples: RewindSample[] = [];
  /** samples[0 .. thinned) are older than the recent stretch and already one per OLD_SAMPLE_MS. */
  private thinned = 0;

  constructor(
    private readonly windowMs = REWIND_WINDOW_MS,
    private readonly sampleMs = REWIND_SAMPLE_MS,
    private readonly recentMs = REWIND_RECENT_MS,
    private readonly oldSampleMs = REWIND_OLD_SAMPLE_MS,
  ) {}

  /**
   * Record a state. The newest sample is provisional until it lies sampleMs after the one before
   * it: until then a later state replaces it. So kept samples are at least sampleMs apart and the
   * buffer always ends with the latest state received. A clock that went back (a new cluster)
   * starts the buffer afresh.
   */
  record(state: ClusterState, at: number, wallMs: number): void {
    const last = this.samples.at(-1);
    if (last && at < last.at) this.clear();
    const sample = { state, at, wallMs };
    const tail = this.samples.at(-1);
    const beforeTail = this.samples.at(-2);
    if (tail && beforeTail && tail.wallMs - beforeTail.wallMs < this.sampleMs) this.samples[this.samples.length - 1] = sample;
    else this.samples.push(sample);
    this.thin(wallMs - this.recentMs);
    this.forget(wallMs - this.windowMs);
  }

  /** The state shown for virtual instant `at`: the newest sample at or before it (the oldest kept, if it is older still). */
  sampleAt(at: number): RewindSample | null {
    let lo = 0;
    let hi = this.samples.length - 1;
    if (hi < 0) return null;
    if (at < this.samples[0]!.at) return this.samples[0]!;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.samples[mid]!.at <= at) lo = mid;
      else hi = mid - 1;
    }
    return this.samples[lo]!;
  }

  /** Virtual ms of the oldest and newest samples (null while empty). */
  range(): { readonly from: number; readonly to: number } | null {
    const first = this.samples[0];
    const last = this.samples.at(-1);
    return first && last ? { from: first.at, to: last.at } : null;
  }

  get length(): number {
    return this.samples.length;
  }

  clear(): void {
    this.samples = [];
    this.thinned = 0;
  }

  /** Samples that have left the recent stretch keep one per oldSampleMs (the newest always stays). */
  private thin(beforeWallMs: number): void {
    while (this.thinned < this.samples.length - 1 && this.samples[this.thinned]!.wallMs < beforeWallMs) {
      const previous = this.samples[this.thinned - 1];
      if (previous && this.samples[this.thinned]!.wallMs - previous.wallMs < this.oldSampleMs) this.samples.splice(this.thinned, 1);
      else this.thinned++;
    }
  }

  private forget(beforeWallMs: number): void {
    let drop = 0;
    // The newest sample always stays, however old.
    while (drop < this.samples.length - 1 && this.samples[drop]!.wallMs < beforeWallMs) drop++;
    if (drop > 0) {
      this.samples = this.samples.slice(drop);
      this.thinned = Math.max(0, this.thinned - drop);
    }
  }
}
