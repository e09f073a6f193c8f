/** The Raft library's public surface. */
export { RaftNode, type ProposalOutcome, type RaftNodeOptions } from './node';
export { RaftCore, type Ready, type Role, type Progress, type ApplyItem, type RaftStatus, type CoreExport, type MembershipChange, type MembershipOutcome } from './core';
export { describeMembership, hasQuorum, isLearner, isVoter, quorumValue } from './membership';
export type { ReadonlyRaftLog } from './log';
export { makeConfig, validateConfig, DEFAULT_CONFIG, DEFAULT_TIMING, NO_BUGS, type RaftConfig, type RaftTiming, type BugSwitches, type ConfigOverrides } from './config';
export { RaftLog } from './log';
export { Prng } from './prng';
export { isRequest, describeMessage, MESSAGE_KINDS, MESSAGE_TYPES, type Message, type MessageType } from './messages';
export type { RaftEvent, RaftEventKind } from './events';
export * from './types';
