import type { RaftCore } from '../../raft/core';
import type { Entry, Membership, NodeId } from '../../raft/types';
import { InvariantChecker } from './checker';
import { InvariantViolation, type CheckedNode } from './types';

/** A live view of a simulated node's core, for the checker. */
export function viewOfCore(id: NodeId, core: RaftCore<unknown>): CheckedNode {
  const log = core.log;
  return {
    id, role: core.role, term: core.term, commitIndex: core.commitIndex,
    snapshotIndex: log.snapshotIndex, snapshotTerm: log.snapshotTerm, lastIndex: log.lastIndex,
    firstShownIndex: log.firstIndex,
    entryAt: (index) => (index > log.snapshotIndex && index <= log.lastIndex ? log.entryAt(index) : undefined),
    voterGroups: voterGroupsOf(core.membership), recovering: core.recovering,
  };
}

/** The groups whose majorities decide (thesis §4.1; C_new's and C_old's while joint). */
function voterGroupsOf(membership: Membership): readonly (readonly NodeId[])[] {
  return membership.outgoing ? [membership.voters, membership.outgoing] : [membership.voters];
}

/**
 * Wires an InvariantChecker into a simulator: afterStep and onApply for SimCluster, plus a ring of
 * recent events so a violation says what led to it.
 */
export function simInvariantHooks(capacity = 40) {
  const checker = new InvariantChecker();
  const recent: string[] = [];
  const note = (line: string): void => {
    recent.push(line);
    if (recent.length > capacity) recent.shift();
  };
  const rethrow = (error: unknown): never => {
    if (error instanceof InvariantViolation) error.recentEvents = recent.slice();
    throw error;
  };
  return {
    checker,
    note,
    recent,
    afterStep(cluster: { nodes: readonly { core: RaftCore<unknown> }[]; now: number }, node: NodeId): void {
      try {
        checker.observe(viewOfCore(node, cluster.nodes[node]!.core));
      } catch (error) {
        rethrow(error);
      }
    },
    onApply(node: NodeId, index: number, entry: Entry<unknown>): void {
      try {
        checker.observeApply(node, index, entry);
      } catch (error) {
        rethrow(error);
      }
    },
  };
}
