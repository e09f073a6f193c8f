import type { KvOperation } from '../../checks/linearizability';
import type { KvCommand, KvResult } from '../../kv/types';
import type { NodeId } from '../../raft/types';
import type { ServedBy } from '../../runtime/client';

/**
 * The client history: every KV operation the page issued, as an interval from call to return,
 * per client. The history chart shows the latest (kv-slice keeps a bounded window); the
 * linearizability runner hands every finished one to the checker's worker, which checks the
 * whole run incrementally and keeps only what it still needs (checks/linearizability/incremental.ts).
 */
export type OpStatus =
  /** Sent, no answer yet. */
  | 'pending'
  /** Applied: the result is the lab's. */
  | 'ok'
  /** The node refused it (not the leader, down, invalid): it never entered a log. */
  | 'refused'
  /** Entered a stale leader's log and was overwritten (§5.3): it never took effect. */
  | 'lost'
  /** No answer in time, or its node went down: it may or may not have taken effect. */
  | 'unknown';

export interface ClientOp {
  readonly id: number;
  /** The client's display name ("A", "B", …). */
  readonly client: string;
  readonly command: KvCommand;
  /** Where it was sent: the leader (found and retried by KvClient) or one chosen node. */
  readonly target: NodeId | 'leader';
  /** Real ms (performance.now): invocation and response. */
  readonly call: number;
  readonly return: number | null;
  readonly status: OpStatus;
  /** Where the entry went, for a command sent to one node. */
  readonly placed?: { readonly index: number; readonly term: number };
  readonly result?: KvResult;
  /** How a result was served: through the log, or without it (ReadIndex, thesis §6.4; a lease, §6.4.1). */
  readonly servedBy?: ServedBy;
  readonly error?: string;
  /** Issued by the load generator, not typed by the user: kept off the timeline. */
  readonly quiet?: boolean;
}

/**
 * The operations the linearizability checker should see: refused and lost ones never took effect
 * and are left out; unknown ones may have, at any time after their call (return null).
 */
export function historyForCheck(ops: readonly ClientOp[]): KvOperation[] {
  const history: KvOperation[] = [];
  for (const op of ops) {
    if (op.status === 'refused' || op.status === 'lost') continue;
    const answered = op.status === 'ok' && op.result !== undefined && op.return !== null;
    history.push({
      id: op.id, client: op.client, command: op.command, call: op.call,
      return: answered ? op.return : null, ...(answered ? { result: op.result } : {}),
    });
  }
  return history;
}

/**
 * What the page keeps of the history between checks: the operations in flight, and the finished
 * ones until the runner takes them. Neither grows with the length of the run (the runner takes
 * the finished ones every few hundred ms), so a long run keeps memory flat.
 */
export class ClientHistory {
  private readonly inFlight = new Map<number, ClientOp>();
  private finished: ClientOp[] = [];
  /** Operations with a smaller id were issued before the last clear and are ignored. */
  private firstId = 0;
  /** Bumped by every clear: a checker that sees it change starts afresh. */
  generation = 0;

  /** An operation was issued or changed (a new object each time). */
  record(op: ClientOp): void {
    if (op.id < this.firstId) return;
    if (op.status === 'pending') {
      this.inFlight.set(op.id, op);
    } else {
      this.inFlight.delete(op.id);
      this.finished.push(op);
    }
  }

  /** The operations that finished since the last call, in the order they finished. */
  takeFinished(): ClientOp[] {
    const taken = this.finished;
    this.finished = [];
    return taken;
  }

  /**
   * How far the history is complete: every operation called before this instant has finished or
   * is in `takeFinished()` (an operation in flight was called at or after it; one issued later,
   * at or after `now`).
   */
  horizon(now: number): number {
    let earliest = now;
    for (const op of this.inFlight.values()) earliest = Math.min(earliest, op.call);
    return earliest;
  }

  get inFlightCount(): number {
    return this.inFlight.size;
  }

  /** Forget everything; operations issued before now (ids below `nextId`) no longer count. */
  clear(nextId: number): void {
    this.inFlight.clear();
    this.finished = [];
    this.firstId = nextId;
    this.generation++;
  }
}

/** An outcome's reason says the entry was overwritten by a newer leader's: it never took effect. */
export function definitelyLost(reason: string): boolean {
  return reason.startsWith('leadership lost');
}
