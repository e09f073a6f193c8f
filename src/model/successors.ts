import { RaftCore } from '../raft/core';
import type { NodeId } from '../raft/types';
import type { ModelContext } from './context';
import { EMPTY_DISK, writeBatch } from './disk';
import { EMPTY_HISTORY } from './history';
import { ELECTION_AT, HEARTBEAT_AT, imageOf, rebuildCore } from './image';
import { addMessages, inflight, removeAt, settle, type StepNotes } from './step';
import type { Action, Command, SystemState } from './types';

/**
 * The transition relation: every action enabled in a state, each with the state it leads to.
 * Nodes are message and timer handlers over plain state (DSLabs), so a successor rebuilds the one
 * core it changes and shares every other node with its parent.
 */
export interface Successor {
  readonly action: Action;
  readonly state: SystemState;
  readonly notes: StepNotes;
}

export function initialState(context: ModelContext): SystemState {
  const { crashes, wipes, drops, duplicates, proposals } = context.bounds;
  const nodes = context.members.map((id) => {
    const core = new RaftCore<Command>({ id, members: context.members, config: context.config, seed: 1, now: 0 });
    return { core: imageOf(core), disk: EMPTY_DISK, pending: [] };
  });
  return { nodes, network: [], left: { crashes, wipes, drops, duplicates, proposals }, history: EMPTY_HISTORY };
}

/** Every enabled action, in a fixed order (so BFS and DFS are deterministic). */
export function enabledActions(state: SystemState, context: ModelContext): Action[] {
  const actions: Action[] = [];
  const { left, network } = state;
  for (let i = 0; i < network.length; i++) {
    const key = network[i]!.key;
    if (i > 0 && network[i - 1]!.key === key) continue; // copies of one message: one choice
    actions.push({ kind: 'deliver', key });
    if (left.drops > 0) actions.push({ kind: 'drop', key });
    if (left.duplicates > 0) actions.push({ kind: 'duplicate', key });
  }
  for (let id = 0; id < state.nodes.length; id++) nodeActions(state, id, context, actions);
  return actions;
}

function nodeActions(state: SystemState, id: NodeId, context: ModelContext, actions: Action[]): void {
  const node = state.nodes[id]!;
  const { role, term, preCandidate } = node.core;
  if (role === 'leader') {
    actions.push({ kind: 'heartbeat', node: id });
    const lastIndex = node.core.snapshotIndex + node.core.entries.length;
    if (state.left.proposals > 0 && lastIndex < context.bounds.maxLog) actions.push({ kind: 'propose', node: id });
  } else {
    if (term < context.bounds.maxTerm) actions.push({ kind: 'electionTimeout', node: id });
    // A retry matters only if a request or its answer can be lost; otherwise it is a duplicate.
    if ((role === 'candidate' || preCandidate) && context.bounds.drops > 0) actions.push({ kind: 'retryVotes', node: id });
  }
  if (node.pending.length > 0) actions.push({ kind: 'persist', node: id });
  if (state.left.crashes > 0) actions.push({ kind: 'crash', node: id });
  if (state.left.wipes > 0 && wipeTerm(state) <= context.bounds.maxTerm) actions.push({ kind: 'wipe', node: id });
}

/** The successor by `action`, or null when it breaks a bound (TLC's state constraint). */
export function apply(state: SystemState, action: Action, context: ModelContext): Successor | null {
  const result = applyUnbounded(state, action, context);
  if (inflight(result.state) > context.bounds.maxInflight) return null;
  return { action, state: result.state, notes: result.notes };
}

export function successors(state: SystemState, context: ModelContext): Successor[] {
  const out: Successor[] = [];
  for (const action of enabledActions(state, context)) {
    const next = apply(state, action, context);
    if (next) out.push(next);
  }
  return out;
}

const NO_NOTES: StepNotes = { events: [], sent: [] };

