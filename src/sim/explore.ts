import { describeMessage, type Message, type MessageType } from '../raft/messages';
import type { NodeId, StateMachine } from '../raft/types';
import type { SimCluster } from './cluster';
import type { PendingAction } from './scheduler';

/**
 * Explore mode, as DViz does for DSLabs: while a simulation is paused, list everything pending and
 * let the user choose what happens next — deliver, drop or duplicate a message in flight, fire a
 * node's timer early, or make a node's disk write durable now. These are the model checker's own
 * moves (src/model/types.ts Action), so a counterexample it finds replays here step by step. Pure and deterministic: an item's id is derived from data (the
 * scheduler's seq number, or a node's timer deadline), so a copy of the world (src/sim/clone.ts)
 * and a replay of the run name every item alike, and a run file can record choices by id.
 *
 * Ids:
 *  - `msg:<seq>`: a copy in flight, by the seq of its scheduled arrival (its duplicate has its own);
 *  - `timer:<node>:<kind>:<deadline>`: one of a node's timers; re-armed, it is a new timer;
 *  - `write:<seq>`: a node's disk write in flight, by the seq of its scheduled landing;
 *  - `call:<seq>`: other scheduled work (not choosable).
 */

/** A node's timers, as its core keeps them (RaftCore.nextDeadline). */
export type TimerKind =
  /** Follower or candidate: no leader heard from in time, so campaign (§5.2). */
  | 'election'
  /** Candidate or pre-candidate: ask the peers that have not answered again (RequestVote is retried, §5.1). */
  | 'vote-retry'
  /** Leader: the next round of AppendEntries (§5.2, "periodic heartbeats"). */
  | 'heartbeat'
  /** Leader: a CheckQuorum (thesis §6.2) or leadership-transfer (thesis §3.10) deadline, due before the next heartbeat. */
  | 'leader-check';

export interface PendingMessage {
  readonly kind: 'message';
  readonly id: string;
  readonly choosable: true;
  readonly message: Message<unknown>;
  readonly type: MessageType;
  readonly from: NodeId;
  readonly to: NodeId;
  readonly term: number;
  /** AppendEntries: entries carried; InstallSnapshot: snapshot bytes; otherwise 0. */
  readonly size: number;
  /** etcd-style, e.g. "0->1 RequestVote t1 …". */
  readonly description: string;
  readonly sentAt: number;
  readonly dueAt: number;
}

export interface PendingTimer {
  readonly kind: 'timer';
  readonly id: string;
  readonly choosable: boolean;
  readonly node: NodeId;
  readonly timer: TimerKind;
  readonly dueAt: number;
  /** Why it cannot be fired early (absent when it can). */
  readonly why?: string;
}

/**
 * A node's disk write in flight (its pump writes one at a time, shared/pump.ts): persisting it now
 * makes it durable before anything else happens, releasing the messages held behind it (§3.8).
 */
export interface PendingWrite {
  readonly kind: 'write';
  readonly id: string;
  readonly choosable: true;
  readonly node: NodeId;
  readonly dueAt: number;
}

/** Scheduled work that is not a choice: something a driver scheduled. */
export interface PendingWork {
  readonly kind: 'other';
  readonly id: string;
  readonly choosable: false;
  readonly node: NodeId | null;
  readonly dueAt: number;
  readonly why: string;
}

export type PendingItem = PendingMessage | PendingTimer | PendingWrite | PendingWork;

export type ExploreChoice =
  /** Deliver the message now, before anything else, at the current virtual time. */
  | { readonly type: 'deliver'; readonly id: string }
  /** Take it out of the network: it never arrives, and counts as dropped. */
  | { readonly type: 'drop'; readonly id: string }
  /** A second copy, due at the original's due time (just after it). */
  | { readonly type: 'duplicate'; readonly id: string }
  /** Fire a node's election, heartbeat or vote-retry timer now. */
  | { readonly type: 'fire'; readonly id: string }
  /** Make a node's disk write durable now (a `write:<seq>` item). */
  | { readonly type: 'persist'; readonly id: string };

