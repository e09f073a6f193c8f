import { describe, expect, it } from 'vitest';
import type { RaftCore } from '../core';
import type { InstallSnapshot } from '../messages';
import { configEntry, type Membership, type NodeId, type PersistedState } from '../types';
import { appendEntries, appendReply, appliedThrough, applyAll, drain, electLeader, entries, makeCore, persisted, progressOf, sent } from './kit';

/**
 * Membership change, one server at a time (thesis §4), rule by rule on one core. Node ids are
 * sparse on purpose (0, 1, 2 start; 7 and 9 join) — nothing may assume ids are 0..n-1.
 */

const voters = (...ids: NodeId[]): Membership => ({ voters: ids, learners: [] });

/** Make core 0 leader of {0,1,2} and commit an entry of its term on 0 and 1 (what §4.4 asks first). */
function leaderWithTermCommitted(options: Parameters<typeof makeCore>[0] = {}): RaftCore<string> {
  const core = makeCore({ persisted: persisted(1, null, [1]), ...options });
  electLeader(core);
  const { index } = core.propose(core.now, 'first')!;
  drain(core);
  core.step(core.now, appendReply({ from: 1, term: core.term, matchIndex: index }));
  expect(core.commitIndex).toBe(index);
  return core;
}

/** Follower `from` holds the leader's log through `index`. */
function ack(core: RaftCore<string>, from: NodeId, index = core.log.lastIndex): void {
  core.step(core.now, appendReply({ from, term: core.term, matchIndex: index }));
}

function change(core: RaftCore<string>, type: 'addLearner' | 'promote' | 'remove', node: NodeId) {
  const outcome = core.changeMembership(core.now, { type, node });
  drain(core);
  return outcome;
}

describe('thesis §4.1: configuration entries, one change at a time', () => {
  it('§4.1: a follower uses a configuration as soon as it is in its log, before it commits', () => {
    const core = makeCore({ persisted: persisted(1, null, [1]) });
    core.step(10, appendEntries({ from: 1, term: 1, prevLogIndex: 1, prevLogTerm: 1, entries: [configEntry(1, { voters: [0, 1, 2], learners: [7] })], leaderCommit: 1 }));
    expect(core.commitIndex).toBe(1);
    expect(core.status().membership).toEqual({ voters: [0, 1, 2], learners: [7] });
    expect(core.status().membershipIndex).toBe(2);
  });

  it('§4.1: a configuration entry deleted by a conflict (Figure 2, AppendEntries 3) takes its configuration with it', () => {
    const core = makeCore({ persisted: persisted(1, null, [1]) });
    core.step(10, appendEntries({ from: 1, term: 1, prevLogIndex: 1, prevLogTerm: 1, entries: [configEntry(1, voters(0, 1))] }));
    expect(core.membership.voters).toEqual([0, 1]);
    core.step(20, appendEntries({ from: 2, term: 2, prevLogIndex: 1, prevLogTerm: 1, entries: entries([2], 2) }));
    expect(core.membership.voters).toEqual([0, 1, 2]);
    expect(core.membershipIndex).toBe(0);
  });

  it('§4.1: the leader counts a majority of the configuration in force: after a promotion to 4 voters, 2 copies of 4 no longer commit', () => {
    const core = leaderWithTermCommitted();
    const add = change(core, 'addLearner', 7);
    expect(add).toMatchObject({ ok: true, index: 3 });
    ack(core, 7); // within the round: caught up (§4.2.1) …
    expect(core.membership).toEqual({ voters: [0, 1, 2], learners: [7] });
    ack(core, 1, 3); // {0,1} of {0,1,2}: the learner's entry commits …
    expect(core.commitIndex).toBe(3);
    core.tick(core.status().heartbeatDeadline);
    drain(core);
    expect(core.membership).toEqual(voters(0, 1, 2, 7)); // … and the leader promotes it at its next heartbeat
    const promotion = core.membershipIndex;
    ack(core, 1, promotion);
    expect(core.commitIndex).toBe(3); // 2 of 4 voters: not a majority of the configuration in force
    ack(core, 7, promotion);
    expect(core.commitIndex).toBe(promotion);
  });

  it('§4.1: one change at a time: a second change waits until the first has committed', () => {
    const core = leaderWithTermCommitted();
    expect(change(core, 'addLearner', 7).ok).toBe(true);
    const second = change(core, 'addLearner', 9);
    expect(second).toEqual({ ok: false, reason: expect.stringContaining('a configuration change is pending: entry 3') });
    ack(core, 1, 3);
    expect(change(core, 'addLearner', 9).ok).toBe(true);
  });

  it('bad requests say what is wrong, and change nothing', () => {
    const follower = makeCore();
    expect(follower.changeMembership(0, { type: 'addLearner', node: 7 })).toEqual({ ok: false, reason: 'node 0 is not the leader' });
    const core = leaderWithTermCommitted();
    const reasons = ([['remove', 8], ['promote', 1], ['promote', 8], ['addLearner', 2], ['addLearner', -1]] as const)
      .map(([type, node]) => { const o = change(core, type, node); return o.ok ? 'accepted' : o.reason; });
    expect(reasons).toEqual([
      'node 8 is not a member of the cluster',
      'node 1 is already a voter',
      'node 8 is not a member: add it as a learner first (thesis §4.2.1)',
      'node 2 is already a voter',
      'node ids are non-negative integers (got -1)',
    ]);
    expect(core.membershipIndex).toBe(0);
    const alone = leaderWithTermCommitted({ members: [0] });
    expect(change(alone, 'remove', 0)).toEqual({ ok: false, reason: 'node 0 is the last voter: removing it would leave no one to decide' });
  });

  it('configuration entries are never applied to the state machine, yet lastApplied passes them', () => {
    const core = leaderWithTermCommitted();
    change(core, 'remove', 2);
    ack(core, 1);
    const items = [];
    for (let item = core.nextToApply(); item; item = core.nextToApply()) { items.push(item); core.applied(item); }
    expect(items.map((i) => (i.kind === 'entry' ? i.entry.kind ?? 'command' : i.kind))).toEqual(['command', 'command', 'config']);
    expect(core.lastApplied).toBe(3);
  });
});

