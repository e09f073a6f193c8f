import type { KvOperation } from './types';

/*
 * The history as one doubly linked list of call and return events in time order (Wing & Gong
 * 1993; the list layout is Porcupine's). Operation i has call entry 2i and return entry 2i + 1;
 * an operation with no response has no return entry: nothing ever forces it to take effect.
 *
 * The search linearizes an operation by lifting both its entries out of the list, and undoes that
 * by putting them back in reverse order. Lifts and unlifts nest like a stack, so each entry's own
 * prev/next still point at the right neighbours when it goes back ("dancing links").
 */

export const NIL = -1;

export const callEntry = (op: number): number => op << 1;
export const opOf = (entry: number): number => entry >> 1;
export const isCall = (entry: number): boolean => (entry & 1) === 0;

export class Timeline {
  readonly next: Int32Array;
  private readonly prev: Int32Array;
  /** Sentinel before the first entry. */
  readonly head: number;
  private readonly pending: Uint8Array;

  constructor(ops: readonly KvOperation[]) {
    this.head = ops.length * 2;
    this.next = new Int32Array(this.head + 1).fill(NIL);
    this.prev = new Int32Array(this.head + 1).fill(NIL);
    this.pending = Uint8Array.from(ops, (op) => (op.return === null ? 1 : 0));
    let last = this.head;
    for (const entry of sortedEntries(ops)) {
      this.next[last] = entry;
      this.prev[entry] = last;
      last = entry;
    }
  }

  /** Removes op's entries: it has been linearized. */
  lift(op: number): void {
    this.remove(op << 1);
    if (!this.pending[op]) this.remove((op << 1) | 1);
  }

  /** Undoes the matching `lift`; must be called in reverse order of the lifts. */
  unlift(op: number): void {
    if (!this.pending[op]) this.restore((op << 1) | 1);
    this.restore(op << 1);
  }

  private remove(entry: number): void {
    const before = this.prev[entry]!;
    const after = this.next[entry]!;
    this.next[before] = after;
    if (after !== NIL) this.prev[after] = before;
  }

  private restore(entry: number): void {
    const after = this.next[entry]!;
    this.next[this.prev[entry]!] = entry;
    if (after !== NIL) this.prev[after] = entry;
  }
}

/**
 * Events by time. At equal times calls come before returns, so operations whose intervals merely
 * touch count as concurrent: timestamps that equal each other cannot prove which came first, and
 * a checker must not report a violation it cannot prove.
 */
function sortedEntries(ops: readonly KvOperation[]): number[] {
  const entries: number[] = [];
  ops.forEach((op, i) => {
    entries.push(i << 1);
    if (op.return !== null) entries.push((i << 1) | 1);
  });
  const time = (entry: number) => (isCall(entry) ? ops[opOf(entry)]!.call : ops[opOf(entry)]!.return!);
  return entries.sort((a, b) => time(a) - time(b) || (a & 1) - (b & 1) || a - b);
}
