import { describe, expect, it } from 'vitest';
import { makeConfig } from '../config';
import { appendEntries, drain, electLeader, makeCore, persisted, requestVote, sent } from './kit';

describe('leader election (§5.2, Figure 2 RequestVote)', () => {
  it('§5.2: a follower that hears nothing for its election timeout becomes a candidate, votes for itself, and persists that before asking for votes', () => {
    const core = makeCore();
    const deadline = core.status().electionDeadline;
    expect(deadline).toBeGreaterThanOrEqual(300);
    expect(deadline).toBeLessThanOrEqual(500);
    core.tick(deadline - 1);
    expect(core.role).toBe('follower');
    core.tick(deadline);
    expect(core.role).toBe('candidate');
    const ready = core.takeReady();
    expect(ready.persist?.hardState).toEqual({ term: 1, votedFor: 0 });
    expect(sent(ready, 'RequestVote').map((m) => [m.to, m.term, m.lastLogIndex, m.lastLogTerm])).toEqual([[1, 1, 0, 0], [2, 1, 0, 0]]);
  });

  it('§5.2: election timeouts are drawn from the seeded PRNG within the configured range', () => {
    const deadlines = [1, 2, 3, 4, 5, 6, 7, 8].map((seed) => makeCore({ seed }).electionDeadline);
    for (const d of deadlines) expect(d >= 300 && d <= 500).toBe(true);
    expect(new Set(deadlines).size).toBeGreaterThan(1);
    expect(makeCore({ seed: 3 }).electionDeadline).toBe(makeCore({ seed: 3 }).electionDeadline);
  });

  it('Figure 2 RequestVote 1: reply false if the candidate\'s term is older', () => {
    const core = makeCore({ persisted: persisted(5, null) });
    core.step(0, requestVote({ from: 1, term: 4 }));
    const reply = sent(core.takeReady(), 'RequestVoteReply')[0]!;
    expect(reply).toMatchObject({ voteGranted: false, term: 5 });
  });

  it('Figure 2 RequestVote 2: at most one vote per term, and the vote survives a restart', () => {
    const core = makeCore();
    core.step(0, requestVote({ from: 1, term: 1 }));
    const first = core.takeReady();
    expect(first.persist?.hardState).toEqual({ term: 1, votedFor: 1 });
    expect(sent(first, 'RequestVoteReply')[0]!.voteGranted).toBe(true);
    core.step(0, requestVote({ from: 2, term: 1 }));
    expect(sent(core.takeReady(), 'RequestVoteReply')[0]!.voteGranted).toBe(false);
    // A restart rebuilds from what was persisted: the vote for node 1 holds.
    const restarted = makeCore({ persisted: persisted(1, 1) });
    restarted.step(0, requestVote({ from: 2, term: 1 }));
    expect(sent(restarted.takeReady(), 'RequestVoteReply')[0]!.voteGranted).toBe(false);
    restarted.step(0, requestVote({ from: 1, term: 1 }));
    expect(sent(restarted.takeReady(), 'RequestVoteReply')[0]!.voteGranted).toBe(true);
  });

  it('§5.4.1: deny a candidate whose last log term is older, even with a longer log', () => {
    const core = makeCore({ persisted: persisted(3, null, [1, 3]) });
    core.step(0, requestVote({ from: 1, term: 4, lastLogIndex: 5, lastLogTerm: 2 }));
    expect(sent(core.takeReady(), 'RequestVoteReply')[0]!.voteGranted).toBe(false);
  });

  it('§5.4.1: deny a candidate with the same last term but a shorter log', () => {
    const core = makeCore({ persisted: persisted(3, null, [1, 3, 3]) });
    core.step(0, requestVote({ from: 1, term: 4, lastLogIndex: 2, lastLogTerm: 3 }));
    expect(sent(core.takeReady(), 'RequestVoteReply')[0]!.voteGranted).toBe(false);
  });

  it('§5.4.1: grant a candidate whose last term is newer, even with a shorter log', () => {
    const core = makeCore({ persisted: persisted(3, null, [1, 1, 1, 1]) });
    core.step(0, requestVote({ from: 1, term: 4, lastLogIndex: 2, lastLogTerm: 3 }));
    expect(sent(core.takeReady(), 'RequestVoteReply')[0]!.voteGranted).toBe(true);
  });

  it('bug switch grantVoteWithoutUpToDate really skips §5.4.1', () => {
    const core = makeCore({ persisted: persisted(3, null, [1, 3, 3]), config: { bugs: { grantVoteWithoutUpToDate: true } } });
    core.step(0, requestVote({ from: 1, term: 4, lastLogIndex: 1, lastLogTerm: 1 }));
    expect(sent(core.takeReady(), 'RequestVoteReply')[0]!.voteGranted).toBe(true);
  });

  it('bug switch forgetVoteOnRestart loses the persisted vote', () => {
    const core = makeCore({ persisted: persisted(1, 1), config: { bugs: { forgetVoteOnRestart: true } } });
    core.step(0, requestVote({ from: 2, term: 1 }));
    expect(sent(core.takeReady(), 'RequestVoteReply')[0]!.voteGranted).toBe(true);
  });

  it('Figure 2 "Candidates": votes from a majority make a leader, which sends heartbeats at once and appends no entry of its own', () => {
    const core = makeCore({ members: [0, 1, 2, 3, 4] });
    core.tick(core.status().electionDeadline);
    drain(core);
    core.step(core.now, { type: 'RequestVoteReply', from: 1, to: 0, term: 1, voteGranted: true });
    expect(core.role).toBe('candidate');
    core.step(core.now, { type: 'RequestVoteReply', from: 2, to: 0, term: 1, voteGranted: false });
    expect(core.role).toBe('candidate');
    core.step(core.now, { type: 'RequestVoteReply', from: 3, to: 0, term: 1, voteGranted: true });
    expect(core.role).toBe('leader');
    const heartbeats = sent(core.takeReady(), 'AppendEntries');
    expect(heartbeats.map((m) => m.to)).toEqual([1, 2, 3, 4]);
    expect(heartbeats.every((m) => m.entries.length === 0)).toBe(true);
    expect(core.log.lastIndex).toBe(0);
  });

  it('a vote reply from an older term does not count', () => {
    const core = makeCore();
    core.tick(core.status().electionDeadline);
    core.tick(core.status().electionDeadline); // second election: term 2
    expect(core.term).toBe(2);
    core.step(core.now, { type: 'RequestVoteReply', from: 1, to: 0, term: 1, voteGranted: true });
    expect(core.role).toBe('candidate');
  });

  it('Figure 2 "All Servers": a higher term in any RPC turns a leader into a follower and clears its vote', () => {
    const core = makeCore();
    electLeader(core);
    expect(core.role).toBe('leader');
    core.step(core.now, { type: 'AppendEntriesReply', from: 2, to: 0, term: 7, success: false, matchIndex: 0, conflictIndex: 0, conflictTerm: 0 });
    expect(core.role).toBe('follower');
    expect(core.term).toBe(7);
    expect(core.votedFor).toBeNull();
    expect(core.takeReady().persist?.hardState).toEqual({ term: 7, votedFor: null });
  });

  it('§5.2: a candidate that hears from a leader of its own term steps down', () => {
    const core = makeCore();
    core.tick(core.status().electionDeadline);
    drain(core);
    core.step(core.now, { type: 'AppendEntries', from: 2, to: 0, term: 1, prevLogIndex: 0, prevLogTerm: 0, entries: [], leaderCommit: 0 });
    expect(core.role).toBe('follower');
    expect(core.leaderId).toBe(2);
  });

  it('Figure 2 "Followers": heartbeats from the leader reset the election timer, so a follower never stands while the leader is alive', () => {
    const core = makeCore({ id: 1 });
    for (let t = 0; t < 10_000; t += 150) {
      core.tick(t);
      core.step(t, { type: 'AppendEntries', from: 0, to: 1, term: 1, prevLogIndex: 0, prevLogTerm: 0, entries: [], leaderCommit: 0 });
      drain(core);
    }
    expect(core.role).toBe('follower');
    expect(core.term).toBe(1);
    // Without heartbeats it stands within one maximum election timeout.
    core.tick(10_000 + 500);
    expect(core.role).toBe('candidate');
  });
});

describe('teaching controls', () => {
  it('timeoutNow starts an election at once; a leader ignores it', () => {
    const core = makeCore();
    core.timeoutNow(10);
    expect(core.role).toBe('candidate');
    expect(core.term).toBe(1);
    electLeader(core);
    const term = core.term;
    core.timeoutNow(core.now);
    expect(core.role).toBe('leader');
    expect(core.term).toBe(term);
  });

  it('setConfig changes the timing of the next timer and refuses a config that breaks §5.6', () => {
    const core = makeCore();
    core.setConfig(makeConfig({ timing: { electionTimeoutMinMs: 2000, electionTimeoutMaxMs: 2000 } }));
    core.step(core.now, appendEntries({ from: 1, term: 1 })); // a leader's word resets the timer (Figure 2, Followers)
    expect(core.status().electionDeadline).toBe(core.now + 2000);
    expect(() => core.setConfig({ ...core.config, timing: { ...core.config.timing, electionTimeoutMinMs: 100 } })).toThrow(/must exceed heartbeatMs/);
    expect(core.config.timing.electionTimeoutMinMs).toBe(2000);
  });
});