describe('thesis §4.2.1: new servers join as learners and are promoted once caught up', () => {
  it('a new server started with no configuration never campaigns; the leader\'s log brings it one', () => {
    const joiner = makeCore({ id: 7, members: [] });
    joiner.tick(10_000);
    expect(sent(drain(joiner), 'RequestVote')).toHaveLength(0);
    expect(joiner.role).toBe('follower');
    joiner.step(10_010, { ...appendEntries({ from: 0, term: 2, entries: [{ term: 1, command: 'a' }, configEntry(2, { voters: [0, 1, 2], learners: [7] })], leaderCommit: 2 }), to: 7 });
    expect(joiner.membership).toEqual({ voters: [0, 1, 2], learners: [7] });
    joiner.tick(20_000);
    expect(sent(drain(joiner), 'RequestVote')).toHaveLength(0); // a learner does not vote either
  });

  it('a learner receives entries but is neither asked for a vote nor counted for a commit', () => {
    const core = leaderWithTermCommitted();
    core.changeMembership(core.now, { type: 'addLearner', node: 7 });
    expect(sent(drain(core), 'AppendEntries').some((m) => m.to === 7 && m.entries.length > 0)).toBe(true);
    ack(core, 1, 3);
    core.propose(core.now, 'x');
    drain(core);
    ack(core, 7);
    expect(core.commitIndex).toBe(3); // the learner's copy does not count: {0} of {0,1,2}
    // A new election of this leader asks only voters.
    const again = makeCore({ persisted: { hardState: { term: 5, votedFor: null }, snapshot: null, entries: [{ term: 1, command: 'a' }, configEntry(1, { voters: [0, 1, 2], learners: [7] })] } });
    again.tick(again.status().electionDeadline);
    expect(sent(drain(again), 'RequestVote').map((m) => m.to)).toEqual([1, 2]);
  });

  it('§4.2.1: a learner whose round of catch-up takes longer than an election timeout is not promoted yet; a short next round promotes it', () => {
    const core = leaderWithTermCommitted();
    change(core, 'addLearner', 9);
    ack(core, 1, 3); // the addition commits
    expect(change(core, 'promote', 9)).toEqual({ ok: false, reason: expect.stringContaining('node 9 has not caught up yet') });
    core.tick(core.now + 1000); // the first round drags on
    core.propose(core.now, 'more');
    drain(core);
    ack(core, 9, 3); // round 1 ends after 1 s (> the 300 ms election timeout): round 2 runs to index 4
    expect(core.membership.learners).toEqual([9]);
    core.tick(core.now + 50);
    ack(core, 9, 4); // round 2 took 50 ms: caught up, promoted at the next heartbeat
    core.tick(core.status().heartbeatDeadline);
    expect(core.membership).toEqual(voters(0, 1, 2, 9));
    expect(core.membershipIndex).toBe(5);
  });
});

