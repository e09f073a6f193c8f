import type { RunFile, TimedAction } from '../engine/run';
import { SimEngine } from '../engine/sim-engine';
import type { Message } from '../raft/messages';
import { isCommandEntry } from '../raft/types';
import type { PendingItem, PendingMessage } from '../sim/explore';
import type { ModelContext } from './context';
import { kvCommand, READ } from './clients';
import { normalise } from './step';
import { apply, initialState } from './successors';
import { describeTrace } from './trace';
import type { Action, ModelMessage, SystemState } from './types';
import { MODEL_RUN_PREFIX, stepNote } from './worker-protocol';

/**
 * A counterexample as a run of the simulated engine (src/engine/run.ts): the same core, driven by
 * the simulator, made to take exactly the model's steps — each one an explore choice (deliver, drop,
 * duplicate, fire a timer, persist a write) or a recorded action (propose, crash and restart, wipe).
 * Nothing else happens: every timer, message delay and disk write takes NEVER_MS, so the simulation
 * moves only when a step is chosen. Step k happens at virtual ms k, after a note that explains it
 * (describeTrace's lines), so the page's time bar and timeline walk through the trace step by step;
 * a first note at 0 ms names what was found (worker-protocol.ts has the notes' format).
 *
 * The model names a message by its content (encode.ts); the simulator by the seq of its arrival
 * (`msg:<seq>`), known only as it runs. So the run is made by driving a SimEngine step by step, each
 * model message matched by content among those in flight, and the engine's own record is the run:
 * it replays by construction. After each step every node's role, term and log length are compared
 * with the model's; a difference throws, naming the step.
 */

/** Longer than any counterexample could take to watch (about 11.6 days of virtual time). */
export const NEVER_MS = 1e9;

export interface TraceRun {
  readonly run: RunFile;
  /** Each step's explanation, as its note in the run says it. */
  readonly steps: readonly string[];
}

/** The run of `actions` (a trace from check(), replayable in `context`); `title` heads the run's note. */
export function traceToRun(actions: readonly Action[], context: ModelContext, title: string): TraceRun {
  const engine = startEngine(context);
  persistAll(engine); // the boot writes: the model starts with them durable
  const steps = explainSteps(actions, context);
  const heading = `${MODEL_RUN_PREFIX}${title}`.slice(0, 2000);
  // The title as the run's first note too: a run's own note is not kept when the engine re-exports it.
  const notes: TimedAction[] = [{ at: 0, step: 0, action: { type: 'note', text: heading } }];
  let state = initialState(context);
  actions.forEach((action, i) => {
    engine.advance(1);
    const text = stepNote(i + 1, actions.length, steps[i]!);
    notes.push({ at: engine.now(), step: engine.position().step, action: { type: 'note', text: text.slice(0, 2000) } });
    const next = apply(state, action, context);
    if (!next) throw new Error(`model: step ${i + 1} (${action.kind}) breaks a bound on replay`);
    takeStep(engine, action, state, context);
    if (context.atomicPersist) persistAll(engine);
    state = next.state;
    checkSame(engine, state, i + 1, steps[i]!);
  });
  const recorded = engine.exportRun();
  void engine.destroy();
  return { run: { ...recorded, actions: withNotes(recorded.actions, notes), note: heading }, steps };
}

/** The simulated engine for `context`: its profile and bug, its state machine (the key-value store with clients), and nothing happening unless chosen. */
function startEngine(context: ModelContext): SimEngine {
  const { config } = context;
  return new SimEngine({
    size: context.members.length, seed: 1, machine: context.kv ? 'kv' : 'list', wall: () => 0,
    raft: {
      features: config.features, bugs: config.bugs, trace: true,
      timing: { heartbeatMs: NEVER_MS / 10, electionTimeoutMinMs: NEVER_MS, electionTimeoutMaxMs: NEVER_MS, candidateTimeoutMinMs: NEVER_MS, candidateTimeoutMaxMs: NEVER_MS },
    },
    ackBeforePersist: context.ackBeforePersist,
    linkPolicy: { lossPercent: 0, delayMinMs: NEVER_MS, delayMaxMs: NEVER_MS, duplicatePercent: 0 },
    // The model writes each batch within its step (atomicPersist) or in a persist step of its own.
    diskLatencyMs: context.atomicPersist ? null : { min: NEVER_MS, max: NEVER_MS },
  });
}

/** Each step's line from describeTrace, with what followed from it (rule events, messages sent). */
export function explainSteps(actions: readonly Action[], context: ModelContext): string[] {
  const steps: string[] = [];
  for (const line of describeTrace(actions, context)) {
    const head = /^\s*\d+\. (.*)$/.exec(line);
    if (head) steps.push(head[1]!);
    else steps[steps.length - 1] += ` · ${line.trim()}`;
  }
  return steps;
}

