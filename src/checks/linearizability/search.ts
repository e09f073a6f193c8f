import { ConfigCache, zobristKeys } from './cache';
import { ABSENT, ANY_STATE, REFUSED, step, type KeyModel } from './model';
import { NIL, Timeline, callEntry, isCall, opOf } from './timeline';

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

/** Reading the clock on every step would cost more than the step. */
const STEPS_PER_CLOCK_READ = 1024;

/** Decides whether one key's sub-history is linearizable. */
export function searchKey(model: KeyModel, deadline: Deadline): SearchOutcome {
  return new Search(model).run(deadline);
}

/**
 * Wing & Gong's depth-first search (1993) in Lowe's improved form (2017): walk the events in time
 * order; at a call, try to linearize that operation now; at a return whose operation has not been
 * linearized yet, no order of the operations so far works, so undo the most recent choice and try
 * the next candidate after it. Configurations already explored are skipped (see ConfigCache).
 * Invariant: the stack holds a valid linearization of exactly the operations whose bits are set,
 * and `state` is the key's state after it.
 */
class Search {
  private readonly timeline: Timeline;
  private readonly cache: ConfigCache;
  private readonly zobrist: Int32Array;
  private readonly bits: Uint32Array;
  private readonly stackOps: Int32Array;
  private readonly stackStates: Int32Array;
  private depth = 0;
  private state = ABSENT;
  private setHash = 0;
  private longest: number[] = [];

  constructor(private readonly model: KeyModel) {
    const count = model.ops.length;
    this.timeline = new Timeline(model.ops);
    this.bits = new Uint32Array(Math.ceil(count / 32));
    this.cache = new ConfigCache(this.bits.length);
    this.zobrist = zobristKeys(count);
    this.stackOps = new Int32Array(count);
    this.stackStates = new Int32Array(count);
  }

  run(deadline: Deadline): SearchOutcome {
    const { timeline } = this;
    let entry = timeline.next[timeline.head]!;
    // Reaching the end means no return entry is left: every answered operation is linearized
    // (operations without a response have no return entry and may stay out).
    for (let steps = 1; entry !== NIL; steps++) {
      if (steps % STEPS_PER_CLOCK_READ === 0 && deadline.passed()) return this.outcome('timeout');
      if (!isCall(entry)) {
        // This operation returned and is still not linearized: the current prefix is a dead end.
        if (this.depth === 0) return this.outcome('violation');
        entry = this.backtrack();
      } else if (this.tryLinearize(opOf(entry))) {
        entry = timeline.next[timeline.head]!;
      } else {
        entry = timeline.next[entry]!;
      }
    }
    return this.outcome('linearizable');
  }

  /** Appends `op` to the linearization if its output allows it and the configuration is new. */
  private tryLinearize(op: number): boolean {
    const after = step(this.model, op, this.state);
    if (after === REFUSED) return false;
    // An unanswered operation that changes nothing is better left unplaced: it stays available
    // for later, so every future of placing it is also a future of not placing it.
    if (after === this.state && this.model.pre[op] === ANY_STATE) return false;
    this.toggle(op);
    if (!this.cache.add(this.bits, this.setHash, after)) {
      this.toggle(op);
      return false;
    }
    this.stackOps[this.depth] = op;
    this.stackStates[this.depth] = this.state;
    this.depth++;
    this.state = after;
    this.timeline.lift(op);
    if (this.depth > this.longest.length) this.longest = Array.from(this.stackOps.subarray(0, this.depth));
    return true;
  }

  /** Takes back the latest choice; the search resumes at the entry after that operation's call. */
  private backtrack(): number {
    this.depth--;
    const op = this.stackOps[this.depth]!;
    this.state = this.stackStates[this.depth]!;
    this.toggle(op);
    this.timeline.unlift(op);
    return this.timeline.next[callEntry(op)]!;
  }

  private toggle(op: number): void {
    this.bits[op >>> 5]! ^= 1 << (op & 31);
    this.setHash ^= this.zobrist[op]!;
  }

  private outcome(verdict: Verdict): SearchOutcome {
    return { verdict, longest: this.longest, explored: this.cache.size };
  }
}
