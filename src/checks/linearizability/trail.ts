/**
 * The search's stack: the operations linearized so far, in order, with the state before each and
 * whether it was a forced move. Also keeps the longest prefix ever reached, which is what a
 * failed search reports.
 */
export class Trail {
  private readonly ops: Int32Array;
  private readonly statesBefore: Int32Array;
  private readonly forced: Uint8Array;
  depth = 0;
  /** The longest prefix so far; its first `agreed` entries equal the stack's. */
  private readonly best: number[] = [];
  private agreed = 0;

  constructor(capacity: number) {
    this.ops = new Int32Array(capacity);
    this.statesBefore = new Int32Array(capacity);
    this.forced = new Uint8Array(capacity);
  }

  push(op: number, stateBefore: number, forced: boolean): void {
    const { depth } = this;
    if (this.agreed === depth && this.best[depth] === op) this.agreed++;
    this.ops[depth] = op;
    this.statesBefore[depth] = stateBefore;
    this.forced[depth] = forced ? 1 : 0;
    this.depth++;
    if (this.depth > this.best.length) this.recordBest();
  }

  /** Counts `op` on top of the stack as a prefix reached, without keeping it on the stack. */
  noteAttempt(op: number): void {
    this.push(op, 0, false);
    this.pop();
  }

  /** Removes the top entry; read it first with `topOp` and friends. */
  pop(): void {
    this.depth--;
    this.agreed = Math.min(this.agreed, this.depth);
  }

  topOp(): number {
    return this.ops[this.depth - 1]!;
  }

  topStateBefore(): number {
    return this.statesBefore[this.depth - 1]!;
  }

  topWasForced(): boolean {
    return this.forced[this.depth - 1] === 1;
  }

  /** The operations on the stack, bottom first. */
  stack(): number[] {
    return Array.from(this.ops.subarray(0, this.depth));
  }

  longest(): number[] {
    return [...this.best];
  }

  /** Copies only the part of the stack that differs from the recorded prefix: O(1) amortized per push. */
  private recordBest(): void {
    for (let i = this.agreed; i < this.depth; i++) this.best[i] = this.ops[i]!;
    this.agreed = this.depth;
  }
}
