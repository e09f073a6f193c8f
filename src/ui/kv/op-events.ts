import { describeCommand, describeResult } from '../model/kv-format';
import type { NewTimelineEvent } from '../model/timeline';
import type { ClientOp } from './history';

/**
 * The user's own KV commands on the timeline: when one is sent, and what became of it. Commands
 * from the load generator stay off (they would bury everything else).
 */
export function opEvent(op: ClientOp, at: number): NewTimelineEvent | null {
  if (op.quiet) return null;
  const what = `${describeCommand(op.command)}`;
  const where = op.target === 'leader' ? 'the leader' : `node ${op.target} only`;
  const nodes = op.target === 'leader' ? [] : [op.target];
  switch (op.status) {
    case 'pending':
      if (op.placed) return null; // "placed" is an update of the same pending command
      return { at, kind: 'client', nodes, title: `Client ${op.client} sends ${what} to ${where}` };
    case 'ok':
      return {
        at, kind: 'client', nodes, ...(op.placed ? { index: op.placed.index } : {}),
        title: `Client ${op.client}'s ${what} committed: ${op.result ? describeResult(op.command, op.result) : 'done'}`,
        why: 'Applied once a majority stored it (§5.3); the result follows the lab\'s semantics.',
      };
    case 'refused':
      return { at, kind: 'client', nodes, title: `Client ${op.client}'s ${what} was refused`, why: op.error };
    case 'lost':
      return { at, kind: 'client', nodes, title: `Client ${op.client}'s ${what} never committed`, why: op.error };
    case 'unknown':
      return { at, kind: 'client', nodes, title: `Client ${op.client}'s ${what}: no answer`, why: op.error };
  }
}
