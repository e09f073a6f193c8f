import { ConfigCache, zobristKeys } from './cache';
import { ABSENT, ANY_STATE, REFUSED, step, type KeyModel } from './model';
import { Reachability } from './reachability';
import { NIL, Timeline, callEntry, isCall, opOf } from './timeline';
import { Trail } from './trail';

export type Verdict = 'linearizable' | 'violation' | 'timeout';

export interface SearchOutcome {
  readonly verdict: Verdict;
  /** Indices into model.ops, in linearization order: the longest valid prefix found. */
  readonly longest: readonly number[];
  /** Distinct configurations explored. */
  readonly explored: number;
}

export interface Deadline {
  passed(): boolean;
}

/**
 * Told of each end configuration the search reaches: every answered operation linearized, the
 * key in `state`, and `placedUnanswered` (indices into model.ops) the unanswered operations the
 * order used. Return true to keep searching for other ends, false to stop at this one.
 */
export type EndListener = (state: number, placedUnanswered: readonly number[]) => boolean;

export interface SearchOptions {
  /** The key's state before the first operation (ABSENT for a whole history). */
  readonly initialState?: number;
  /** Without it the search stops at the first linearization it finds. */
  readonly onEnd?: EndListener;
}

/** Reading the clock on every step would cost more than the step. */
const STEPS_PER_CLOCK_READ = 1024;

/**
 * Decides whether one key's sub-history is linearizable from `initialState`. With `onEnd` it goes
 * on past the first linearization and reports every end configuration it reaches (incremental.ts
 * carries them into the next segment). The pruning rules below (and model.ts leaving out
 * unanswered operations nobody observes) may skip an end, but only one that an end they keep
 * dominates: the same state with fewer operations unused, or one that applying some of its unused
 * unanswered operations reaches (frontier.ts); incremental.test.ts checks the verdicts agree.
 */
export function searchKey(model: KeyModel, deadline: Deadline, options: SearchOptions = {}): SearchOutcome {
  return new Search(model, options.initialState ?? ABSENT).run(deadline, options.onEnd);
}

/**
 * Wing & Gong's depth-first search (1993) with Lowe's improvements (2017), laid out as in
 * Porcupine: walk the events in time order; at a call, try to linearize that operation now; at a
 * return whose operation is still not linearized, no order of the operations so far works, so undo
 * the latest choice and try the next candidate after it. Explored configurations are skipped
 * (ConfigCache). Invariant: the trail is a valid linearization of exactly the operations whose
 * bits are set, and `state` is the key's state after it.
 */
class Search {
  private readonly timeline: Timeline;
  private readonly cache: ConfigCache;
  private readonly zobrist: Int32Array;
  private readonly bits: Uint32Array;
  private readonly trail: Trail;
  private readonly reachability: Reachability;
  private state: number;
  private setHash = 0;

  constructor(private readonly model: KeyModel, initialState: number) {
    this.state = initialState;
    const count = model.ops.length;
    this.timeline = new Timeline(model.ops);
    this.bits = new Uint32Array(Math.ceil(count / 32));
    this.cache = new ConfigCache(this.bits.length);
    this.zobrist = zobristKeys(count);
    this.trail = new Trail(count);
    this.reachability = new Reachability(model);
  }

  run(deadline: Deadline, onEnd?: EndListener): SearchOutcome {
    let ended = false;
    let entry = this.arrive();
    for (let steps = 1; ; steps++) {
      if (steps % STEPS_PER_CLOCK_READ === 0 && deadline.passed()) return this.outcome('timeout');
      if (entry === NIL) {
        // No return entry is left: every answered operation is linearized (unanswered operations
        // have no return entry and may stay out). An end; look for others only if asked to.
        ended = true;
        if (!onEnd?.(this.state, this.placedUnanswered()) || this.trail.depth === 0) return this.outcome('linearizable');
        entry = this.backtrack();
      } else if (!isCall(entry)) {
        // This operation has returned and is still not linearized: the current prefix is a dead end.
        if (this.trail.depth === 0) return this.outcome(ended ? 'linearizable' : 'violation');
        entry = this.backtrack();
      } else if (this.tryLinearize(opOf(entry))) {
        entry = this.arrive();
      } else {
        entry = this.timeline.next[entry]!;
      }
    }
  }

