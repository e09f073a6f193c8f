import { describe, expect, it } from 'vitest';
import { appendEntries, appendReply, drain, electAndSettle, electLeader, entries, logTerms, makeCore, persisted, progressOf, sent } from './kit';

describe('log replication (§5.3, Figure 2 AppendEntries)', () => {
  it('Figure 2 AppendEntries 1: reply false to an older term, with our term so the sender steps down', () => {
    const core = makeCore({ persisted: persisted(3, null) });
    core.step(0, appendEntries({ from: 1, term: 2 }));
    expect(sent(core.takeReady(), 'AppendEntriesReply')[0]).toMatchObject({ success: false, term: 3 });
  });

  it('Figure 2 AppendEntries 2 (log matching): reject when the log has no entry at prevLogIndex, hinting where it ends', () => {
    const core = makeCore({ persisted: persisted(2, null, [1, 1]) });
    core.step(0, appendEntries({ from: 1, term: 2, prevLogIndex: 5, prevLogTerm: 2, entries: entries([2], 6) }));
    const reply = sent(core.takeReady(), 'AppendEntriesReply')[0]!;
    expect(reply).toMatchObject({ success: false, conflictIndex: 3, conflictTerm: 0 });
    expect(core.log.lastIndex).toBe(2);
  });

  it('Figure 2 AppendEntries 2: reject when the entry at prevLogIndex has another term, hinting the first index of that term', () => {
    const core = makeCore({ persisted: persisted(3, null, [1, 2, 2, 2]) });
    core.step(0, appendEntries({ from: 1, term: 3, prevLogIndex: 4, prevLogTerm: 3 }));
    const reply = sent(core.takeReady(), 'AppendEntriesReply')[0]!;
    expect(reply).toMatchObject({ success: false, conflictIndex: 2, conflictTerm: 2 });
  });

  it('Figure 2 AppendEntries 3: a conflicting entry and all that follow it are deleted, then the new ones appended and persisted', () => {
    const core = makeCore({ persisted: persisted(3, null, [1, 2, 2, 2]) });
    core.step(0, appendEntries({ from: 1, term: 3, prevLogIndex: 1, prevLogTerm: 1, entries: entries([3], 2) }));
    const ready = core.takeReady();
    expect(logTerms(core)).toEqual([1, 3]);
    expect(ready.persist?.entries).toEqual({ fromIndex: 2, entries: entries([3], 2) });
    expect(sent(ready, 'AppendEntriesReply')[0]).toMatchObject({ success: true, matchIndex: 2 });
  });

  it('Figure 2 AppendEntries 3: entries that already match are kept, so a stale or reordered request never truncates newer ones', () => {
    const core = makeCore({ persisted: persisted(2, null, [1, 2, 2, 2]) });
    core.step(0, appendEntries({ from: 1, term: 2, prevLogIndex: 1, prevLogTerm: 1, entries: entries([2], 2) }));
    const ready = core.takeReady();
    expect(logTerms(core)).toEqual([1, 2, 2, 2]);
    expect(ready.persist?.entries).toBeUndefined();
    expect(sent(ready, 'AppendEntriesReply')[0]).toMatchObject({ success: true, matchIndex: 2 });
  });

  it('Figure 2 AppendEntries 5: commitIndex = min(leaderCommit, index of last new entry)', () => {
    const core = makeCore({ persisted: persisted(1, null, [1, 1, 1, 1, 1]) });
    core.step(0, appendEntries({ from: 1, term: 1, prevLogIndex: 1, prevLogTerm: 1, entries: entries([1], 2), leaderCommit: 4 }));
    expect(core.commitIndex).toBe(2); // only index 2 is known to match the leader
    core.step(0, appendEntries({ from: 1, term: 1, prevLogIndex: 4, prevLogTerm: 1, leaderCommit: 4 }));
    expect(core.commitIndex).toBe(4);
  });

  it('§5.3: the leader replicates new entries, and commits once a majority holds them', () => {
    const core = makeCore();
    electAndSettle(core);
    const placed = core.propose(core.now, 'x');
    expect(placed).toEqual({ term: 1, index: 1 });
    const ready = drain(core);
    const appends = sent(ready, 'AppendEntries');
    expect(appends.map((m) => [m.to, m.prevLogIndex, m.entries.length])).toEqual([[1, 0, 1], [2, 0, 1]]);
    expect(core.commitIndex).toBe(0);
    core.step(core.now, appendReply({ from: 1, term: 1, matchIndex: 1 }));
    expect(core.commitIndex).toBe(1);
  });

  it('thesis §10.2.1: the leader counts its own entry only once it is durable', () => {
    const core = makeCore();
    electLeader(core);
    core.propose(core.now, 'x');
    core.takeReady(); // not yet reported durable
    core.step(core.now, appendReply({ from: 1, term: 1, matchIndex: 1 }));
    core.step(core.now, appendReply({ from: 2, term: 1, matchIndex: 1 }));
    expect(core.commitIndex).toBe(1); // two followers are a majority without the leader
    const solo = makeCore({ members: [0, 1, 2, 3, 4] });
    electLeaderOf5(solo);
    solo.propose(solo.now, 'y');
    const soloReady = solo.takeReady();
    solo.step(solo.now, appendReply({ from: 1, term: 1, matchIndex: 1 }));
    solo.step(solo.now, appendReply({ from: 2, term: 1, matchIndex: 1 }));
    expect(solo.commitIndex).toBe(0); // 2 followers + an undurable leader is not 3 of 5
    solo.persisted(soloReady.persist!);
    expect(solo.commitIndex).toBe(1);
  });

  it('§5.4.2 (Figure 8): a leader never commits an entry of an earlier term by counting replicas', () => {
    // Node 0 holds entries of term 2 and becomes leader of term 3.
    const core = makeCore({ persisted: persisted(2, null, [1, 2]) });
    electLeader(core);
    expect(core.term).toBe(3);
    core.step(core.now, appendReply({ from: 1, term: 3, matchIndex: 2 }));
    core.step(core.now, appendReply({ from: 2, term: 3, matchIndex: 2 }));
    expect(core.commitIndex).toBe(0); // index 2 is on every node but is from term 2
    core.propose(core.now, 'now');
    drain(core);
    core.step(core.now, appendReply({ from: 1, term: 3, matchIndex: 3 }));
    expect(core.commitIndex).toBe(3); // a current-term entry commits, and everything before it
  });

  it('bug switch commitPreviousTermByCount really commits an earlier-term entry by counting', () => {
    const core = makeCore({ persisted: persisted(2, null, [1, 2]), config: { bugs: { commitPreviousTermByCount: true } } });
    electLeader(core);
    core.step(core.now, appendReply({ from: 1, term: 3, matchIndex: 2 }));
    expect(core.commitIndex).toBe(2);
  });

  it('§5.3 optimisation: on a conflict the leader skips the follower\'s whole conflicting term in one round trip', () => {
    const core = makeCore({ persisted: persisted(5, null, [1, 1, 4, 4, 4, 5, 5]) });
    electLeader(core);
    expect(progressOf(core, 1).nextIndex).toBe(8);
    // Follower 1 has term 3 at index 7 and its term-3 run starts at index 4: the leader has no term 3.
    core.step(core.now, appendReply({ from: 1, term: 6, success: false, conflictIndex: 4, conflictTerm: 3 }));
    expect(progressOf(core, 1).nextIndex).toBe(4);
    // Follower 2 has term 4 at the probed index: resume after the leader's last term-4 entry.
    core.step(core.now, appendReply({ from: 2, term: 6, success: false, conflictIndex: 3, conflictTerm: 4 }));
    expect(progressOf(core, 2).nextIndex).toBe(6);
    const retries = sent(core.takeReady(), 'AppendEntries');
    expect(retries.map((m) => [m.to, m.prevLogIndex])).toEqual([[1, 3], [2, 5]]);
  });

  it('the leader batches: entries proposed while an append is unanswered go out together in the next one', () => {
    const core = makeCore();
    electAndSettle(core);
    core.propose(core.now, 'a');
    drain(core);
    for (const c of ['b', 'c', 'd']) core.propose(core.now, c);
    expect(sent(drain(core), 'AppendEntries')).toHaveLength(0); // 'a' is still in flight
    core.step(core.now, appendReply({ from: 1, term: 1, matchIndex: 1 }));
    const next = sent(drain(core), 'AppendEntries');
    expect(next.map((m) => [m.to, m.prevLogIndex, m.entries.map((e) => (e.kind === 'noop' ? 'no-op' : e.command))])).toEqual([[1, 1, ['b', 'c', 'd']]]);
  });

  it('only a leader takes proposals: newCommand on a non-leader returns null', () => {
    const core = makeCore();
    expect(core.propose(0, 'x')).toBeNull();
    expect(core.log.lastIndex).toBe(0);
  });
});

function electLeaderOf5(core: ReturnType<typeof makeCore>): void {
  core.tick(core.status().electionDeadline);
  drain(core);
  for (const peer of [1, 2]) core.step(core.now, { type: 'RequestVoteReply', from: peer, to: 0, term: core.term, voteGranted: true });
  drain(core);
}
