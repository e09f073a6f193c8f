/**
 * The virtual clock: a priority queue of actions by (time, insertion order). Time only moves when
 * the next action runs, so a run is deterministic and as fast as the CPU allows.
 */
interface Scheduled {
  readonly time: number;
  readonly seq: number;
  readonly action: () => void;
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

  /** Run the earliest action; false if there is none. */
  runNext(): boolean {
    const next = this.pop();
    if (!next) return false;
    this._now = next.time;
    this.steps++;
    next.action();
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
