import type { KvOperation } from '../../checks/linearizability';
import type { KvCommand, KvResult } from '../../kv/types';
import type { NodeId } from '../../raft/types';

/**
 * The client history: every KV operation the page issued, as an interval from call to return,
 * per client. It feeds the history chart and the linearizability checker (checkKvHistory).
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

/** An outcome's reason says the entry was overwritten by a newer leader's: it never took effect. */
export function definitelyLost(reason: string): boolean {
  return reason.startsWith('leadership lost');
}
