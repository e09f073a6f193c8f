import type { KvCommand, KvResult } from '../../kv/types';

/** One client operation as the linearizability checker sees it (times in virtual ms). */
export interface HistoryOp {
  readonly id: number;
  readonly client: string;
  readonly command: KvCommand;
  readonly call: number;
  /** null: no answer ever came; the operation may or may not have taken effect. */
  return: number | null;
  result?: KvResult;
}

/** The client history of a run, recorded as operations are invoked and answered. */
export class History {
  readonly ops: HistoryOp[] = [];

  invoke(client: string, command: KvCommand, now: number): HistoryOp {
    const op: HistoryOp = { id: this.ops.length, client, command, call: now, return: null };
    this.ops.push(op);
    return op;
  }

  complete(op: HistoryOp, result: KvResult, now: number): void {
    op.return = now;
    op.result = result;
  }
}