function takeStep(engine: SimEngine, action: Action, before: SystemState, context: ModelContext): void {
  const pending = engine.pending();
  switch (action.kind) {
    case 'deliver':
    case 'drop':
    case 'duplicate': {
      const message = before.network.find((m) => m.key === action.key)!.message;
      return engine.explore({ type: action.kind, id: matching(pending, message, context).id });
    }
    case 'electionTimeout': return engine.explore({ type: 'fire', id: timerOf(pending, action.node, 'election').id });
    case 'heartbeat': return engine.explore({ type: 'fire', id: timerOf(pending, action.node, 'heartbeat').id });
    case 'retryVotes': return engine.explore({ type: 'fire', id: timerOf(pending, action.node, 'vote-retry').id });
    case 'persist': {
      // The simulator's pump writes what queued behind a write as one (shared/pump.ts): a batch the
      // model persists alone may already be durable there, with the one before it.
      const write = pending.find((item) => item.kind === 'write' && item.node === action.node);
      if (write) engine.explore({ type: 'persist', id: write.id });
      return;
    }
    case 'crash': return void engine.restart(action.node);
    case 'wipe': return void engine.resetNode(action.node);
    case 'compact': return void engine.saveSnapshot(action.node);
    case 'propose': {
      const command = context.bounds.proposals - before.left.proposals + 1;
      void engine.propose(action.node, context.kv ? kvCommand(command) : command);
      engine.pending(); // proposals wait for the end of the task (batched); this hands it to the core now
      return;
    }
    case 'read': {
      void engine.propose(action.node, READ, { read: true });
      engine.pending();
      return;
    }
  }
}

/** The message in flight in the simulator with the model message's content. */
function matching(pending: readonly PendingItem[], message: ModelMessage, context: ModelContext): PendingMessage {
  const want = JSON.stringify(asSimulated(message, context));
  const found = pending.find((item): item is PendingMessage => item.kind === 'message' && JSON.stringify(asMatched(normalise(item.message as Message<number>, context))) === want);
  if (!found) {
    const inFlight = pending.flatMap((item) => (item.kind === 'message' ? [JSON.stringify(item.message)] : []));
    throw new Error(`model: no message like ${want} in flight in the simulator; in flight: ${inFlight.join(', ') || 'none'}`);
  }
  return found;
}

/** The model's message as the simulator holds it: with the key-value store, an entry holds the KV operation its number stands for (clients.ts). */
function asSimulated(message: ModelMessage, context: ModelContext): unknown {
  // A snapshot's data is the simulator's machine's (the model's nodes hold none): matched without it.
  if (message.type === 'InstallSnapshot') return { ...message, data: '(any)' };
  if (!context.kv || message.type !== 'AppendEntries') return message;
  return { ...message, entries: message.entries.map((entry) => (isCommandEntry(entry) ? { ...entry, command: kvCommand(entry.command) } : entry)) };
}

function asMatched(message: ModelMessage): unknown {
  return message.type === 'InstallSnapshot' ? { ...message, data: '(any)' } : message;
}

function timerOf(pending: readonly PendingItem[], node: number, timer: string): PendingItem {
  const found = pending.find((item) => item.kind === 'timer' && item.node === node && item.timer === timer);
  if (!found) throw new Error(`model: node ${node} has no ${timer} timer in the simulator`);
  return found;
}

/** Land every write in flight, oldest first, until none is left (each may release messages and more writes). */
function persistAll(engine: SimEngine): void {
  for (let write = nextWrite(engine); write; write = nextWrite(engine)) engine.explore({ type: 'persist', id: write.id });
}

function nextWrite(engine: SimEngine): PendingItem | undefined {
  return engine.pending().find((item) => item.kind === 'write');
}

/** The simulator must stand where the model does: each node's role, term and log length. */
function checkSame(engine: SimEngine, state: SystemState, step: number, text: string): void {
  const views = engine.getState().nodes;
  state.nodes.forEach((node, id) => {
    const model = `${node.core.role} t${node.core.term} log ${node.core.snapshotIndex + node.core.entries.length}`;
    const view = views[id]!;
    const sim = `${view.role} t${view.term} log ${view.log.lastIndex}`;
    if (model !== sim) throw new Error(`model: the simulator went another way at step ${step} (${text}): node ${id} is ${sim} there, ${model} in the model`);
  });
}

/** The recorded actions with each step's note placed before that step's first action. */
function withNotes(actions: readonly TimedAction[], notes: readonly TimedAction[]): TimedAction[] {
  const merged: TimedAction[] = [];
  let n = 0;
  for (const action of actions) {
    while (n < notes.length && notes[n]!.at <= action.at) merged.push(notes[n++]!);
    merged.push(action);
  }
  return [...merged, ...notes.slice(n)];
}