describe('thesis §4.2.2: removing the leader', () => {
  it('a leader that removes itself keeps leading without counting itself, steps down once that commits, and never campaigns again', () => {
    const core = leaderWithTermCommitted();
    const removal = change(core, 'remove', 0);
    expect(removal).toMatchObject({ ok: true, index: 3 });
    expect(core.role).toBe('leader');
    ack(core, 1, 3);
    expect(core.commitIndex).toBe(2); // its own copy does not count: 1 of {1,2}
    ack(core, 2, 3);
    expect(core.commitIndex).toBe(3);
    expect(core.role).toBe('follower');
    core.tick(core.now + 10_000);
    expect(sent(drain(core), 'RequestVote')).toHaveLength(0);
  });
});

describe('thesis §4.2.2: a server whose log holds its own removal, not yet committed', () => {
  it('still campaigns (it may hold the only up-to-date log), and steps down once it has committed the removal', () => {
    const stored: PersistedState<string> = { hardState: { term: 2, votedFor: null }, snapshot: null, entries: [{ term: 1, command: 'a' }, configEntry(2, voters(1, 2, 3))] };
    const core = makeCore({ members: [0, 1, 2, 3], persisted: stored });
    core.tick(core.status().electionDeadline);
    const asked = sent(drain(core), 'RequestVote');
    expect(asked.map((m) => m.to)).toEqual([1, 2, 3]); // the voters of its latest configuration, not itself
    for (const peer of [1, 2]) core.step(core.now, { type: 'RequestVoteReply', from: peer, to: 0, term: 3, voteGranted: true });
    expect(core.role).toBe('leader'); // 2 of {1,2,3}
    core.propose(core.now, 'b');
    drain(core);
    ack(core, 1);
    expect(core.role).toBe('leader'); // 1 of {1,2,3} holds it
    ack(core, 2);
    expect(core.commitIndex).toBe(3);
    expect(core.role).toBe('follower');
    core.tick(core.now + 10_000);
    expect(sent(drain(core), 'RequestVote')).toHaveLength(0);
  });
});

describe('thesis §4.4: a new leader changes membership only after an entry of its term has committed', () => {
  for (const bug of [false, true]) {
    it(`${bug ? 'bug switch configChangeBeforeTermCommit: accepted at once' : 'refused until an entry of its term has committed, then accepted'}`, () => {
      const core = makeCore({ persisted: persisted(1, null, [1]), config: { bugs: { configChangeBeforeTermCommit: bug } } });
      electLeader(core);
      const early = change(core, 'addLearner', 7);
      if (bug) {
        expect(early.ok).toBe(true);
        return;
      }
      expect(early).toEqual({ ok: false, reason: 'no entry of term 2 has committed yet: a new leader changes membership only after one has (thesis §4.4)' });
      core.propose(core.now, 'x');
      drain(core);
      ack(core, 1);
      expect(change(core, 'addLearner', 7).ok).toBe(true);
    });
  }
});

describe('Figure 13: snapshots carry the last configuration', () => {
  it('a snapshot records the configuration as of its last index, not one appended after it', () => {
    const core = leaderWithTermCommitted();
    change(core, 'remove', 2); // index 3
    ack(core, 1);
    core.propose(core.now, 'y');
    drain(core);
    ack(core, 1);
    applyAll(core);
    expect(core.compact(new Uint8Array())).toBe(true);
    const snap = core.takeReady().persist!.snapshot!;
    expect(snap).toMatchObject({ lastIncludedIndex: 4, membership: voters(0, 1) });
    const early = appliedThrough(makeCore({ persisted: { hardState: { term: 2, votedFor: null }, snapshot: null, entries: [{ term: 1, command: 'a' }, { term: 2, command: 'b' }, configEntry(2, voters(0, 1))] } }), 2, [0, 1, 2]);
    early.compact(new Uint8Array());
    expect(early.takeReady().persist!.snapshot!.membership).toEqual(voters(0, 1, 2));
  });

  it('a restart restores the configuration from the snapshot, not from the members it was started with', () => {
    const stored: PersistedState<string> = { hardState: { term: 3, votedFor: null }, snapshot: { lastIncludedIndex: 5, lastIncludedTerm: 3, data: new Uint8Array(), membership: voters(0, 4, 6) }, entries: [] };
    const core = makeCore({ members: [0, 1, 2], persisted: stored });
    expect(core.membership).toEqual(voters(0, 4, 6));
    core.tick(core.status().electionDeadline);
    expect(sent(drain(core), 'RequestVote').map((m) => m.to)).toEqual([4, 6]);
  });

  it('InstallSnapshot carries the configuration: a follower that had none takes it, and a leader sends it', () => {
    const joiner = makeCore({ id: 7, members: [] });
    const install: InstallSnapshot = { type: 'InstallSnapshot', from: 0, to: 7, term: 2, lastIncludedIndex: 4, lastIncludedTerm: 2, data: new Uint8Array(), membership: { voters: [0, 1, 2], learners: [7] } };
    joiner.step(5, install);
    expect(joiner.membership).toEqual({ voters: [0, 1, 2], learners: [7] });

    const core = leaderWithTermCommitted();
    change(core, 'addLearner', 7);
    ack(core, 1);
    applyAll(core);
    core.compact(new Uint8Array());
    drain(core);
    core.step(core.now, appendReply({ from: 7, term: core.term, success: false, conflictIndex: 1 }));
    const sentSnapshot = sent(drain(core), 'InstallSnapshot').find((m) => m.to === 7)!;
    expect(sentSnapshot.membership).toEqual({ voters: [0, 1, 2], learners: [7] });
    expect(progressOf(core, 7).inflight).toBe(true);
  });
});

