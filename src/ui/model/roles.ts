import type { NodeView } from '../../runtime';

/**
 * How a node is drawn: its Raft role, or why it has none. A leader whose term is behind the
 * cluster's newest term is "stale": it still believes it leads but can commit nothing (§5.1, §5.4.2).
 */
export type DisplayRole = 'leader' | 'stale-leader' | 'candidate' | 'follower' | 'crashed' | 'storage-error' | 'starting';

export function displayRole(view: NodeView, newestTerm: number): DisplayRole {
  if (view.status === 'crashed' || view.status === 'failed') return 'crashed';
  if (view.status === 'storage-error') return 'storage-error';
  if (view.status === 'starting') return 'starting';
  if (view.role === 'leader') return view.term < newestTerm ? 'stale-leader' : 'leader';
  return view.role;
}

export const ROLE_LABEL: Record<DisplayRole, string> = {
  leader: 'leader',
  'stale-leader': 'stale leader',
  candidate: 'candidate',
  follower: 'follower',
  crashed: 'crashed',
  'storage-error': 'storage error',
  starting: 'starting',
};

export function isUp(view: NodeView): boolean {
  return view.status === 'running' || view.status === 'starting';
}

/** The newest term any running node is in. */
export function newestTerm(nodes: readonly NodeView[]): number {
  let term = 0;
  for (const view of nodes) if (view.status === 'running' && view.term > term) term = view.term;
  return term;
}

/** The running node that leads in the newest term, or null (the same rule as the KV client's leaderOf). */
export function currentLeader(nodes: readonly NodeView[]): NodeView | null {
  let best: NodeView | null = null;
  for (const view of nodes) {
    if (view.status === 'running' && view.role === 'leader' && (!best || view.term > best.term)) best = view;
  }
  return best;
}

/** What a recovering node is called wherever it is shown (issue 8, 1c). */
export const RECOVERING_LABEL = 'recovering (not voting)';

/**
 * Too many nodes are recovering for the rest to elect anyone, so none of them can ever catch up:
 * the cluster cannot safely go on (only a reset helps).
 */
export function noVotingMajority(nodes: readonly NodeView[]): boolean {
  const recovering = nodes.filter((v) => v.recovering === true).length;
  return recovering > 0 && nodes.length - recovering < quorum(nodes.length);
}

/** Votes or replicas needed: a majority of the whole cluster. */
export function quorum(size: number): number {
  return Math.floor(size / 2) + 1;
}

/** "0, 2 and 4" */
export function listNodes(ids: readonly number[]): string {
  const sorted = [...ids].sort((a, b) => a - b).map(String);
  if (sorted.length <= 1) return sorted.join('');
  return `${sorted.slice(0, -1).join(', ')} and ${sorted.at(-1)}`;
}
