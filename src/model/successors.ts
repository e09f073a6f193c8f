import { RaftCore } from '../raft/core';
import type { NodeId } from '../raft/types';
import type { ModelContext } from './context';
import { EMPTY_DISK, writeBatch } from './disk';
import { propose, read } from './client-steps';
import { forgetNode, NO_CLIENTS, noCallsYet } from './clients';
import { EMPTY_HISTORY } from './history';
import { ELECTION_AT, HEARTBEAT_AT, imageOf, rebuildCore } from './image';
import { INPUT, MAX_READS, type NodeStep, type StepNotes } from './memo';
import { addMessages, assemble, inflight, removeAt, settleCore } from './step';
import type { Action, Command, SystemState } from './types';

/**
 * The transition relation: every action enabled in a state, each with the state it leads to.
 * Nodes are message and timer handlers over plain state (DSLabs), so a successor changes one node
 * and shares every other with its parent; that node's step is run on a rebuilt core once per
 * distinct (node state, input) and remembered (memo.ts).
 */
export interface Successor {
  readonly action: Action;
  readonly state: SystemState;
  readonly notes: StepNotes;
}

export function initialState(context: ModelContext): SystemState {
  const { crashes, wipes, drops, duplicates, proposals, elections = Infinity, heartbeats = Infinity, reads = 0, compactions = 0 } = context.bounds;
  if (compactions > 0 && context.kv) throw new Error('model: snapshots of the key-value store are not modelled (compactions with kv)');
  if (reads > MAX_READS) throw new Error(`model: at most ${MAX_READS} reads (got ${reads})`);
  const nodes = context.members.map((id) => {
    const core = new RaftCore<Command>({ id, members: context.members, config: context.config, seed: 1, now: 0 });
    return context.memo.node(id, { core: imageOf(core), disk: EMPTY_DISK, pending: [], kv: '' });
  });
  const clients = context.kv ? noCallsYet() : NO_CLIENTS;
  return { nodes, network: [], left: { crashes, wipes, drops, duplicates, proposals, elections, heartbeats, reads, compactions }, history: EMPTY_HISTORY, clients };
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
    if (state.left.heartbeats > 0) actions.push({ kind: 'heartbeat', node: id });
    const lastIndex = node.core.snapshotIndex + node.core.entries.length;
    if (state.left.proposals > 0 && lastIndex < context.bounds.maxLog) actions.push({ kind: 'propose', node: id });
    if (state.left.reads > 0) actions.push({ kind: 'read', node: id });
  } else {
    if (term < context.bounds.maxTerm && state.left.elections > 0) actions.push({ kind: 'electionTimeout', node: id });
    // A retry matters only if a request or its answer can be lost; otherwise it is a duplicate.
    if ((role === 'candidate' || preCandidate) && context.bounds.drops > 0) actions.push({ kind: 'retryVotes', node: id });
  }
  if (node.pending.length > 0) actions.push({ kind: 'persist', node: id });
  if (state.left.compactions > 0 && node.core.lastApplied > node.core.snapshotIndex && !node.core.pendingRestore) actions.push({ kind: 'compact', node: id });
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
      const inFlight = state.network[index]!;
      const message = inFlight.message;
      const step = runNode(state, message.to, INPUT.deliver + inFlight.serial, context, (core) => core.step(0, message));
      return { state: assemble(state, message.to, step, removeAt(state.network, index)), notes: step.notes };
    }
    case 'drop': {
      const network = removeAt(state.network, indexOfKey(state, action.key));
      return { state: { ...state, network, left: { ...state.left, drops: state.left.drops - 1 } }, notes: NO_NOTES };
    }
    case 'duplicate': {
      const network = addMessages(state.network, [state.network[indexOfKey(state, action.key)]!]);
      return { state: { ...state, network, left: { ...state.left, duplicates: state.left.duplicates - 1 } }, notes: NO_NOTES };
    }
    case 'electionTimeout': return timer(spend(state, 'elections'), action.node, INPUT.electionTimeout, ELECTION_AT, context);
    case 'heartbeat': return timer(spend(state, 'heartbeats'), action.node, INPUT.heartbeat, HEARTBEAT_AT, context);
    case 'retryVotes': return timer(state, action.node, INPUT.retryVotes, HEARTBEAT_AT, context);
    case 'propose': return propose(state, action.node, context);
    case 'read': return read(state, action.node, context);
    case 'compact': return compact(state, action.node, context);
    case 'persist': return persist(state, action.node, context);
    case 'crash': return crash(state, action.node, context);
    case 'wipe': return wipe(state, action.node, context);
  }
}

