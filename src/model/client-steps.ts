import type { NodeId } from '../raft/types';
import { called, NO_CLIENTS, readCalled, readOperation } from './clients';
import type { ModelContext } from './context';
import { rebuildCore } from './image';
import { INPUT } from './memo';
import { assemble, settleCore } from './step';
import type { SystemState } from './types';

/**
 * A client's two calls, as successors.ts's actions: a command proposed through the log (Figure 2
 * "Leaders"), and a read without it (thesis §6.4). Each is one step of the node asked, memoised as
 * every node step is (memo.ts), and the client's call is recorded in the state's history first.
 */

/** A client proposes the next command (1, 2, …) to a leader (Figure 2 "Leaders"). */
export function propose(state: SystemState, id: NodeId, context: ModelContext) {
  const command = context.bounds.proposals - state.left.proposals + 1;
  const node = state.nodes[id]!;
  const step = context.memo.step(node, INPUT.propose + command, () => {
    const core = rebuildCore(id, node.core, context);
    const proposed = core.propose(0, command);
    return { ...settleCore(id, core, node, context), proposedAt: proposed?.index };
  });
  const left = { ...state.left, proposals: state.left.proposals - 1 };
  // The client calls before the step: a leader that commits at once (one node) answers within it.
  const clients = state.clients === NO_CLIENTS || step.proposedAt === undefined ? state.clients : called(state.clients, command, id, step.proposedAt);
  return { state: assemble({ ...state, left, clients }, id, step), notes: step.notes };
}

/**
 * A client asks a leader to read (thesis §6.4, ReadIndex): the leader records its commit index once
 * an entry of its term has committed, confirms it still leads by a round of heartbeats a majority
 * answers, and answers from its store then (step.ts serveReads) — perhaps within this step, perhaps
 * when the answers arrive, perhaps never (it steps down). The client calls before the step.
 */
export function read(state: SystemState, id: NodeId, context: ModelContext) {
  const k = context.bounds.reads! - state.left.reads + 1;
  const operation = readOperation(k);
  const node = state.nodes[id]!;
  const step = context.memo.step(node, INPUT.read + k, () => {
    const core = rebuildCore(id, node.core, context);
    const refused = core.requestRead(0, operation);
    if (refused !== null) throw new Error(`model: leader ${id} refused read ${k}: ${refused}`);
    return settleCore(id, core, node, context);
  });
  const left = { ...state.left, reads: state.left.reads - 1 };
  return { state: assemble({ ...state, left, clients: readCalled(state.clients, operation) }, id, step), notes: step.notes };
}
