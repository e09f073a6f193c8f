import type { RaftFeatures, RaftTiming } from '../raft/config';
import type { NodeId } from '../raft/types';
import type { DriverBugs } from '../shared/bugs';
import type { ConfigEdit } from '../shared/config-edit';
import type { LinkPolicy, NetworkConfig } from '../shared/network';
import type { ExploreChoice } from '../sim/explore';

/**
 * A run as data (issue 9, item 5): format version + seed + configuration + the timed user actions.
 * The simulated engine is a function of these, so replaying a RunFile reaches byte-identical node
 * states at the same virtual time. Everything here is plain JSON.
 *
 * This file holds the shapes only; the parser that checks a file from outside (valibot) and the
 * engine that records and replays runs build on them.
 */
export const RUN_FORMAT_VERSION = 1;

/**
 * What anything reading a run from outside (a file, a link) throws, naming what is wrong. It lives
 * here, not beside the parser, so that the page can tell it apart without loading the parser
 * (run-file.ts and valibot load on demand).
 */
export class RunFileError extends Error {
  constructor(message: string) {
    super(`not a Raftlab run: ${message}`);
    this.name = 'RunFileError';
  }
}

/** How the run started: what the simulated engine was constructed with. */
export interface RunStart {
  readonly size: number;
  /** 0 to 2^32 - 1: everything random in the run comes from it. */
  readonly seed: number;
  readonly machine: 'kv' | 'list';
  readonly timing: RaftTiming;
  readonly features: RaftFeatures;
  readonly bugs: DriverBugs;
  readonly autoCompactEntries: number | null;
  readonly trace: boolean;
  readonly linkPolicy: LinkPolicy;
  /** How long a write takes to become durable; null: at once (the lab's harness, src/sim/harness.ts). */
  readonly diskLatencyMs: { readonly min: number; readonly max: number } | null;
}

/**
 * One thing the user (the form, a button, the console, a lesson, the autopilot) did to the cluster.
 * Pause, resume and speed are not actions: they change when the run is watched, not what happens.
 */
export type RunAction =
  /**
   * batched: offered together with the propose before it (same node, same step), as one input to the
   * node's core; the simulated engine batches the commands offered in one task, and a replay must too.
   */
  | { readonly type: 'propose'; readonly node: NodeId; readonly command: unknown; readonly read?: boolean; readonly batched?: true }
  | { readonly type: 'saveSnapshot'; readonly node: NodeId }
  | { readonly type: 'forceElectionTimeout'; readonly node: NodeId }
  | { readonly type: 'transferLeadership'; readonly node: NodeId; readonly target: NodeId }
  | { readonly type: 'crash'; readonly node: NodeId }
  | { readonly type: 'restart'; readonly node: NodeId }
  | { readonly type: 'resetNode'; readonly node: NodeId }
  | { readonly type: 'reset'; readonly size: number }
  | { readonly type: 'setNetwork'; readonly network: NetworkConfig }
  /** Timing, compaction, bug switches, Production Raft's features (src/shared/config-edit.ts merges them). */
  | ConfigEdit
  /**
   * A line of narration at its moment (a lab test's step or check, src/lab/recording.ts): it changes
   * nothing in the cluster; the page shows it in the timeline when the run reaches it.
   */
  | { readonly type: 'note'; readonly text: string }
  /** Explore mode (item 6): the user chose what happens next to one pending message or timer. */
  | { readonly type: 'explore'; readonly choice: ExploreChoice };

/**
 * Explore mode's choices (src/sim/explore.ts), naming a pending item by its id: a message in flight
 * (`msg:<seq>`, the scheduler's order, the same in every replay) to deliver now, drop or duplicate;
 * a timer (`timer:<node>:<kind>:<deadline>`: election, heartbeat, vote-retry) to fire now; a node's
 * disk write in flight (`write:<seq>`) to make durable now.
 */
export type { ExploreChoice } from '../sim/explore';

/**
 * An action and exactly where in the run it happened: `step` is how many scheduled events
 * (deliveries, timers, disk completions) had run when it was applied, `at` the virtual ms then.
 * Replaying applies it after the same step, so the order against the simulation is exact.
 *
 * The live engine has no steps: an action it recorded has `step: null`, and a replay in the
 * simulator ("Replay in the simulator") applies it at `at`, after every event due at or before it.
 */
export interface TimedAction {
  readonly at: number;
  readonly step: number | null;
  readonly action: RunAction;
}

export interface RunFile {
  readonly format: 'raftlab-run';
  readonly version: typeof RUN_FORMAT_VERSION;
  readonly start: RunStart;
  readonly actions: readonly TimedAction[];
  /** Virtual ms the run had reached when saved (a replay runs to here and pauses). */
  readonly endAt: number;
  /**
   * Scheduled events run by then, when known: events due at `endAt` itself that had not run yet
   * (the run was paused mid-instant, by a step or an explore choice) are left to run, as they were.
   * Absent (older files, the live engine's recordings): everything due by `endAt` runs.
   */
  readonly endStep?: number;
  /** Optional: where it came from ("live session", "lesson: …", "model checker: …", "autopilot chaos"). */
  readonly note?: string;
}

/** A line of a run's narration (a 'note' action), at the virtual ms the run reached it. */
export interface RunNote {
  readonly at: number;
  readonly text: string;
}

/** Where the simulated engine stands in its recorded run (sent with every state; absent on the live engine). */
export interface RunPosition {
  /** Virtual ms now, and the furthest the run has reached. */
  readonly at: number;
  readonly endAt: number;
  /** Scheduled events run so far, and in the whole recorded run. */
  readonly step: number;
  readonly endStep: number;
  /** True when the view is behind the run's end: acting here forks a new future from this moment. */
  readonly inPast: boolean;
  /** How many times this run was forked (acting in the past drops the old future). */
  readonly forks: number;
}
