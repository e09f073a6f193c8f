import { describe, expect, it } from 'vitest';
import { createGroup } from '../../sim/harness';
import { MAX_TERM, makeConfig, type BugSwitches } from '../config';
import { appendEntries, appliedThrough, drain, electLeader, entries, makeCore, persisted, progressOf, requestVote, sent } from './kit';

/**
 * Regression tests for the trust issue's protocol findings: each failed before its fix (or fails
 * with its bug switch on) and names the rule it checks.
 */

describe('an append below the follower\'s commit index (etcd-io/raft: answer with the committed index)', () => {
  /** A follower that committed and compacted through 6 (terms 1,1,2,2,2,2), as in the stranded case. */
  function compactedFollower(bugs: Partial<BugSwitches> = {}): ReturnType<typeof makeCore> {
    const core = appliedThrough(makeCore({ persisted: persisted(2, 1, [1, 1, 2, 2, 2, 2]), config: { bugs } }), 6);
    core.compact(new Uint8Array([6]));
    drain(core);
    return core;
  }

  it('a request that ends inside the committed prefix is answered with success through the commit index', () => {
    const core = compactedFollower();
    core.step(0, appendEntries({ from: 1, term: 2, prevLogIndex: 1, prevLogTerm: 1, entries: entries([1, 2], 2), leaderCommit: 6 }));
    expect(sent(drain(core), 'AppendEntriesReply')[0]).toMatchObject({ success: true, matchIndex: 6 });
  });

  it('a request that starts below the snapshot, in an older term, is checked from the commit index on with the leader\'s own term there', () => {
    const core = compactedFollower();
    // prevLogIndex 2 has term 1; the snapshot ends at 6 in term 2. The old code compared 2 with 1.
    core.step(0, appendEntries({ from: 1, term: 2, prevLogIndex: 2, prevLogTerm: 1, entries: entries([2, 2, 2, 2, 2, 2], 3), leaderCommit: 6 }));
    expect(sent(drain(core), 'AppendEntriesReply')[0]).toMatchObject({ success: true, matchIndex: 8 });
    expect(core.log.lastIndex).toBe(8);
  });

  it('bug switch conflictBelowSnapshot: the same request gets a conflict at the snapshot that the leader discards', () => {
    const core = compactedFollower({ conflictBelowSnapshot: true });
    core.step(0, appendEntries({ from: 1, term: 2, prevLogIndex: 2, prevLogTerm: 1, entries: entries([2, 2, 2, 2, 2, 2], 3), leaderCommit: 6 }));
    expect(sent(drain(core), 'AppendEntriesReply')[0]).toMatchObject({ success: false, conflictTerm: 2 });
  });

  it('never confirms, nor counts, past the leader\'s own log (only a broken leader could be shorter)', () => {
    const core = compactedFollower();
    core.step(0, appendEntries({ from: 1, term: 2, prevLogIndex: 1, prevLogTerm: 1, entries: entries([1], 2), leaderCommit: 2, leaderLastIndex: 2 }));
    expect(sent(drain(core), 'AppendEntriesReply')[0]).toMatchObject({ success: true, matchIndex: 2 });
    const leader = makeCore({ persisted: persisted(1, null, [1, 1]) });
    electLeader(leader);
    leader.step(leader.now, { type: 'AppendEntriesReply', from: 1, to: 0, term: leader.term, success: true, matchIndex: 9, conflictIndex: 0, conflictTerm: 0 });
    expect(progressOf(leader, 1)).toMatchObject({ matchIndex: 2, nextIndex: 3 });
  });

  /**
   * The reviewer's scenario in the simulator: after a leader change, cut only follower → leader,
   * let the follower commit and snapshot, heal. Without the fix the follower stays stranded.
   */
  async function strandedFollower(bugs: Partial<BugSwitches>): Promise<{ follower: number; leader: number; gap: number }> {
    const g = createGroup({ nodes: 3, seed: 7, config: makeConfig({ bugs }) });
    const propose = async (from: number, count: number, leader: number): Promise<void> => {
      for (let value = from; value < from + count; value++) {
        g.cluster.input(leader, (node) => node.newCommand(g.now, value));
        await g.sleep(20);
      }
    };
    const first = await g.checkExactlyOneLeader();
    await propose(100, 4, first);
    await g.sleep(500);
    g.disable(first);
    const leader = await g.checkExactlyOneLeader();
    g.enable(first);
    const follower = [0, 1, 2].find((n) => n !== leader && n !== first)!;
    g.cluster.network.setLinkCut(follower, leader, true);
    await propose(200, 20, leader);
    await g.sleep(1_000);
    g.cluster.input(follower, (node) => node.saveSnapshot());
    expect(g.cluster.node(follower).core.log.snapshotIndex).toBeGreaterThan(4);
    g.cluster.network.setLinkCut(follower, leader, false);
    await propose(300, 5, leader);
    await g.sleep(3_000);
    expect(g.cluster.node(leader).isLeader()).toBe(true);
    return { follower, leader, gap: g.cluster.node(leader).core.log.lastIndex - g.cluster.node(follower).core.log.lastIndex };
  }

  it('the follower that was stranded for good now catches up within 3 s of the heal', async () => {
    expect((await strandedFollower({})).gap).toBe(0);
  });

  it('with conflictBelowSnapshot the follower stays stranded (the scenario reproduces the bug)', async () => {
    expect((await strandedFollower({ conflictBelowSnapshot: true })).gap).toBeGreaterThan(0);
  });
});