/** Every kind of choice (run-file.ts checks a file's choices against it). */
export const EXPLORE_CHOICE_TYPES = ['deliver', 'drop', 'duplicate', 'fire', 'persist'] as const satisfies readonly ExploreChoice['type'][];

/** Any simulated cluster: explore mode reads its queue and nodes, whatever they run. */
type Sim = SimCluster<unknown, unknown, StateMachine<unknown, unknown>>;

/** What the cluster's arrive() was scheduled with when a viewer watches (SimCluster.send). */
type Seen = { seq: number; sentAt: number; dueAt: number };

const OTHER_WHY = 'scheduled by a driver, not by the protocol';
const NO_EARLY_CHECK = 'a leader\'s CheckQuorum or transfer deadline is not a choice: it comes with its heartbeats';

/** Everything pending, in the order it would happen (due time, then scheduling order). */
export function listPending<C, R, M extends StateMachine<C, R>>(cluster: SimCluster<C, R, M>): PendingItem[] {
  const sim = cluster as unknown as Sim;
  const items: { item: PendingItem; order: number }[] = [];
  for (const action of sim.scheduler.list()) {
    const item = scheduledItem(sim, action);
    if (item) items.push({ item, order: action.seq });
  }
  // Timers sort after anything scheduled for the same instant, by node (orders are > every seq).
  for (const timer of timers(sim)) items.push({ item: timer, order: Number.MAX_SAFE_INTEGER - sim.size + timer.node });
  return items.sort((a, b) => a.item.dueAt - b.item.dueAt || a.order - b.order).map(({ item }) => item);
}

/**
 * The pending item `choice` names, if the choice fits it; else throws, naming the id (an id not
 * pending, a timer that cannot fire early, a message told to fire). Changes nothing: a driver that
 * records choices checks here first (src/engine/sim-engine.ts), so that a bad one is never recorded.
 */
export function checkChoice<C, R, M extends StateMachine<C, R>>(cluster: SimCluster<C, R, M>, choice: ExploreChoice): PendingItem {
  const item = listPending(cluster).find((pending) => pending.id === choice.id);
  if (!item) throw new Error(`explore: nothing pending has id "${choice.id}" (unknown, or already delivered, dropped or fired)`);
  if (choice.type === 'fire') {
    if (item.kind !== 'timer') throw new Error(`explore: "${choice.id}" is a ${item.kind}, not a timer: it cannot be fired`);
    if (!item.choosable) throw new Error(`explore: cannot fire "${choice.id}" early: ${item.why}`);
    return item;
  }
  if (choice.type === 'persist') {
    if (item.kind !== 'write') throw new Error(`explore: "${choice.id}" is a ${item.kind}, not a disk write: it cannot be persisted`);
    return item;
  }
  if (!['deliver', 'drop', 'duplicate'].includes(choice.type)) throw new Error(`explore: unknown choice "${String(choice.type)}" for "${choice.id}"`);
  if (item.kind !== 'message') throw new Error(`explore: "${choice.id}" is a ${item.kind}, not a message: only messages can be delivered, dropped or duplicated`);
  return item;
}

/** Make one choice (checked first by checkChoice: a bad one throws and changes nothing). */
export function applyChoice<C, R, M extends StateMachine<C, R>>(cluster: SimCluster<C, R, M>, choice: ExploreChoice): void {
  const sim = cluster as unknown as Sim;
  const item = checkChoice(sim, choice);
  if (item.kind === 'timer') return fireTimer(sim, item);
  // The scheduled landing runs now: the write is durable and its held messages leave (thesis §3.8).
  if (item.kind === 'write') {
    sim.scheduler.runNow(Number(choice.id.slice('write:'.length)));
    return;
  }
  if (item.kind !== 'message') return;
  const seq = Number(choice.id.slice('msg:'.length));
  switch (choice.type) {
    // The scheduled arrive() runs now: the network model still loses it if its link is down or the
    // receiver is, and the reply leaves only once the receiver's batch is durable (thesis §3.8).
    case 'deliver': sim.scheduler.runNow(seq); return;
    case 'drop': sim.discard(item.message, takeArrival(sim, seq)); return;
    // Raft tolerates duplicates (§5.5: Raft RPCs are idempotent): the copy arrives right after the original.
    case 'duplicate': sim.duplicate(item.message, item.dueAt); return;
  }
}

