import { NO_BUGS, NO_MEMBERSHIP_BUGS, type BugSwitches, type MembershipBugSwitches, type RaftFeatures } from '../raft/config';

/**
 * Every deliberate bug a driver can run with: the core's switches (src/raft/config.ts) plus the
 * driver's own, acknowledging before persisting. The simulator, its chaos runs and the browser
 * runtime all name bugs from this one list; the page offers them so that people can watch the
 * invariant checker catch each one.
 */
export interface DriverBugs extends BugSwitches {
  /** Send votes and append acknowledgements before their write is durable (thesis §3.8 forbids it). */
  readonly ackBeforePersist: boolean;
}

export type BugName = keyof DriverBugs;

export const NO_DRIVER_BUGS: DriverBugs = { ...NO_BUGS, ackBeforePersist: false };

/** The core's switches in their declared order, then the driver's. */
export const BUG_NAMES: readonly BugName[] = Object.keys(NO_DRIVER_BUGS) as BugName[];

/** A bug in a mechanism needs the mechanism on: a run with the bug turns it on too (chaos runs, the model checker). */
export const BUG_NEEDS: Partial<Record<BugName, Partial<RaftFeatures>>> = {
  preVoteBumpsTerm: { preVote: true },
  readIndexBeforeTermCommit: { readIndex: true },
  leaseWithoutCheckQuorum: { leaseReads: true },
};

/**
 * Bugs in membership change (src/raft/config.ts MembershipBugSwitches), named apart from BUG_NAMES
 * until the page's bug menu (src/ui) and the model checker (src/model) describe them too: the chaos
 * runs (`npm run chaos -- --membership --bug NAME`) take them from here.
 */
export const MEMBERSHIP_BUG_NAMES: readonly (keyof MembershipBugSwitches)[] = Object.keys(NO_MEMBERSHIP_BUGS) as (keyof MembershipBugSwitches)[];
export type MembershipBugName = keyof MembershipBugSwitches;

export function isBugName(name: string): name is BugName {
  return (BUG_NAMES as readonly string[]).includes(name);
}

/** The core's part of the switches, as config overrides: every switch the core knows (NO_BUGS). */
export function coreBugs(bugs: DriverBugs): BugSwitches {
  const core = {} as Record<keyof BugSwitches, boolean>;
  for (const name of Object.keys(NO_BUGS) as (keyof BugSwitches)[]) core[name] = bugs[name];
  return core;
}
