import type { EntryView, NodeView } from '../../runtime';
import { initialNetwork } from '../../runtime/network';
import type { ClusterState } from '../../runtime/cluster';
import { NO_RUNTIME_BUGS } from '../../runtime/bugs';
import { DEFAULT_TIMING } from '../../raft/config';

/** Node reports for the UI's unit tests: a running follower in term 1 unless told otherwise. */
export function nodeView(id: number, fields: Partial<Omit<NodeView, 'log'>> & { log?: Partial<NodeView['log']> } = {}): NodeView {
  const window: EntryView[] = fields.log?.window ? [...fields.log.window] : [];
  const lastIndex = fields.log?.lastIndex ?? window.at(-1)?.index ?? 0;
  const { log, ...rest } = fields;
  return {
    id, incarnation: 1, status: 'running', error: null, at: 0, role: 'follower', term: 1, votedFor: null, leaderId: null,
    commitIndex: 0, lastApplied: 0,
    durable: { term: 1, votedFor: null, lastIndex, snapshotIndex: 0, snapshotTerm: 0, writing: false },
    progress: [], counters: { sent: 0, delivered: 0, requests: 0, dropped: {} }, numAppendLogs: 0,
    timer: { electionDeadline: 400, electionSetAt: 100, heartbeatDeadline: Infinity }, votes: [], machine: null,
    ...rest,
    log: { lastIndex, lastTerm: window.at(-1)?.term ?? 0, snapshotIndex: 0, snapshotTerm: 0, stableIndex: lastIndex, window, ...log },
  };
}

/** Entries `from`..`to` of one term: "put k<i>=v<i>". */
export function entries(from: number, to: number, term: number): EntryView[] {
  return Array.from({ length: to - from + 1 }, (_, i) => ({ index: from + i, term, command: `put k${from + i}=v${from + i}` }));
}

export function clusterState(nodes: NodeView[]): ClusterState {
  return {
    namespace: 'test', size: nodes.length, machine: 'kv', nodes, network: initialNetwork(nodes.length),
    clock: { anchorWallMs: 0, anchorVirtualMs: 0, speed: 1, paused: false },
    config: { timing: DEFAULT_TIMING, bugs: NO_RUNTIME_BUGS, autoCompactEntries: null },
  };
}