  private placedUnanswered(): number[] {
    return this.trail.stack().filter((op) => this.isUnanswered(op));
  }

  /**
   * Called on reaching a new configuration. If a candidate reads the current state and leaves it
   * as it is (a get that sees it, a del of an absent key), it is linearized at once and no other
   * move is tried here: it could be moved to the front of any completion, since nothing still
   * pending returned before it was called. Returns the entry to scan from; a return entry if this
   * configuration turns out to be a dead end.
   */
  private arrive(): number {
    for (;;) {
      const first = this.timeline.next[this.timeline.head]!;
      const free = this.findFreeCandidate(first);
      if (free === NIL) return first;
      if (!this.place(free, this.state, true)) return this.firstReturnEntry();
    }
  }

  private findFreeCandidate(first: number): number {
    for (let entry = first; entry !== NIL && isCall(entry); entry = this.timeline.next[entry]!) {
      const op = opOf(entry);
      if (!this.isUnanswered(op) && step(this.model, op, this.state) === this.state) return op;
    }
    return NIL;
  }

  /** Only called when an answered operation is unlinearized, so a return entry exists. */
  private firstReturnEntry(): number {
    let entry = this.timeline.next[this.timeline.head]!;
    while (isCall(entry)) entry = this.timeline.next[entry]!;
    return entry;
  }

  /** Linearizes `op` next if its output allows it, the pruning rules let it, and the configuration is new. */
  private tryLinearize(op: number): boolean {
    const after = step(this.model, op, this.state);
    if (after === REFUSED) return false;
    if (this.isUnanswered(op) && (after === this.state || this.lastWasUnanswered())) return false;
    return this.place(op, after, false);
  }

  private place(op: number, after: number, forced: boolean): boolean {
    this.reachability.place(op);
    if (after !== this.state && this.reachability.strandedByLeaving(this.state)) {
      // A valid prefix, but a dead end: still worth reporting if it is the longest, unless the
      // move was an unanswered operation, which is only a guess (blaming a lost del that the
      // search tried somewhere would mislead).
      if (!this.isUnanswered(op)) this.trail.noteAttempt(op);
      this.reachability.unplace(op);
      return false;
    }
    this.toggle(op);
    // Whether the last operation was unanswered changes which moves may follow, so it is part of
    // the configuration.
    if (!this.cache.add(this.bits, this.setHash, after * 2 + (this.isUnanswered(op) ? 1 : 0))) {
      this.toggle(op);
      this.reachability.unplace(op);
      return false;
    }
    this.trail.push(op, this.state, forced);
    this.state = after;
    this.timeline.lift(op);
    return true;
  }

  /**
   * Takes back the latest choice; the scan resumes at the entry after that operation's call. A
   * forced move had no alternatives, so the configuration before it is a dead end too: resume at a
   * return entry, which backtracks again.
   */
  private backtrack(): number {
    const op = this.trail.topOp();
    const forced = this.trail.topWasForced();
    this.state = this.trail.topStateBefore();
    this.trail.pop();
    this.toggle(op);
    this.reachability.unplace(op);
    this.timeline.unlift(op);
    return forced ? this.firstReturnEntry() : this.timeline.next[callEntry(op)]!;
  }

  /*
   * Unanswered operations are optional, and leaving one unplaced keeps it available for later, so
   * every future of placing it is also a future of not placing it. Two pruning rules follow, each
   * keeping at least one linearization if any exists: never place an unanswered operation that
   * leaves the state as it was; never place two in a row (the second ignores the state the first
   * left and its output is unconstrained, so it alone has the same effect).
   */
  private isUnanswered(op: number): boolean {
    return this.model.pre[op] === ANY_STATE;
  }

  private lastWasUnanswered(): boolean {
    return this.trail.depth > 0 && this.isUnanswered(this.trail.topOp());
  }

  private toggle(op: number): void {
    this.bits[op >>> 5]! ^= 1 << (op & 31);
    this.setHash ^= this.zobrist[op]!;
  }

  private outcome(verdict: Verdict): SearchOutcome {
    return { verdict, longest: this.trail.longest(), explored: this.cache.size };
  }
}