describe('joint consensus (the paper\'s §6), the second method', () => {
  it('§6: C_old,new needs a majority of both configurations; once it commits the leader appends C_new, which needs only its own', () => {
    const core = leaderWithTermCommitted();
    const outcome = core.changeMembership(core.now, { type: 'joint', voters: [0, 3, 4] });
    drain(core);
    expect(outcome).toMatchObject({ ok: true, index: 3 });
    expect(core.membership).toEqual({ voters: [0, 3, 4], learners: [], outgoing: [0, 1, 2] });
    ack(core, 1);
    ack(core, 2);
    expect(core.commitIndex).toBe(2); // all of C_old, but only 0 of C_new {0,3,4}
    ack(core, 3, 3);
    expect(core.commitIndex).toBe(3);
    drain(core);
    expect(core.membership).toEqual(voters(0, 3, 4));
    expect(core.membershipIndex).toBe(4);
    expect(change(core, 'remove', 3)).toEqual({ ok: false, reason: expect.stringContaining('a configuration change is pending: entry 4') });
    ack(core, 4, 4); // {0,4} of {0,3,4}: C_new commits without C_old
    expect(core.commitIndex).toBe(4);
  });

  it('§6: a candidate in C_old,new needs votes from a majority of both', () => {
    const stored: PersistedState<string> = { hardState: { term: 2, votedFor: null }, snapshot: null, entries: [{ term: 1, command: 'a' }, configEntry(2, { voters: [0, 3, 4], learners: [], outgoing: [0, 1, 2] })] };
    const core = makeCore({ persisted: stored });
    core.tick(core.status().electionDeadline);
    expect(sent(drain(core), 'RequestVote').map((m) => m.to)).toEqual([3, 4, 1, 2]);
    core.step(core.now, { type: 'RequestVoteReply', from: 1, to: 0, term: 3, voteGranted: true });
    core.step(core.now, { type: 'RequestVoteReply', from: 2, to: 0, term: 3, voteGranted: true });
    expect(core.role).toBe('candidate'); // all of C_old, only itself of C_new
    core.step(core.now, { type: 'RequestVoteReply', from: 4, to: 0, term: 3, voteGranted: true });
    expect(core.role).toBe('leader');
  });

  it('§6: a leader left out of C_new leads through C_old,new and steps down once C_new commits', () => {
    const core = leaderWithTermCommitted();
    expect(core.changeMembership(core.now, { type: 'joint', voters: [1, 2, 3] }).ok).toBe(true);
    drain(core);
    for (const peer of [1, 2, 3]) ack(core, peer, 3);
    expect(core.role).toBe('leader');
    drain(core);
    expect(core.membership).toEqual(voters(1, 2, 3));
    ack(core, 1, 4);
    ack(core, 2, 4);
    expect(core.commitIndex).toBe(4);
    expect(core.role).toBe('follower');
  });

  it('bad joint requests say what is wrong', () => {
    const core = leaderWithTermCommitted();
    const reasons = [[], [0, 1, 2], [1, 1, 2], [0, -3]].map((v) => { const o = core.changeMembership(core.now, { type: 'joint', voters: v }); return o.ok ? 'accepted' : o.reason; });
    expect(reasons).toEqual([
      'the new configuration needs at least one voter',
      'the new voters are the voters already',
      'the new voters name a node twice',
      'node ids are non-negative integers (got -3)',
    ]);
  });
});
