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
    this.push({ time: Math.max(time, this._now), seq: this.seq++, action });
  }

  after(delayMs: number, action: () => void): void {
    this.at(this._now + delayMs, action);
  }

  /** Call `receiver[method](...args)` after `delayMs`; the arguments must be values (see ScheduledCall). */
  callAfter<T extends object>(delayMs: number, receiver: T, method: keyof T & string, ...args: unknown[]): void {
    this.push({ time: Math.max(this._now + delayMs, this._now), seq: this.seq++, action: { receiver, method, args } });
  }

  /** The same, at virtual time `time` (never in the past). */
  callAt<T extends object>(time: number, receiver: T, method: keyof T & string, ...args: unknown[]): void {
    this.push({ time: Math.max(time, this._now), seq: this.seq++, action: { receiver, method, args } });
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
      return { time: item.time, seq: item.seq, action: { ...item.action, receiver: map(item.action.receiver) } };
    });
    return copy;
  }

  /** Run the earliest action; false if there is none. */
  runNext(): boolean {
    const next = this.pop();
    if (!next) return false;
    this._now = next.time;
    this.steps++;
    const action = next.action;
    if (typeof action === 'function') action();
    else (action.receiver as Record<string, (...args: unknown[]) => void>)[action.method]!(...action.args);
    return true;
  }

  /** Run every action due at or before `time`, then set the clock to `time`. */
  runUntil(time: number): void {
    while (this.heap.length > 0 && this.heap[0]!.time <= time) this.runNext();
    if (time > this._now) this._now = time;
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

function before(a: Scheduled, b: Scheduled): boolean {
  return a.time < b.time || (a.time === b.time && a.seq < b.seq);
}
