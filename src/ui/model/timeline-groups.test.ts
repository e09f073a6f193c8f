import { describe, expect, it } from 'vitest';
import type { TimelineEvent } from './timeline';
import { groupRepeats } from './timeline-groups';

let id = 0;
const row = (kind: TimelineEvent['kind'], nodes: number[], term: number, extra: Partial<TimelineEvent> = {}): TimelineEvent =>
  ({ id: ++id, at: id * 10, kind, nodes, term, title: `${kind} ${nodes.join('>')} t${term}`, ...extra });

/** Issue 12, item 2: a minority's endless elections fold into one line that says what they share. */
describe('groupRepeats', () => {
  it('folds a run of failed elections into one row with the terms, candidates and the best vote count', () => {
    id = 0;
    const partition = row('user', [], 2, { title: 'You partition {0,1} | {2,3,4}' });
    const rows = [partition];
    for (let term = 3; term <= 8; term++) {
      const candidate = term % 2;
      rows.push(row('election', [candidate], term));
      // A retried RequestVote is granted twice by the same voter: still 2 votes.
      if (term === 5) rows.push(row('vote', [1 - candidate, candidate], term), row('vote', [1 - candidate, candidate], term));
      rows.push(row('reject', [4, candidate], term));
    }
    const put = row('client', [], 8, { title: 'put x=1 refused' });
    rows.push(put);
    const items = groupRepeats([...rows].reverse(), rows, 5);
    expect(items.map((i) => i.kind)).toEqual(['event', 'elections', 'event']);
    const group = items[1]!.kind === 'elections' ? items[1]!.group : null;
    expect(group!.title).toBe('6 elections in terms 3–8 by nodes 0, 1 won no majority: at most 2 of the 3 votes needed');
    expect(group!.events).toHaveLength(14);
    // Its identity is its oldest row: newer elections join the same (possibly expanded) group.
    expect(group!.id).toBe(rows[1]!.id);
  });

  it('keeps the election that won out of the group: only the failed ones fold', () => {
    id = 0;
    const rows = [row('election', [0], 1), row('election', [1], 1), row('election', [2], 1), row('vote', [0, 2], 1), row('leader', [2], 1)];
    expect(groupRepeats([...rows].reverse(), rows, 3).every((i) => i.kind === 'event')).toBe(true);
  });

  it('never folds a notable row: a leader stepping down by CheckQuorum (thesis §6.2) stays on its own line', () => {
    id = 0;
    const rows = [row('election', [1], 2, { preVote: true }), row('election', [1], 2, { preVote: true }),
      row('stepdown', [0], 2, { notable: true, title: 'Node 0 steps down: CheckQuorum' }),
      row('election', [1], 2, { preVote: true }), row('election', [1], 2, { preVote: true })];
    const items = groupRepeats([...rows].reverse(), rows, 3);
    expect(items.some((i) => i.kind === 'event' && i.event.title === 'Node 0 steps down: CheckQuorum')).toBe(true);
  });

  it('leaves a short run and any run a leader ends as they are', () => {
    id = 0;
    const rows = [row('election', [0], 2), row('election', [1], 3), row('leader', [1], 3), row('election', [2], 4)];
    expect(groupRepeats([...rows].reverse(), rows, 3).every((i) => i.kind === 'event')).toBe(true);
  });

  it('counts a pre-candidate\'s votes per round and names pre-vote rounds by the term they ask for (thesis §9.6)', () => {
    id = 0;
    const rows: TimelineEvent[] = [];
    for (let round = 0; round < 3; round++) {
      rows.push(row('election', [2], 4, { preVote: true }));
      rows.push(row('vote', [3, 2], 4, { preVote: true }));
    }
    const [item] = groupRepeats([...rows].reverse(), rows, 5);
    expect(item!.kind === 'elections' && item!.group.title).toBe('3 pre-vote rounds in term 5 by node 2 won no majority: at most 2 of the 3 votes needed');
  });
});