describe('durability is tracked by (index, term), not by index alone', () => {
  it('an entry rewritten after its first write is durable only once the rewrite is', () => {
    const core = makeCore({ persisted: persisted(1, 1) });
    core.step(0, appendEntries({ from: 1, term: 1, entries: entries([1, 1, 1]) }));
    const first = core.takeReady().persist!; // entries 1–3 of term 1, not yet durable
    core.step(0, appendEntries({ from: 2, term: 2, prevLogIndex: 1, prevLogTerm: 1, entries: entries([2, 2], 2) }));
    const second = core.takeReady().persist!; // entries 2–3 rewritten in term 2
    core.persisted(first);
    expect(core.status().stableIndex).toBe(1); // the old code said 3: entries 2–3 of term 2 counted durable
    core.persisted(second);
    expect(core.status().stableIndex).toBe(3);
  });
});

describe('a node that lost its storage (recovering) does not vote until it has caught up', () => {
  const wiped = (bugs: Partial<BugSwitches> = {}): ReturnType<typeof makeCore> =>
    makeCore({ persisted: { hardState: { term: 5, votedFor: null, recovering: true }, snapshot: null, entries: [] }, config: { bugs } });

  it('refuses votes and does not campaign while recovering', () => {
    const core = wiped();
    core.step(0, requestVote({ from: 1, term: 6, lastLogIndex: 0, lastLogTerm: 0 }));
    expect(sent(drain(core), 'RequestVoteReply')[0]).toMatchObject({ voteGranted: false });
    core.tick(core.status().electionDeadline);
    expect(core.role).toBe('follower');
    expect(sent(drain(core), 'RequestVote')).toHaveLength(0);
  });

  it('learns the leader\'s last index at first contact and votes again, durably, once it holds that much', () => {
    const core = wiped();
    core.step(0, appendEntries({ from: 1, term: 5, prevLogIndex: 3, prevLogTerm: 2, entries: [], leaderCommit: 2, leaderLastIndex: 3 }));
    drain(core);
    expect(core.exportState().recoveryTarget).toEqual({ term: 5, lastIndex: 3 });
    core.step(0, appendEntries({ from: 1, term: 5, entries: entries([1, 2]), leaderCommit: 2, leaderLastIndex: 3 }));
    drain(core);
    expect(core.recovering).toBe(true); // 2 of 3: still recovering
    core.step(0, appendEntries({ from: 1, term: 5, prevLogIndex: 2, prevLogTerm: 2, entries: entries([2], 3), leaderCommit: 3, leaderLastIndex: 3 }));
    expect(core.recovering).toBe(false);
    expect(core.takeReady().persist?.hardState).toEqual({ term: 5, votedFor: null });
  });

  it('stays recovering across a restart until the mark is cleared on disk', () => {
    const core = makeCore({ persisted: { hardState: { term: 5, votedFor: null, recovering: true }, snapshot: null, entries: entries([1]) } });
    expect(core.recovering).toBe(true);
    expect(core.status()).toMatchObject({ term: 5, votedFor: null, recovering: true });
  });

  it('bug switch wipedNodeVotes: the wiped node votes at once', () => {
    const core = wiped({ wipedNodeVotes: true });
    core.step(0, requestVote({ from: 1, term: 6, lastLogIndex: 0, lastLogTerm: 0 }));
    expect(sent(drain(core), 'RequestVoteReply')[0]).toMatchObject({ voteGranted: true });
  });
});

describe('timers and terms', () => {
  it('a candidate that steps down draws a follower\'s election timeout, not its candidate deadline', () => {
    const core = makeCore({ config: { timing: { electionTimeoutMinMs: 300, electionTimeoutMaxMs: 500, candidateTimeoutMinMs: 1000, candidateTimeoutMaxMs: 1200 } } });
    core.tick(core.status().electionDeadline);
    expect(core.role).toBe('candidate');
    const steppedDownAt = core.now;
    core.step(steppedDownAt, requestVote({ from: 1, term: core.term + 1, lastLogIndex: 0, lastLogTerm: 0, to: 0 }));
    drain(core);
    expect(core.role).toBe('follower');
    // Granting the vote resets the timer too; refuse it (another vote this term) to see the step-down alone.
    const other = makeCore({ persisted: persisted(0, null, [1]), config: { timing: { candidateTimeoutMinMs: 1000, candidateTimeoutMaxMs: 1200 } } });
    other.tick(other.electionDeadline);
    other.step(other.now, requestVote({ from: 1, term: other.term + 1, lastLogIndex: 0, lastLogTerm: 0 })); // behind us: refused
    expect(other.role).toBe('follower');
    expect(other.electionDeadline - other.now).toBeLessThanOrEqual(500);
  });

  it('terms are bounded: a node at MAX_TERM does not campaign, and a message past it is ignored', () => {
    const core = makeCore({ persisted: persisted(MAX_TERM, null) });
    core.tick(core.status().electionDeadline);
    expect(core.term).toBe(MAX_TERM);
    expect(core.role).toBe('follower');
    core.step(core.now, requestVote({ from: 1, term: MAX_TERM + 1 }));
    expect(core.term).toBe(MAX_TERM);
    expect(sent(drain(core), 'RequestVoteReply')).toHaveLength(0);
  });
});