function applyUnbounded(state: SystemState, action: Action, context: ModelContext): { state: SystemState; notes: StepNotes } {
  switch (action.kind) {
    case 'deliver': {
      const index = indexOfKey(state, action.key);
      const message = state.network[index]!.message;
      return runNode(state, message.to, context, (core) => core.step(0, message), removeAt(state.network, index));
    }
    case 'drop': {
      const network = removeAt(state.network, indexOfKey(state, action.key));
      return { state: { ...state, network, left: { ...state.left, drops: state.left.drops - 1 } }, notes: NO_NOTES };
    }
    case 'duplicate': {
      const network = addMessages(state.network, [state.network[indexOfKey(state, action.key)]!.message]);
      return { state: { ...state, network, left: { ...state.left, duplicates: state.left.duplicates - 1 } }, notes: NO_NOTES };
    }
    case 'electionTimeout': return runNode(state, action.node, context, (core) => core.tick(ELECTION_AT));
    case 'heartbeat':
    case 'retryVotes': return runNode(state, action.node, context, (core) => core.tick(HEARTBEAT_AT));
    case 'propose': return propose(state, action.node, context);
    case 'persist': return persist(state, action.node, context);
    case 'crash': return crash(state, action.node, context);
    case 'wipe': return wipe(state, action.node, context);
  }
}

function runNode(state: SystemState, id: NodeId, context: ModelContext, input: (core: RaftCore<Command>) => void, network = state.network) {
  const node = state.nodes[id]!;
  const core = rebuildCore(id, node.core, context);
  input(core);
  return settle(state, id, core, node, network, context);
}

/** A client proposes the next command (1, 2, …) to a leader (Figure 2 "Leaders"). */
function propose(state: SystemState, id: NodeId, context: ModelContext) {
  const command = context.bounds.proposals - state.left.proposals + 1;
  const spent = { ...state, left: { ...state.left, proposals: state.left.proposals - 1 } };
  return runNode(spent, id, context, (core) => core.propose(0, command));
}

/** The oldest pending batch becomes durable; the core hears so, and the messages it held leave. */
function persist(state: SystemState, id: NodeId, context: ModelContext) {
  const node = state.nodes[id]!;
  const [write, ...rest] = node.pending;
  const core = rebuildCore(id, node.core, context);
  core.persisted(write!.batch);
  const network = addMessages(state.network, write!.messages);
  return settle(state, id, core, { disk: writeBatch(node.disk, write!.batch), pending: rest }, network, context);
}

/** Crash and restart: everything not durable is lost — volatile state, pending writes, the messages they held. */
function crash(state: SystemState, id: NodeId, context: ModelContext) {
  const node = state.nodes[id]!;
  const core = new RaftCore<Command>({ id, members: context.members, config: context.config, seed: 1, now: 0, persisted: node.disk });
  const spent = { ...state, left: { ...state.left, crashes: state.left.crashes - 1 } };
  return settle(spent, id, core, { disk: node.disk, pending: [] }, state.network, context);
}

/**
 * The disk is lost whole: the node restarts empty, marked recovering, in a term above any it may
 * have voted in (as src/sim/cluster.ts wipes a node), so it cannot vote twice in one term.
 */
function wipe(state: SystemState, id: NodeId, context: ModelContext) {
  const disk = { hardState: { term: wipeTerm(state), votedFor: null, recovering: true }, snapshot: null, entries: [] };
  const core = new RaftCore<Command>({ id, members: context.members, config: context.config, seed: 1, now: 0, persisted: disk });
  const spent = { ...state, left: { ...state.left, wipes: state.left.wipes - 1 } };
  return settle(spent, id, core, { disk, pending: [] }, state.network, context);
}

function wipeTerm(state: SystemState): number {
  return Math.max(...state.nodes.map((n) => Math.max(n.core.term, n.disk.hardState.term))) + 1;
}

function indexOfKey(state: SystemState, key: string): number {
  const index = state.network.findIndex((m) => m.key === key);
  if (index < 0) throw new Error(`model: no message ${key} in flight`);
  return index;
}
