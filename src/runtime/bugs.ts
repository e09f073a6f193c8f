import { NO_BUGS, type BugSwitches } from '../raft/config';

/**
 * Every deliberate bug the browser cluster can run with: the core's switches (src/raft/config.ts)
 * plus the driver's own, acknowledging before persisting. All off by default; the page offers them
 * so that people can watch the invariant checker catch each one.
 */
export interface RuntimeBugs extends BugSwitches {
  /** Send votes and append acknowledgements before their write is durable (thesis §3.8 forbids it). */
  readonly ackBeforePersist: boolean;
}

export type BugName = keyof RuntimeBugs;

export const NO_RUNTIME_BUGS: RuntimeBugs = { ...NO_BUGS, ackBeforePersist: false };

export const BUG_NAMES = Object.keys(NO_RUNTIME_BUGS) as BugName[];

/** The core's part of the switches, as config overrides: every switch the core knows (NO_BUGS). */
export function coreBugs(bugs: RuntimeBugs): BugSwitches {
  const core = {} as Record<keyof BugSwitches, boolean>;
  for (const name of Object.keys(NO_BUGS) as (keyof BugSwitches)[]) core[name] = bugs[name];
  return core;
}
