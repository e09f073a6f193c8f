import type { Role } from '../../raft/core';
import type { NodeId } from '../../raft/types';

/**
 * What the invariant checker needs to see of a node. The simulator adapts a live RaftCore; the
 * browser adapts the state reports its workers stream. A view may hold only part of the log:
 * entryAt returns undefined for indices it does not show.
 */
export interface CheckedNode {
  readonly id: NodeId;
  readonly role: Role;
  readonly term: number;
  readonly commitIndex: number;
  readonly snapshotIndex: number;
  readonly snapshotTerm: number;
  readonly lastIndex: number;
  /** The first index this view can show (snapshotIndex + 1 for a full log). */
  readonly firstShownIndex: number;
  entryAt(index: number): CheckedEntry | undefined;
  /**
   * The voter groups of the configuration in force on this node (thesis §4.1): one, or C_new's and
   * C_old's during joint consensus. Absent: the Commit Quorum check is skipped for this view.
   */
  readonly voterGroups?: readonly (readonly NodeId[])[];
  /** Lost its storage and not caught up: it may lack entries it once acknowledged (recovery.ts). */
  readonly recovering?: boolean;
}

/**
 * An entry as the checker compares it: its term, its kind (absent means a command; 'noop' is a new
 * leader's empty entry, §8) and, for a command, the command.
 */
export interface CheckedEntry {
  readonly term: number;
  readonly kind?: string;
  readonly command?: unknown;
  /** A configuration entry's membership (thesis §4.1). */
  readonly membership?: unknown;
}

export type InvariantName =
  | 'Election Safety'
  | 'Leader Append-Only'
  | 'Log Matching'
  | 'Leader Completeness'
  | 'State Machine Safety'
  /** A leader's commit is held by a majority of the voters of the configuration in force on it (§5.3, thesis §4.1). */
  | 'Commit Quorum';

/** Figure 3 of the paper: a property Raft guarantees at all times was broken. */
export class InvariantViolation extends Error {
  constructor(
    readonly invariant: InvariantName,
    readonly nodes: readonly NodeId[],
    readonly detail: string,
    /** The steps that led here, oldest first (filled in by the driver). */
    public recentEvents: readonly string[] = [],
  ) {
    super(`${invariant} violated on node${nodes.length > 1 ? 's' : ''} ${nodes.join(', ')}: ${detail}`);
    this.name = 'InvariantViolation';
  }
}
