import type { TimelineEvent, TimelineKind } from './timeline';

/**
 * Repeats folded into one line (issue 12, item 2): a partition that leaves no side a majority makes
 * the cut-off nodes time out again and again (§5.2), and a hundred near-identical election rows
 * would bury the partition and the client's commands that explain them. A run of at least
 * FOLD_AT elections with no leader between them becomes one expandable row that says what they
 * share: "27 elections in terms 3–28 won no majority: at most 2 of the 3 votes needed".
 */
export type TimelineItem =
  | { readonly kind: 'event'; readonly event: TimelineEvent }
  | { readonly kind: 'elections'; readonly group: ElectionGroup };

export interface ElectionGroup {
  /** Stable while the run grows (the id of its oldest row), so an expanded group stays open. */
  readonly id: number;
  /** Every row of the run, newest first, as the list shows them. */
  readonly events: readonly TimelineEvent[];
  readonly title: string;
  /** The run's newest instant (virtual ms). */
  readonly at: number;
  readonly nodes: readonly number[];
}

/** Fewer elections than this in a row stay as they are. */
export const FOLD_AT = 3;
/** What happens in a run of failed elections; a leader ends the run. */
const IN_RUN: ReadonlySet<TimelineKind> = new Set(['election', 'vote', 'reject', 'stepdown']);

/**
 * `shown` newest first (as the timeline lists them); `all` is every row kept, to count votes even
 * when the list hides them; `size` the cluster's size, for the majority (§5.2).
 */
export function groupRepeats(shown: readonly TimelineEvent[], all: readonly TimelineEvent[], size: number): TimelineItem[] {
  const items: TimelineItem[] = [];
  let run: TimelineEvent[] = [];
  const flush = (): void => {
    const elections = run.filter((e) => e.kind === 'election');
    if (elections.length >= FOLD_AT) items.push({ kind: 'elections', group: electionGroup(run, elections, all, size) });
    else for (const event of run) items.push({ kind: 'event', event });
    run = [];
  };
  for (const event of shown) {
    // The election that made a leader is not a repeat: it stays on a line of its own.
    if (IN_RUN.has(event.kind) && !event.notable && !(event.kind === 'election' && won(event, all))) { run.push(event); continue; }
    flush();
    items.push({ kind: 'event', event });
  }
  flush();
  return items;
}

function electionGroup(run: readonly TimelineEvent[], elections: readonly TimelineEvent[], all: readonly TimelineEvent[], size: number): ElectionGroup {
  const majority = Math.floor(size / 2) + 1;
  // A pre-candidate asks about term + 1 (thesis §9.6); a candidate's row already carries its new term.
  const terms = elections.map((e) => (e.term ?? 0) + (e.preVote ? 1 : 0));
  const low = Math.min(...terms);
  const high = Math.max(...terms);
  const best = Math.max(...elections.map((e) => votesFor(e, all)));
  const candidates = [...new Set(elections.map((e) => e.nodes[0]!))].sort((a, b) => a - b);
  const what = elections.every((e) => e.preVote) ? 'pre-vote rounds' : 'elections';
  const span = low === high ? `in term ${low}` : `in terms ${low}–${high}`;
  const who = candidates.length === 1 ? `by node ${candidates[0]}` : `by nodes ${candidates.join(', ')}`;
  return {
    id: run[run.length - 1]!.id,
    events: run,
    at: run[0]!.at,
    nodes: candidates,
    // Votes are counted from the rows kept; a round they show reaching a majority still made no leader.
    title: best < majority
      ? `${elections.length} ${what} ${span} ${who} won no majority: at most ${best} of the ${majority} votes needed`
      : `${elections.length} ${what} ${span} ${who} made no leader`,
  };
}

/** The election made its candidate leader (or the pre-vote round let it campaign, thesis §9.6). */
function won(election: TimelineEvent, all: readonly TimelineEvent[]): boolean {
  const candidate = election.nodes[0];
  return election.preVote
    ? all.some((row) => row.kind === 'election' && !row.preVote && row.nodes[0] === candidate && row.term === (election.term ?? 0) + 1)
    : all.some((row) => row.kind === 'leader' && row.nodes[0] === candidate && row.term === election.term);
}

/** The candidate's own vote and every vote granted to it in that round, as far as the rows tell (`all` oldest first). */
function votesFor(election: TimelineEvent, all: readonly TimelineEvent[]): number {
  const candidate = election.nodes[0];
  // A voter asked again (a retried RequestVote) grants again: count voters, not grants.
  const voters = new Set([candidate]);
  for (let i = all.findIndex((row) => row.id === election.id) + 1; i > 0 && i < all.length; i++) {
    const row = all[i]!;
    // Its next round (a pre-candidate asks again in the same term) starts a new count.
    if (row.kind === 'election' && row.nodes[0] === candidate) break;
    if (row.kind === 'vote' && row.nodes[1] === candidate && row.term === election.term && !!row.preVote === !!election.preVote) voters.add(row.nodes[0]);
  }
  return voters.size;
}
