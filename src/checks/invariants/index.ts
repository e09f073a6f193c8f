export { InvariantChecker, sameCommand } from './checker';
export { InvariantViolation, type CheckedNode, type InvariantName } from './types';
export { simInvariantHooks, viewOfCore } from './sim-adapter';
