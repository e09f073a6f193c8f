/**
 * The virtual clock: a priority queue of actions by (time, insertion order). Time only moves when
 * the next action runs, so a run is deterministic and as fast as the CPU allows.
 *
 * An action is a closure (tests, scripts) or a call as data — a receiver, a method name and
 * arguments that are values — which is what lets time travel copy a whole simulation (copy()):
 * a closure would still point into the world it was made in.
 */
export interface ScheduledCall {
  readonly receiver: object;
  readonly method: string;
  /** Values only (numbers, messages, batches): they are shared by every copy. */
  readonly args: readonly unknown[];
}

interface Scheduled {
  readonly time: number;
  readonly seq: number;
  readonly action: (() => void) | ScheduledCall;
  /** The virtual time it was scheduled at (explore mode shows when a message was sent). */
  readonly madeAt: number;
}

/** A pending action as explore mode (src/sim/explore.ts) sees it: a call as data, or null for a closure. */
export interface PendingAction {
  readonly time: number;
  /** Its place in the queue's order: unique, and the same in a copy and in a replay of the run. */
  readonly seq: number;
  readonly madeAt: number;
  readonly call: ScheduledCall | null;
}

export class Scheduler {
  private heap: Scheduled[] = [];
  private seq = 0;
  private _now = 0;
  /** Actions run so far. */
  steps = 0;

  get now(): number {
    return this._now;
  }

  get pending(): number {
    return this.heap.length;
  }

  /** Run `action` at virtual time `time` (never in the past). */
  at(time: number, action: () => void): void {
    this.push({ time: Math.max(time, this._now), seq: this.seq++, action, madeAt: this._now });
  }

  after(delayMs: number, action: () => void): void {
    this.at(this._now + delayMs, action);
  }

  /** Call `receiver[method](...args)` after `delayMs`; the arguments must be values (see ScheduledCall). */
  callAfter<T extends object>(delayMs: number, receiver: T, method: keyof T & string, ...args: unknown[]): void {
    this.push({ time: Math.max(this._now + delayMs, this._now), seq: this.seq++, action: { receiver, method, args }, madeAt: this._now });
  }

  /** The same, at virtual time `time` (never in the past). */
  callAt<T extends object>(time: number, receiver: T, method: keyof T & string, ...args: unknown[]): void {
    this.push({ time: Math.max(time, this._now), seq: this.seq++, action: { receiver, method, args }, madeAt: this._now });
  }

  /** When the earliest action is due (Infinity: none). */
  nextTime(): number {
    return this.heap[0]?.time ?? Infinity;
  }

  /** Move the clock to `time` without running anything; nothing may be due before it. */
  advanceTo(time: number): void {
    if (this.nextTime() < time) throw new Error(`cannot move the clock to ${time} ms: an action is due at ${this.nextTime()} ms`);
    if (time > this._now) this._now = time;
  }

  /**
   * An independent scheduler in the same state, whose calls go to `map(receiver)` (the receiver's
   * copy in the copied world). Closures cannot be copied: a scheduler holding one refuses.
   */
  copy(map: (receiver: object) => object): Scheduler {
    const copy = new Scheduler();
    copy.seq = this.seq;
    copy._now = this._now;
    copy.steps = this.steps;
    copy.heap = this.heap.map((item) => {
      if (typeof item.action === 'function') throw new Error('a scheduler holding closures cannot be copied: schedule calls (callAfter) instead');
      return { time: item.time, seq: item.seq, action: { ...item.action, receiver: map(item.action.receiver) }, madeAt: item.madeAt };
    });
    return copy;
  }

  /** Run the earliest action; false if there is none. */
  runNext(): boolean {
    const next = this.pop();
    if (!next) return false;
    this._now = next.time;
    this.steps++;
    this.run(next.action);
    return true;
  }

  /** Every pending action, in the order they would run (time, then seq). */
  list(): PendingAction[] {
    return [...this.heap].sort(compare).map(({ time, seq, madeAt, action }) => ({ time, seq, madeAt, call: typeof action === 'function' ? null : action }));
  }

  /** Take the action numbered `seq` out of the queue without running it (explore mode's drop); false if none is pending. */
  cancel(seq: number): boolean {
    return this.take(seq) !== undefined;
  }

  /**
   * Run the action numbered `seq` now, before anything due earlier, without moving the clock
   * (explore mode's deliver); it counts as a step. False if none is pending.
   */
  runNow(seq: number): boolean {
    const item = this.take(seq);
    if (!item) return false;
    this.steps++;
    this.run(item.action);
    return true;
  }

  /** Run every action due at or before `time`, then set the clock to `time`. */
  runUntil(time: number): void {
    while (this.heap.length > 0 && this.heap[0]!.time <= time) this.runNext();
    if (time > this._now) this._now = time;
  }

  private run(action: Scheduled['action']): void {
    if (typeof action === 'function') action();
    else (action.receiver as Record<string, (...args: unknown[]) => void>)[action.method]!(...action.args);
  }

  /**
   * Remove the action numbered `seq`. The rest run in the same order: that order is total over
   * (time, seq), and a sorted array is a valid heap.
   */
  private take(seq: number): Scheduled | undefined {
    const index = this.heap.findIndex((item) => item.seq === seq);
    if (index < 0) return undefined;
    const [item] = this.heap.splice(index, 1);
    this.heap.sort(compare);
    return item;
  }

  private push(item: Scheduled): void {
    const heap = this.heap;
    heap.push(item);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }

  private pop(): Scheduled | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (heap.length > 0 && last) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let smallest = i;
        if (left < heap.length && before(heap[left]!, heap[smallest]!)) smallest = left;
        if (right < heap.length && before(heap[right]!, heap[smallest]!)) smallest = right;
        if (smallest === i) break;
        [heap[i], heap[smallest]] = [heap[smallest]!, heap[i]!];
        i = smallest;
      }
    }
    return top;
  }
}

/** The queue's one order: by time, then by when it was scheduled (seq). */
function compare(a: Scheduled, b: Scheduled): number {
  return a.time - b.time || a.seq - b.seq;
}

function before(a: Scheduled, b: Scheduled): boolean {
  return compare(a, b) < 0;
}
