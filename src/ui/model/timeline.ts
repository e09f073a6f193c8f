import type { RaftEvent } from '../../raft/events';
import type { NodeId } from '../../raft/types';

/**
 * The event timeline's model: what happened, to whom, when (virtual ms), and the rule behind it.
 * Rows come from three sources: the core's trace events (each citing the paper), the user's own
 * commands, and changes seen in the nodes' reports (a storage error, a violation).
 */
export type TimelineKind =
  | 'election' | 'leader' | 'vote' | 'reject' | 'stepdown' | 'commit' | 'truncate' | 'snapshot'
  | 'user' | 'client' | 'storage' | 'violation' | 'info';

export interface TimelineEvent {
  readonly id: number;
  /** Virtual ms on the cluster clock. */
  readonly at: number;
  readonly kind: TimelineKind;
  /** The nodes it concerns (highlighted when the row is selected). */
  readonly nodes: readonly NodeId[];
  readonly term?: number;
  /** A log index it concerns (highlighted in the log view). */
  readonly index?: number;
  readonly title: string;
  /** The rule that caused it, as the core explains it. */
  readonly why?: string;
  /** A pre-vote round or a pre-vote (thesis §9.6): it changes no term and elects nobody. */
  readonly preVote?: boolean;
  /** News in its own right: never folded into a run of repeated elections (timeline-groups.ts). */
  readonly notable?: boolean;
}

export type NewTimelineEvent = Omit<TimelineEvent, 'id'>;

/** Keep this many rows; older ones fall off. */
export const TIMELINE_CAP = 400;
/** Commits by one leader in one term within this long (virtual ms) fold into one row. */
const COMMIT_FOLD_MS = 3000;

/** A trace event as a timeline row, or null for those the per-node explanations cover alone. */
export function fromRaftEvent(event: RaftEvent, at: number): NewTimelineEvent | null {
  const { node, term, peer, index, text } = event;
  const base = { at, term, why: text };
  switch (event.kind) {
    case 'becameCandidate': return { ...base, kind: 'election', nodes: [node], title: event.cause === 'transfer'
      ? `Node ${node} starts an election for term ${term} at the leader's request (TimeoutNow, thesis §3.10)`
      : `Node ${node} starts an election for term ${term}` };
    case 'becameLeader': return { ...base, kind: 'leader', nodes: [node], title: `Node ${node} becomes leader of term ${term}` };
    case 'becameFollower': return { ...base, kind: 'stepdown', nodes: [node], ...(event.cause === 'checkQuorum' ? { notable: true } : {}), title: event.cause === 'checkQuorum'
      ? `Node ${node} steps down: it heard from no majority within an election timeout (CheckQuorum, thesis §6.2)`
      : `Node ${node} steps down to follower` };
    case 'voteGranted': return { ...base, kind: 'vote', nodes: [node, peer!], preVote: event.preVote, title: event.preVote
      ? `Node ${node} would vote for node ${peer} (a pre-vote: its term stays ${term}, thesis §9.6)`
      : `Node ${node} votes for node ${peer} in term ${term}` };
    case 'voteRejected': return { ...base, kind: 'reject', nodes: [node, peer!], preVote: event.preVote, title: event.preVote
      ? `Node ${node} refuses a pre-vote to node ${peer}`
      : `Node ${node} refuses its vote to node ${peer}` };
    case 'appendRejected': return { ...base, kind: 'reject', nodes: [node, peer!], title: `Node ${node} rejects AppendEntries from node ${peer}` };
    case 'truncated': return { ...base, kind: 'truncate', nodes: [node], index, title: `Node ${node} deletes its conflicting entries from index ${index}` };
    case 'committed': return { ...base, kind: 'commit', nodes: [node], index, title: `Node ${node} commits entries through ${index}` };
    case 'snapshotSaved': return { ...base, kind: 'snapshot', nodes: [node], index, title: `Node ${node} snapshots its log through ${index}` };
    case 'snapshotInstalled': return { ...base, kind: 'snapshot', nodes: [node], index, title: `Node ${node} installs the leader's snapshot through ${index}` };
    case 'staleMessage': return { ...base, kind: 'reject', nodes: peer === undefined ? [node] : [node, peer], title: `Node ${node} ignores a message from node ${peer}` };
    case 'becamePreCandidate': return { ...base, kind: 'election', nodes: [node], preVote: true, title: `Node ${node} asks whether it could win term ${term + 1} (pre-vote)` };
    case 'recovering':
      // Traced again at each election timeout it sits out; the row is for the first word from a leader.
      return peer === undefined ? null : { ...base, kind: 'storage', nodes: [node, peer], index, title: `Node ${node} lost its storage: it will not vote until it holds entries through ${index}` };
    case 'recovered': return { ...base, kind: 'storage', nodes: [node], index, title: `Node ${node} has caught up after losing its storage: it votes again` };
    case 'transferStarted': return { ...base, kind: 'info', nodes: peer === undefined ? [node] : [node, peer], title: `Node ${node} hands leadership to node ${peer} (thesis §3.10)` };
    case 'transferAbandoned': return { ...base, kind: 'info', nodes: peer === undefined ? [node] : [node, peer], title: `Node ${node} gives up handing leadership to node ${peer} after an election timeout (thesis §3.10)` };
    case 'transferRefused': return { ...base, kind: 'info', nodes: peer === undefined ? [node] : [node, peer], title: `Node ${node} cannot hand leadership to node ${peer}` };
    case 'noopAppended': return { ...base, kind: 'info', nodes: [node], index, title: `Node ${node} appends a no-op at ${index} to commit what earlier leaders left (§8)` };
    case 'voteReceived':
    case 'snapshotIgnored':
      return null;
    default:
      // A kind the core added since (a read index, …): no row until it is given one here; the
      // node's own explanations (the inspector's "why it acted") still show it.
      return null;
  }
}