/** A scheduled action as an item; null for a node's timer wake-up (timers() lists those from the core) and a write lost in a crash. */
function scheduledItem(sim: Sim, action: PendingAction): PendingItem | null {
  const call = action.call;
  if (call?.receiver === sim && call.method === 'arrive') return messageItem(action, call.args[0] as Message<unknown>, call.args[1] as Seen | undefined);
  // One wake-up per node at its core's next deadline (SimCluster.armTimer); stale ones do nothing.
  if (call?.receiver === sim && call.method === 'fire') return null;
  if (call?.receiver === sim && call.method === 'land') {
    const node = call.args[0] as NodeId;
    // A write begun before the node's last crash never lands (SimCluster.land): nothing is pending.
    if (call.args[1] !== sim.incarnationOf(node)) return null;
    return { kind: 'write', id: `write:${action.seq}`, choosable: true, node, dueAt: action.time };
  }
  return { kind: 'other', id: `call:${action.seq}`, choosable: false, node: null, dueAt: action.time, why: call ? `${call.method}: ${OTHER_WHY}` : `a closure: ${OTHER_WHY}` };
}

function messageItem(action: PendingAction, message: Message<unknown>, seen: Seen | undefined): PendingMessage {
  const size = message.type === 'AppendEntries' ? message.entries.length : message.type === 'InstallSnapshot' ? message.data.length : 0;
  return {
    kind: 'message', id: `msg:${action.seq}`, choosable: true, message, type: message.type, from: message.from, to: message.to,
    term: message.term, size, description: describeMessage(message), sentAt: seen?.sentAt ?? action.madeAt, dueAt: action.time,
  };
}

/** Take the scheduled arrival numbered `seq` out of the queue: what a viewer was told of it. */
function takeArrival(sim: Sim, seq: number): Seen | undefined {
  const seen = sim.scheduler.list().find((pending) => pending.seq === seq)?.call?.args[1] as Seen | undefined;
  sim.scheduler.cancel(seq);
  return seen;
}

/** Each running node's timers, from its core's deadlines (RaftCore.nextDeadline is their minimum). */
function timers(sim: Sim): PendingTimer[] {
  const result: PendingTimer[] = [];
  for (const node of sim.members) {
    if (sim.isDown(node) || sim.storageErrors[node] !== null || sim.node(node).isStopped()) continue;
    const core = sim.node(node).core;
    const status = core.status();
    const add = (timer: TimerKind, dueAt: number, why?: string): void => {
      if (dueAt === Infinity) return;
      result.push({ kind: 'timer', id: `timer:${node}:${timer}:${dueAt}`, choosable: why === undefined, node, timer, dueAt, ...(why ? { why } : {}) });
    };
    if (status.role === 'leader') {
      add('heartbeat', status.heartbeatDeadline);
      const next = core.nextDeadline();
      if (next < status.heartbeatDeadline) add('leader-check', next, NO_EARLY_CHECK);
      continue;
    }
    add('election', status.electionDeadline);
    if (status.role === 'candidate' || status.preCandidate) add('vote-retry', status.heartbeatDeadline);
  }
  return result;
}

/**
 * Fire a timer now. An election timer is the core's timeoutNow, the very campaign() its tick runs at
 * the deadline (§5.2). A heartbeat or vote retry acts only at its deadline, so the node's tick is
 * given that deadline: its own clock runs ahead to it (per-node clocks, as the model checker's
 * abstract timers, src/model/image.ts), while the simulation's time stays where it is. Either way
 * input() goes through the pump, so persist-then-send holds.
 */
function fireTimer(sim: Sim, timer: PendingTimer): void {
  if (timer.timer === 'election') sim.electionTimeoutNow(timer.node);
  else sim.input(timer.node, (node) => node.tick(timer.dueAt));
}
