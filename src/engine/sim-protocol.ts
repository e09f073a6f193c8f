import type { RaftEvent } from '../raft/events';
import type { ProposalOutcome } from '../raft/node';
import type { NodeId } from '../raft/types';
import type { TrafficBatch } from '../runtime/cluster';
import type { AppliedEntryView, ProposeResult } from '../runtime/protocol';
import type { RunFile, RunNote } from './run';
import type { SimEngineOptions } from './sim-engine';
import type { StateDelta } from './state-delta';
import type { LabOutcome } from '../lab/watch';

/**
 * What the page's SimClusterProxy and the simulated engine's Worker say to each other. The page
 * computes network edits itself (src/shared/network.ts) and sends the whole configuration, so the
 * worker needs only the engine's own operations.
 */

/**
 * The engine's options that cross the thread boundary (the worker reads its own real time). With
 * `run`, the engine starts from that recorded run (its start overrides size, seed and the rest),
 * replays it and pauses at its end.
 */
export type SimInit = Omit<SimEngineOptions, 'wall'>;

/** Opening from a run file alone: size and seed come from the run's start. */
export interface SimRunInit {
  readonly run: RunFile;
  readonly speed?: number;
}

/**
 * A lab test in the page (issue 9, item 7): the worker runs it as `npm run lab` does, recording it
 * (src/lab/watch.ts), tells the outcome, and opens the recorded run at its start, paused: playing
 * it shows the test at any speed, with its steps as notes.
 */
export interface SimLabInit {
  readonly lab: { readonly test: string; readonly seed: number };
  readonly speed?: number;
}

/** Engine methods that return nothing, called with their arguments as they are. */
export const SIM_VOID_METHODS = [
  'forceElectionTimeout', 'transferLeadership', 'crash', 'setNetwork', 'pause', 'resume', 'setSpeed', 'step',
  'setTiming', 'setAutoCompact', 'setBugs', 'setFeatures', 'advance',
] as const;
export type SimVoidMethod = (typeof SIM_VOID_METHODS)[number];

/**
 * Engine methods the page waits for: the worker answers `done` with the call's id (and the value),
 * after the state they lead to. Time travel's moves (seek, stepBack, stepForward) and exportRun are
 * among them: the page's promise resolves once the state at the new position has arrived.
 */
export const SIM_ASYNC_METHODS = ['restart', 'resetNode', 'reset', 'destroy', 'seek', 'stepBack', 'stepForward', 'exportRun', 'pending', 'explore', 'readLog'] as const;
export type SimAsyncMethod = (typeof SIM_ASYNC_METHODS)[number];

// ---- page → worker ---------------------------------------------------------------------------------

export type SimCommand =
  | { readonly type: 'init'; readonly options: SimInit | SimLabInit }
  | { readonly type: 'call'; readonly method: SimVoidMethod; readonly args: readonly unknown[] }
  | { readonly type: 'lifecycle'; readonly callId: number; readonly method: SimAsyncMethod; readonly args: readonly unknown[] }
  | { readonly type: 'propose'; readonly requestId: number; readonly node: NodeId; readonly command: unknown; readonly read?: boolean }
  | { readonly type: 'snapshot'; readonly requestId: number; readonly node: NodeId };

// ---- worker → page ---------------------------------------------------------------------------------

export type SimReport =
  /**
   * The state as a change to the last one posted (state-delta.ts); handled: how many commands the
   * worker had carried out when it took this state.
   */
  | { readonly type: 'state'; readonly delta: StateDelta; readonly handled: number }
  | { readonly type: 'traffic'; readonly batch: TrafficBatch }
  | { readonly type: 'notes'; readonly notes: readonly RunNote[] }
  /** Before the first state of a lab test's run: how the test went. */
  | { readonly type: 'lab'; readonly outcome: LabOutcome }
  | { readonly type: 'events'; readonly node: NodeId; readonly events: readonly RaftEvent[] }
  | { readonly type: 'applied'; readonly node: NodeId; readonly entries: readonly AppliedEntryView[]; readonly overflow: number }
  | { readonly type: 'placed'; readonly result: ProposeResult }
  | { readonly type: 'outcome'; readonly requestId: number; readonly outcome: ProposalOutcome<unknown> }
  | { readonly type: 'snapshot'; readonly requestId: number; readonly ok: boolean }
  | { readonly type: 'done'; readonly callId: number; readonly value?: unknown; readonly error?: string }
  /** A call failed in the worker (the page validates first, so this is a bug worth showing). */
  | { readonly type: 'error'; readonly message: string };