/**
 * Append rows, numbering them; a commit by the same node in the same term soon after the previous
 * commit row updates that row instead ("commits entries through 41"), so a busy cluster does not
 * bury its elections under commits. Returns a new array (the store replaces, never mutates).
 */
export function appendTimeline(rows: readonly TimelineEvent[], incoming: readonly NewTimelineEvent[], nextId: () => number, cap = TIMELINE_CAP): TimelineEvent[] {
  const out = rows.slice();
  for (const event of incoming) {
    const fold = event.kind === 'commit' ? lastCommitOf(out, event) : -1;
    if (fold >= 0) {
      // The folded row moves to the end: it is now the newest thing that happened.
      const [old] = out.splice(fold, 1);
      out.push({ ...old!, at: event.at, index: event.index, title: event.title, why: event.why });
      continue;
    }
    insertInTimeOrder(out, { ...event, id: nextId() });
  }
  return out.length > cap ? out.slice(out.length - cap) : out;
}

/**
 * Rows are kept in virtual-time order. An engine hands each node's events over in a batch of its own
 * (stamped with when they happened), so a row may arrive after later ones: it goes in its place.
 */
function insertInTimeOrder(rows: TimelineEvent[], row: TimelineEvent): void {
  let at = rows.length;
  while (at > 0 && rows[at - 1]!.at > row.at) at--;
  rows.splice(at, 0, row);
}

function lastCommitOf(rows: readonly TimelineEvent[], event: NewTimelineEvent): number {
  for (let i = rows.length - 1; i >= Math.max(0, rows.length - 12); i--) {
    const row = rows[i]!;
    if (row.kind !== 'commit') continue;
    return row.nodes[0] === event.nodes[0] && row.term === event.term && event.at - row.at < COMMIT_FOLD_MS ? i : -1;
  }
  return -1;
}

/** "12.34 s" of virtual time. */
export function formatAt(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}
