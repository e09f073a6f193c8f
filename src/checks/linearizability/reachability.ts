import { ANY_STATE, NO_STATE, UNCHANGED, type KeyModel } from './model';

/**
 * Per state: how many not-yet-linearized answered operations need the key in that state (their
 * output says so), and how many not-yet-linearized operations could put it there (puts of that
 * value; dels, for ABSENT). If the key leaves a state that is still needed and nothing left can
 * produce it again, the operations needing it can never be linearized, so the search can give up
 * on that branch at once instead of at their return events. This is what keeps a wrong guess
 * (say, an unanswered del placed too early) from being explored all the way to the next return.
 */
export class Reachability {
  private readonly needing: Int32Array;
  private readonly producing: Int32Array;

  constructor(private readonly model: KeyModel) {
    this.needing = new Int32Array(model.values.length);
    this.producing = new Int32Array(model.values.length);
    for (let op = 0; op < model.ops.length; op++) this.count(op, 1);
  }

  /** `op` has been linearized. */
  place(op: number): void {
    this.count(op, -1);
  }

  /** `op`'s linearization has been undone. */
  unplace(op: number): void {
    this.count(op, 1);
  }

  /** True if moving the key away from `state` strands an operation that still needs it. */
  strandedByLeaving(state: number): boolean {
    return this.needing[state]! > 0 && this.producing[state] === 0;
  }

  private count(op: number, delta: number): void {
    const pre = this.model.pre[op]!;
    const post = this.model.post[op]!;
    if (pre !== ANY_STATE && pre !== NO_STATE) this.needing[pre]! += delta;
    if (post !== UNCHANGED) this.producing[post]! += delta;
  }
}
