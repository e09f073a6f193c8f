/**
 * The bug switches the browser cluster runs with. They live in src/shared/bugs.ts, where the
 * simulator's chaos runs read the same names; these are the runtime's names for them.
 */
export {
  type DriverBugs as RuntimeBugs, NO_DRIVER_BUGS as NO_RUNTIME_BUGS, BUG_NAMES, type BugName, coreBugs,
} from '../shared/bugs';
