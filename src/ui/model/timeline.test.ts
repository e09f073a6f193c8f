import { describe, expect, it } from 'vitest';
import type { RaftEvent } from '../../raft/events';
import { appendTimeline, fromRaftEvent } from './timeline';

const event = (kind: RaftEvent['kind'], extra: Partial<RaftEvent> = {}): RaftEvent => ({ kind, node: 2, term: 4, text: 'because', ...extra });

/** Rows for the core's newer trace events: pre-vote, storage-fault recovery, leadership transfer. */
describe('timeline rows for pre-vote, recovery and transfer', () => {
  it('names each, with the nodes it concerns', () => {
    expect(fromRaftEvent(event('becamePreCandidate'), 1)).toMatchObject({ kind: 'election', nodes: [2], title: 'Node 2 asks whether it could win term 5 (pre-vote)' });
    expect(fromRaftEvent(event('recovering', { peer: 0, index: 9 }), 1)).toMatchObject({ kind: 'storage', nodes: [2, 0], index: 9, title: 'Node 2 lost its storage: it will not vote until it holds entries through 9' });
    expect(fromRaftEvent(event('recovered', { index: 9 }), 1)).toMatchObject({ kind: 'storage', title: 'Node 2 has caught up after losing its storage: it votes again' });
    expect(fromRaftEvent(event('transferStarted', { peer: 3 }), 1)).toMatchObject({ nodes: [2, 3], title: 'Node 2 hands leadership to node 3 (thesis §3.10)' });
    expect(fromRaftEvent(event('transferAbandoned', { peer: 3 }), 1)).toMatchObject({ title: 'Node 2 gives up handing leadership to node 3 after an election timeout (thesis §3.10)' });
    // A granted pre-vote changes nothing: it must not read as a vote in the voter's (older) term.
    expect(fromRaftEvent(event('voteGranted', { peer: 3, preVote: true }), 1)).toMatchObject({ kind: 'vote', nodes: [2, 3],
      title: 'Node 2 would vote for node 3 (a pre-vote: its term stays 4, thesis §9.6)' });
    expect(fromRaftEvent(event('voteRejected', { peer: 3, preVote: true }), 1)).toMatchObject({ title: 'Node 2 refuses a pre-vote to node 3' });
    expect(fromRaftEvent(event('voteGranted', { peer: 3 }), 1)).toMatchObject({ title: 'Node 2 votes for node 3 in term 4' });
  });

  it('names the Production Raft mechanism behind a step-down or an election, with its rule', () => {
    expect(fromRaftEvent(event('becameFollower', { cause: 'checkQuorum' }), 1)).toMatchObject({ kind: 'stepdown',
      title: 'Node 2 steps down: it heard from no majority within an election timeout (CheckQuorum, thesis §6.2)' });
    expect(fromRaftEvent(event('becameFollower'), 1)).toMatchObject({ title: 'Node 2 steps down to follower' });
    expect(fromRaftEvent(event('becameCandidate', { cause: 'transfer' }), 1)).toMatchObject({
      title: 'Node 2 starts an election for term 4 at the leader\'s request (TimeoutNow, thesis §3.10)' });
    expect(fromRaftEvent(event('noopAppended', { index: 7 }), 1)).toMatchObject({ index: 7, title: 'Node 2 appends a no-op at 7 to commit what earlier leaders left (§8)' });
  });

  it('a recovering node sitting out each election timeout adds no row (its explanation says it)', () => {
    expect(fromRaftEvent(event('recovering'), 1)).toBeNull();
  });
});

describe('appendTimeline', () => {
  it('keeps rows in virtual-time order when a node\'s batch arrives after later rows (each node reports on its own)', () => {
    let next = 0;
    const at = (t: number, title: string) => ({ at: t, kind: 'info' as const, nodes: [], title });
    let rows = appendTimeline([], [at(10, 'a'), at(30, 'c')], () => ++next);
    rows = appendTimeline(rows, [at(20, 'b'), at(40, 'd'), at(30, 'c2')], () => ++next);
    expect(rows.map((r) => r.title)).toEqual(['a', 'b', 'c', 'c2', 'd']);
  });
});
