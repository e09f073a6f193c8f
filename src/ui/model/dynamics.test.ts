import { describe, expect, it } from 'vitest';
import type { TrafficEvent } from '../../runtime';
import type { RaftEvent } from '../../raft/events';
import { entries, nodeView } from '../test/fixtures';
import { FlightTracker, LOST_FADE_MS, dotKind } from './flights';
import { logColumns, logRow, ReplacementTracker } from './log-grid';
import { appendTimeline, fromRaftEvent, type NewTimelineEvent } from './timeline';

/** Things that change over time: messages in flight, logs being replaced, the timeline folding commits. */

function send(key: string, fields: Partial<TrafficEvent> = {}): TrafficEvent {
  return { type: 'send', key, from: 0, to: 1, kind: 'AppendEntries', sentAt: 100, deliverAt: 200, at: 100, entries: 0, ...fields };
}

describe('messages in flight (RaftScope: a message is data with a send and a due time)', () => {
  it('interpolates a message along its link from its send and due times, and forgets it once delivered', () => {
    const flights = new FlightTracker();
    flights.ingest([send('0.1.1')], 0);
    expect(flights.frame(150, 0, 10).map((d) => d.progress)).toEqual([0.5]);
    flights.ingest([{ ...send('0.1.1'), type: 'deliver', at: 200 }], 0);
    expect(flights.frame(150, 0, 10)).toEqual([]);
    expect(flights.busy()).toBe(false);
  });

  it('shows a message lost at the sender leaving and fading out, in real time even while paused', () => {
    const flights = new FlightTracker();
    flights.ingest([{ ...send('0.1.2'), type: 'drop', reason: 'cut', deliverAt: 100 }], 1000);
    const [dot] = flights.frame(100, 1000 + LOST_FADE_MS / 2, 10);
    expect(dot).toMatchObject({ lost: true, opacity: 0.5 });
    expect(flights.fading()).toBe(true);
    expect(flights.frame(100, 1000 + LOST_FADE_MS, 10)).toEqual([]);
  });

  it('stops a message cut in flight where it was', () => {
    const flights = new FlightTracker();
    flights.ingest([send('0.1.3'), { ...send('0.1.3'), type: 'drop', reason: 'cut', at: 175 }], 0);
    expect(flights.frame(190, 10, 10)[0]).toMatchObject({ lost: true, progress: 0.75 });
  });

  it('tells each kind apart, granted from rejected and heartbeats from appends', () => {
    expect(dotKind({ kind: 'RequestVoteReply', ok: false })).toBe('vote-rejected');
    expect(dotKind({ kind: 'AppendEntries', entries: 0 })).toBe('heartbeat');
    expect(dotKind({ kind: 'AppendEntries', entries: 3 })).toBe('append');
    expect(dotKind({ kind: 'AppendEntriesReply', ok: true })).toBe('append-ok');
    expect(dotKind({ kind: 'InstallSnapshot' })).toBe('snapshot');
  });

  it('thesis §9.6, §3.10: draws pre-votes and TimeoutNow as kinds of their own', () => {
    expect(dotKind({ kind: 'RequestVote', preVote: true })).toBe('prevote-request');
    expect(dotKind({ kind: 'RequestVote' })).toBe('vote-request');
    expect(dotKind({ kind: 'RequestVoteReply', ok: true, preVote: true })).toBe('prevote-granted');
    expect(dotKind({ kind: 'RequestVoteReply', ok: false, preVote: true })).toBe('prevote-rejected');
    expect(dotKind({ kind: 'TimeoutNow' })).toBe('timeout-now');
  });

  it('draws at most the pool size, and forgets the messages of a crashed node', () => {
    const flights = new FlightTracker();
    flights.ingest(Array.from({ length: 5 }, (_, i) => send(`0.1.${10 + i}`)), 0);
    expect(flights.frame(150, 0, 3)).toHaveLength(3);
    flights.forgetNode(1);
    expect(flights.size).toBe(0);
  });
});