/** The state with one unit of a budget spent (Infinity stays Infinity). */
function spend(state: SystemState, budget: 'elections' | 'heartbeats'): SystemState {
  const left = state.left[budget];
  return left === Infinity ? state : { ...state, left: { ...state.left, [budget]: left - 1 } };
}

/** Node `id`'s step on `input`, run on its rebuilt core the first time and remembered (memo.ts). */
function runNode(state: SystemState, id: NodeId, code: number, context: ModelContext, input: (core: RaftCore<Command>) => void): NodeStep {
  const node = state.nodes[id]!;
  return context.memo.step(node, code, () => {
    const core = rebuildCore(id, node.core, context);
    input(core);
    return settleCore(id, core, node, context);
  });
}

function timer(state: SystemState, id: NodeId, code: number, at: number, context: ModelContext) {
  const step = runNode(state, id, code, context, (core) => core.tick(at));
  return { state: assemble(state, id, step), notes: step.notes };
}

/** Node `id` snapshots what it applied and compacts its log through it (§7; RaftNode.saveSnapshot). No state machine: empty data. */
function compact(state: SystemState, id: NodeId, context: ModelContext) {
  const node = state.nodes[id]!;
  const step = context.memo.step(node, INPUT.compact, () => {
    const core = rebuildCore(id, node.core, context);
    core.compact(new Uint8Array());
    return settleCore(id, core, node, context);
  });
  const left = { ...state.left, compactions: state.left.compactions - 1 };
  return { state: assemble({ ...state, left }, id, step), notes: step.notes };
}

/** The oldest pending batch becomes durable; the core hears so, and the messages it held leave. */
function persist(state: SystemState, id: NodeId, context: ModelContext) {
  const node = state.nodes[id]!;
  const step = context.memo.step(node, INPUT.persist, () => {
    const [write, ...rest] = node.pending;
    const core = rebuildCore(id, node.core, context);
    core.persisted(write!.batch);
    return settleCore(id, core, { disk: writeBatch(node.disk, write!.batch), pending: rest, kv: node.kv }, context, write!.messages);
  });
  return { state: assemble(state, id, step), notes: step.notes };
}

/** Crash and restart: everything not durable is lost — volatile state, pending writes, the messages they held. */
function crash(state: SystemState, id: NodeId, context: ModelContext) {
  const node = state.nodes[id]!;
  const step = context.memo.step(node, INPUT.crash, () => {
    const core = new RaftCore<Command>({ id, members: context.members, config: context.config, seed: 1, now: 0, persisted: node.disk });
    return settleCore(id, core, { disk: node.disk, pending: [], kv: '' }, context);
  });
  const spent = { ...state, left: { ...state.left, crashes: state.left.crashes - 1 }, clients: forgetNode(state.clients, id) };
  return { state: assemble(spent, id, step), notes: step.notes };
}

/**
 * The disk is lost whole: the node restarts empty, marked recovering, in a term above any it may
 * have voted in (as src/sim/cluster.ts wipes a node), so it cannot vote twice in one term.
 */
function wipe(state: SystemState, id: NodeId, context: ModelContext) {
  const disk = { hardState: { term: wipeTerm(state), votedFor: null, recovering: true }, snapshot: null, entries: [] };
  const core = new RaftCore<Command>({ id, members: context.members, config: context.config, seed: 1, now: 0, persisted: disk });
  const spent = { ...state, left: { ...state.left, wipes: state.left.wipes - 1 }, clients: forgetNode(state.clients, id) };
  const step = settleCore(id, core, { disk, pending: [], kv: '' }, context);
  return { state: assemble(spent, id, step), notes: step.notes };
}

function wipeTerm(state: SystemState): number {
  return Math.max(...state.nodes.map((n) => Math.max(n.core.term, n.disk.hardState.term))) + 1;
}

function indexOfKey(state: SystemState, key: string): number {
  const index = state.network.findIndex((m) => m.key === key);
  if (index < 0) throw new Error(`model: no message ${key} in flight`);
  return index;
}
