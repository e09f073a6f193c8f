import { entryAt, lastIndex } from './invariants';
import { commandOf, type ModelMessage, type SystemState } from './types';

/**
 * Named "can this happen?" questions: a goal reached is reported like a violation, with the
 * shortest trace to it. Some are possible in Raft (a leader elected, two leaders of different
 * terms at once, logs that diverge); some must never be (two leaders in one term, a committed entry
 * lost from a majority's disks) and are there to ask it of a bug switch.
 */
export interface Goal {
  readonly name: string;
  readonly question: string;
  /** Whether `state` is such a state; a goal about a step also reads the state it came from (null: the initial state). */
  reached(state: SystemState, parent?: SystemState | null): boolean;
}

export const GOALS: readonly Goal[] = [
  {
    name: 'leader-elected',
    question: 'some node becomes leader',
    reached: (s) => s.nodes.some((n) => n.core.role === 'leader'),
  },
  {
    name: 'entry-committed',
    question: 'some entry commits',
    reached: (s) => s.history.committed.length > 0,
  },
  {
    name: 'two-leaders',
    question: 'two nodes believe they lead at once (of different terms: a stale leader, as §5.2 allows)',
    reached: (s) => s.nodes.filter((n) => n.core.role === 'leader').length >= 2,
  },
  {
    name: 'two-leaders-one-term',
    question: 'two nodes lead in one term (Election Safety forbids it)',
    reached: (s) => s.history.leaders.some((ids) => ids.length >= 2),
  },
  {
    name: 'logs-diverge',
    question: 'two nodes hold different entries at one index (Figure 7: legal until committed)',
    reached: logsDiverge,
  },
  {
    name: 'client-answered',
    question: 'a client hears back from the store (with --kv: a node applied its operation where it was put)',
    reached: (s) => s.clients.events.some((e) => e.kind === 'return'),
  },
  {
    name: 'committed-entry-lost',
    question: 'an entry known committed is no longer on a majority of disks',
    reached: committedEntryLost,
  },
  {
    name: 'pre-vote-raised-term',
    question: 'a node\'s term rose in a step that left it a pre-candidate (thesis §9.6 forbids it: only a real candidacy, after a majority of pre-votes, or a higher term seen raises it)',
    reached: preVoteRaisedTerm,
  },
  {
    name: 'rejects-committed-prefix',
    question: 'a follower rejects an AppendEntries of a current leader that starts inside its committed prefix (which matches that leader\'s log, §5.4.3: the leader would send it again and again)',
    reached: rejectsCommittedPrefix,
  },
];

/**
 * A follower's committed prefix — snapshot included — matches the log of every leader of its term
 * or later (Log Matching and Leader Completeness, §5.4.3). So an AppendEntries from such a leader
 * whose prevLogIndex lies inside it has nothing to conflict with: correct Raft accepts it (here:
 * replication.ts skipCommitted). A rejection sends the leader back to a nextIndex it will send from
 * again: the follower is stranded, a liveness failure that no safety property sees, caught at the
 * step that causes it.
 */
function rejectsCommittedPrefix(state: SystemState, parent?: SystemState | null): boolean {
  if (!parent) return false;
  const request = deliveredIn(parent, state);
  if (request?.type !== 'AppendEntries') return false;
  const follower = parent.nodes[request.to]!.core;
  if (request.term < follower.term || request.prevLogIndex > follower.commitIndex) return false;
  return rejectionsFrom(state, request.to) > rejectionsFrom(parent, request.to);
}

/** The message taken off the network in the step from `parent` (a delivery or a drop), if one was: the key whose copies fell in number. */
function deliveredIn(parent: SystemState, state: SystemState): ModelMessage | null {
  const copies = new Map<string, number>();
  for (const m of state.network) copies.set(m.key, (copies.get(m.key) ?? 0) + 1);
  for (const m of parent.network) {
    const left = copies.get(m.key) ?? 0;
    if (left === 0) return m.message;
    copies.set(m.key, left - 1);
  }
  return null;
}

/** Failed AppendEntries replies from node `id` in flight: on the network, or held behind its writes. */
function rejectionsFrom(state: SystemState, id: number): number {
  const held = state.nodes[id]!.pending.flatMap((write) => write.messages);
  return [...state.network.map((m) => m.message), ...held].filter((m) => m.type === 'AppendEntriesReply' && m.from === id && !m.success).length;
}

/**
 * Thesis §9.6: a pre-candidate asks whether it could win term + 1 "without incrementing its term";
 * a node cut off that keeps asking keeps its term, so it cannot depose a working leader when it
 * returns. In the core a term rises only in startElection (a real candidate) or on a higher term
 * seen (a follower), both of which end the pre-candidacy; a node still a pre-candidate after its
 * term rose broke the rule, and the disruption PreVote prevents follows from it.
 */
function preVoteRaisedTerm(state: SystemState, parent?: SystemState | null): boolean {
  if (!parent) return false;
  return state.nodes.some((node, id) => node.core.preCandidate && node.core.term > parent.nodes[id]!.core.term);
}

export function goalNamed(name: string): Goal {
  const goal = GOALS.find((g) => g.name === name);
  if (!goal) throw new Error(`unknown goal ${name}; known: ${GOALS.map((g) => g.name).join(', ')}`);
  return goal;
}

function logsDiverge(state: SystemState): boolean {
  const cores = state.nodes.map((n) => n.core);
  for (const a of cores) {
    for (const b of cores) {
      const top = Math.min(lastIndex(a), lastIndex(b));
      for (let index = Math.max(a.snapshotIndex, b.snapshotIndex) + 1; index <= top; index++) {
        if (entryAt(a, index)!.term !== entryAt(b, index)!.term) return true;
      }
    }
  }
  return false;
}

function committedEntryLost(state: SystemState): boolean {
  const quorum = Math.floor(state.nodes.length / 2) + 1;
  return state.history.committed.some((fact, i) => {
    const index = i + 1;
    const holders = state.nodes.filter((n) => {
      const snap = n.disk.snapshot?.lastIncludedIndex ?? 0;
      const entry = n.disk.entries[index - snap - 1];
      if (index <= snap) return true;
      return entry !== undefined && entry.term === fact.term && commandOf(entry) === fact.command;
    });
    return holders.length < quorum;
  });
}