describe('the log grid', () => {
  it('aligns indices across nodes, newest last, with one empty slot for the next entry', () => {
    const nodes = [nodeView(0, { log: { window: entries(1, 30, 1) } }), nodeView(1, { log: { window: entries(1, 20, 1) } })];
    expect(logColumns(nodes, 10)).toEqual({ first: 22, last: 31 });
    expect(logColumns([nodeView(0)], 10)).toEqual({ first: 1, last: 10 });
  });

  it('marks committed, applied, durable, and entries that differ from the leader\'s (§5.3)', () => {
    const leader = nodeView(0, { role: 'leader', term: 3, progress: [{ peer: 1, nextIndex: 3, matchIndex: 2, inflight: false }], log: { window: [...entries(1, 2, 1), ...entries(3, 3, 3)] } });
    const follower = nodeView(1, { commitIndex: 2, lastApplied: 1, log: { window: [...entries(1, 2, 1), ...entries(3, 4, 2)], stableIndex: 3 } });
    const row = logRow(follower, { first: 1, last: 5 }, leader, undefined);
    expect(row.cells.map((c) => [c.index, c.kind, c.committed, c.applied, c.durable, c.conflict])).toEqual([
      [1, 'entry', true, true, true, false],
      [2, 'entry', true, false, true, false],
      [3, 'entry', false, false, true, true],
      [4, 'entry', false, false, false, false],
      [5, 'empty', false, false, false, false],
    ]);
    expect(row.progress).toEqual({ next: 3, match: 2 });
  });

  it('§5.4.2: says why an entry waits — too few copies, or an earlier term on a majority (the lab\'s Raft has no no-op to carry it)', () => {
    const progress = [{ peer: 1, nextIndex: 3, matchIndex: 2, inflight: false }, { peer: 2, nextIndex: 1, matchIndex: 0, inflight: false }];
    const leader = nodeView(0, { role: 'leader', term: 3, commitIndex: 0, progress, log: { lastIndex: 2, window: [...entries(1, 1, 1), ...entries(2, 2, 3)] } });
    const lab = logRow(leader, { first: 1, last: 3 }, leader, undefined);
    expect(lab.cells[0]!.pendingWhy).toBe('on a majority, but from term 1: entries of earlier terms commit only together with one of the leader\'s term 3 (§5.4.2); the lab\'s Raft appends no no-op on election, so it waits for the next client write');
    expect(logRow(leader, { first: 1, last: 3 }, leader, undefined, true).cells[0]!.pendingWhy).toMatch(/the leader's no-op will carry it \(§8\)$/);
    const fewer = nodeView(0, { ...leader, progress: [{ ...progress[0]!, matchIndex: 0 }, progress[1]!] });
    expect(logRow(fewer, { first: 1, last: 3 }, fewer, undefined).cells[1]!.pendingWhy).toBe('on 1 of 3 nodes as far as the leader knows: it commits once a majority (2) stores it (§5.3)');
  });

  it('§8: marks a no-op cell as such', () => {
    const view = nodeView(0, { log: { window: [{ index: 1, term: 2, kind: 'noop', command: '' }] } });
    expect(logRow(view, { first: 1, last: 2 }, null, undefined).cells[0]).toMatchObject({ kind: 'entry', noop: true, term: 2 });
  });

  it('draws the compacted prefix as one block with its last included index and term (Figure 13)', () => {
    const view = nodeView(0, { log: { snapshotIndex: 12, snapshotTerm: 2, lastIndex: 14, window: entries(13, 14, 2) } });
    const row = logRow(view, { first: 5, last: 15 }, null, undefined);
    expect(row.snapshot).toEqual({ index: 12, term: 2, span: 8 });
    expect(row.cells.map((c) => c.index)).toEqual([13, 14, 15]);
  });

  it('notices an entry overwritten or removed, so a replaced entry never looks unchanged', () => {
    const tracker = new ReplacementTracker();
    tracker.observe([nodeView(1, { log: { window: entries(1, 3, 1) } })], 0);
    const marks = tracker.observe([nodeView(1, { log: { window: [...entries(1, 1, 1), { index: 2, term: 2, command: 'put y=2' }] } })], 500);
    expect(marks.get(1)?.get(2)).toMatchObject({ was: { index: 2, term: 1 }, removed: false });
    expect(marks.get(1)?.get(3)).toMatchObject({ removed: true });
    expect(tracker.observe([nodeView(1, { incarnation: 2, log: { window: entries(1, 1, 1) } })], 600)).toBe(marks); // a restart is not a replacement
  });
});

describe('the timeline', () => {
  const traced = (kind: RaftEvent['kind'], extra: Partial<RaftEvent> = {}): RaftEvent => ({ kind, node: 2, term: 4, text: 'because (§5.2)', ...extra });

  it('turns the core\'s trace into rows that cite the rule', () => {
    expect(fromRaftEvent(traced('becameLeader'), 10)).toMatchObject({ kind: 'leader', title: 'Node 2 becomes leader of term 4', why: 'because (§5.2)', nodes: [2] });
    expect(fromRaftEvent(traced('voteGranted', { peer: 3 }), 10)).toMatchObject({ kind: 'vote', nodes: [2, 3] });
    expect(fromRaftEvent(traced('truncated', { index: 7 }), 10)).toMatchObject({ kind: 'truncate', index: 7 });
    expect(fromRaftEvent(traced('voteReceived'), 10)).toBeNull();
  });

  it('folds a leader\'s commits in one term into one row, and caps its length', () => {
    let id = 0;
    const commit = (index: number, at: number): NewTimelineEvent => fromRaftEvent(traced('committed', { index }), at)!;
    let rows = appendTimeline([], [commit(1, 0), commit(2, 100)], () => ++id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ index: 2, title: 'Node 2 commits entries through 2' });
    rows = appendTimeline(rows, [fromRaftEvent(traced('voteGranted', { node: 1, peer: 0 }), 200)!, commit(3, 300)], () => ++id);
    expect(rows).toHaveLength(2); // a vote by someone else in between does not stop the fold
    rows = appendTimeline(rows, [fromRaftEvent(traced('committed', { index: 4, term: 5 }), 400)!], () => ++id);
    expect(rows).toHaveLength(3); // a new term starts a new row
    const many = Array.from({ length: 50 }, (_, i) => fromRaftEvent(traced('voteGranted', { peer: 1 }), i)!);
    expect(appendTimeline([], many, () => ++id, 20)).toHaveLength(20);
  });
});
