import { describe, expect, it } from 'vitest';
import { createGroup } from '../../sim/harness';
import { makeConfig, type BugSwitches, type ConfigOverrides, type RaftFeatures } from '../config';
import { appendEntries, drain, electLeader, makeCore, persisted, requestVote, sent } from './kit';

/** PreVote (thesis §9.6) and CheckQuorum with the §4.2.3 lease (thesis §6.2): rule by rule, then in the simulator. */

const PRE_VOTE = { features: { preVote: true } };
const CHECK_QUORUM = { features: { checkQuorum: true } };

describe('PreVote (thesis §9.6)', () => {
  it('§9.6: an election timeout sends pre-votes for term + 1 and changes neither term nor vote', () => {
    const core = makeCore({ persisted: persisted(3, 2, [1, 3]), config: PRE_VOTE });
    core.tick(core.status().electionDeadline);
    const asks = sent(drain(core), 'RequestVote');
    expect(asks.map((m) => [m.to, m.term, m.preVote])).toEqual([[1, 4, true], [2, 4, true]]);
    expect(core.term).toBe(3);
    expect(core.votedFor).toBe(2);
    expect(core.role).toBe('follower');
    expect(core.status().preCandidate).toBe(true);
  });

  it('§9.6: a voter that has not heard from a leader grants a pre-vote for a later term, changing nothing of its own', () => {
    const core = makeCore({ persisted: persisted(3, null, [1]), config: PRE_VOTE });
    core.step(400, requestVote({ from: 1, term: 4, lastLogIndex: 1, lastLogTerm: 1, preVote: true })); // 400 ms after start: no lease
    const reply = sent(drain(core), 'RequestVoteReply')[0]!;
    expect(reply).toMatchObject({ voteGranted: true, term: 4, preVote: true });
    expect(core.term).toBe(3);
    expect(core.votedFor).toBeNull();
  });

  it('§9.6 with §4.2.3: a voter that heard from a current leader lately refuses a pre-vote, with its own term', () => {
    const core = makeCore({ persisted: persisted(3, null, [1]), config: PRE_VOTE });
    core.step(100, appendEntries({ from: 2, term: 3, prevLogIndex: 1, prevLogTerm: 1 }));
    drain(core);
    core.step(150, requestVote({ from: 1, term: 4, lastLogIndex: 1, lastLogTerm: 1, preVote: true }));
    expect(sent(drain(core), 'RequestVoteReply')[0]).toMatchObject({ voteGranted: false, term: 3, preVote: true });
  });

  it('§9.6, §5.4.1: a pre-vote from a node whose log is behind is refused', () => {
    const core = makeCore({ persisted: persisted(3, null, [1, 3]), config: PRE_VOTE });
    core.step(400, requestVote({ from: 1, term: 4, lastLogIndex: 1, lastLogTerm: 1, preVote: true }));
    expect(sent(drain(core), 'RequestVoteReply')[0]).toMatchObject({ voteGranted: false });
  });

  it('§9.6: pre-votes from a majority start the real election for term + 1', () => {
    const core = makeCore({ persisted: persisted(3, null), config: PRE_VOTE });
    core.tick(core.status().electionDeadline);
    drain(core);
    core.step(core.now, { type: 'RequestVoteReply', from: 1, to: 0, term: 4, voteGranted: true, preVote: true });
    expect(core.role).toBe('candidate');
    expect(core.term).toBe(4);
    expect(sent(drain(core), 'RequestVote').every((m) => m.term === 4 && !m.preVote)).toBe(true);
  });

  it('bug switch preVoteBumpsTerm: a pre-candidate raises its own term with each round', () => {
    for (const bug of [false, true]) {
      const core = makeCore({ persisted: persisted(3, null), config: { ...PRE_VOTE, bugs: { preVoteBumpsTerm: bug } } });
      core.tick(core.status().electionDeadline);
      core.tick(core.status().electionDeadline); // a second round: nobody answered
      expect(core.term, `bug ${bug}`).toBe(bug ? 5 : 3);
    }
  });

  it('§9.6: a pre-vote request for a later term raises nobody\'s term, and a leader stays leader', () => {
    const core = makeCore({ config: PRE_VOTE });
    electLeader(core);
    const term = core.term;
    core.step(core.now, requestVote({ from: 1, term: term + 1, preVote: true }));
    expect(core.role).toBe('leader');
    expect(core.term).toBe(term);
  });
});

describe('CheckQuorum (thesis §6.2) and the vote-request lease (§4.2.3)', () => {
  it('§6.2: a leader that hears from no majority within an election timeout steps down', () => {
    const core = makeCore({ config: CHECK_QUORUM });
    electLeader(core);
    const term = core.term;
    core.tick(core.nextDeadline()); // heartbeats go out, nobody answers …
    for (let i = 0; i < 20 && core.role === 'leader'; i++) core.tick(core.nextDeadline());
    expect(core.role).toBe('follower');
    expect(core.term).toBe(term); // no new term: it only stops leading
  });

  it('§6.2: a leader that hears from a majority in every window stays leader', () => {
    const core = makeCore({ config: CHECK_QUORUM });
    electLeader(core);
    for (let i = 0; i < 20; i++) {
      core.tick(core.nextDeadline());
      core.step(core.now, { type: 'AppendEntriesReply', from: 1, to: 0, term: core.term, success: true, matchIndex: 0, conflictIndex: 0, conflictTerm: 0 });
    }
    expect(core.role).toBe('leader');
  });

  it('§4.2.3: a RequestVote that arrives while a current leader is heard from is dropped: no term change, no reply', () => {
    const core = makeCore({ persisted: persisted(3, null), config: CHECK_QUORUM });
    core.step(100, appendEntries({ from: 2, term: 3 }));
    drain(core);
    core.step(150, requestVote({ from: 1, term: 9 }));
    expect(core.term).toBe(3);
    expect(sent(drain(core), 'RequestVoteReply')).toHaveLength(0);
    // After the minimum election timeout without the leader, it is handled as usual.
    core.step(100 + 300, requestVote({ from: 1, term: 9 }));
    expect(core.term).toBe(9);
    expect(sent(drain(core), 'RequestVoteReply')[0]).toMatchObject({ voteGranted: true });
  });
});

describe('leadership transfer (thesis §3.10)', () => {
  const TRANSFER = { features: { leadershipTransfer: true, checkQuorum: true } };

  it('§3.10: the leader stops taking proposals, brings the target up to date, then sends it TimeoutNow', () => {
    const core = makeCore({ config: TRANSFER });
    electLeader(core);
    core.propose(core.now, 'x');
    drain(core);
    expect(core.transferLeadership(core.now, 2)).toBeNull();
    expect(core.propose(core.now, 'y')).toBeNull();
    expect(sent(drain(core), 'TimeoutNow')).toHaveLength(0); // node 2 lacks entry 1
    core.step(core.now, { type: 'AppendEntriesReply', from: 2, to: 0, term: core.term, success: true, matchIndex: 1, conflictIndex: 0, conflictTerm: 0 });
    expect(sent(drain(core), 'TimeoutNow').map((m) => m.to)).toEqual([2]);
  });

  it('§3.10: the target campaigns at once, and voters in their §4.2.3 lease still answer a transfer\'s RequestVote', () => {
    const target = makeCore({ id: 2, persisted: persisted(3, null), config: TRANSFER });
    target.step(0, { type: 'TimeoutNow', from: 0, to: 2, term: 3 });
    expect(target.role).toBe('candidate');
    const ask = sent(drain(target), 'RequestVote')[0]!;
    expect(ask).toMatchObject({ term: 4, transfer: true });
    const voter = makeCore({ id: 1, persisted: persisted(3, null), config: TRANSFER });
    voter.step(100, appendEntries({ from: 0, term: 3, to: 1 }));
    drain(voter);
    voter.step(120, { ...ask, to: 1 });
    expect(sent(drain(voter), 'RequestVoteReply')[0]).toMatchObject({ voteGranted: true, term: 4 });
  });

  it('§3.10: a transfer that does not complete within an election timeout is abandoned and proposals resume', () => {
    const core = makeCore({ config: TRANSFER });
    electLeader(core);
    core.transferLeadership(core.now, 1);
    core.tick(core.now + 600); // past electionTimeoutMaxMs (500) with no answer
    expect(core.status().transferee).toBeNull();
    expect(core.propose(core.now, 'z')).not.toBeNull();
  });

  it('refused with a reason when the feature is off, by a follower, or to itself', () => {
    const off = makeCore();
    electLeader(off);
    expect(off.transferLeadership(off.now, 1)).toMatch(/off/);
    const leader = makeCore({ config: TRANSFER });
    electLeader(leader);
    expect(leader.transferLeadership(leader.now, 0)).toMatch(/already leads/);
    expect(makeCore({ config: TRANSFER }).transferLeadership(0, 1)).toMatch(/not the leader/);
  });

  it('in the simulator, leadership moves to the chosen node', async () => {
    const g = createGroup({ nodes: 5, seed: 9, config: makeConfig({ features: { leadershipTransfer: true, preVote: true, checkQuorum: true } }) });
    const leader = await g.checkExactlyOneLeader();
    const target = (leader + 2) % 5;
    let refused: string | null = 'not called';
    g.cluster.input(leader, (n) => { refused = n.transferLeadership(g.now, target); });
    expect(refused).toBeNull();
    await g.sleep(1000);
    expect(await g.checkExactlyOneLeader()).toBe(target);
  });
});

describe('reads without the log (thesis §6.4)', () => {
  const READS = { features: { readIndex: true, checkQuorum: true } };
  const ack = (core: ReturnType<typeof makeCore>, from: number, seq: number, matchIndex = 0) =>
    core.step(core.now, { type: 'AppendEntriesReply', from, to: 0, term: core.term, success: true, matchIndex, conflictIndex: 0, conflictTerm: 0, seq });

  /** A leader whose term has a committed entry (index 1), as the no-op would give it. */
  function leaderWithTermCommit(config: ConfigOverrides) {
    const core = makeCore({ config });
    electLeader(core);
    core.propose(core.now, 'w');
    drain(core);
    ack(core, 1, core.status().heartbeatSeq, 1);
    expect(core.commitIndex).toBe(1);
    return core;
  }

  it('§6.4: ReadIndex records the commit index, sends a heartbeat round, and confirms once a majority answers that round', () => {
    const core = leaderWithTermCommit(READS);
    expect(core.requestRead(core.now, 7)).toBeNull();
    const round = sent(drain(core), 'AppendEntries');
    expect(round.map((m) => m.to)).toEqual([1, 2]);
    const seq = round[0]!.seq!;
    ack(core, 2, seq - 1); // an answer to an earlier round proves nothing
    expect(core.takeReads().ready).toEqual([]);
    ack(core, 2, seq);
    expect(core.takeReads().ready).toEqual([{ id: 7, index: 1, servedBy: 'readIndex' }]);
    expect(core.log.lastIndex).toBe(1); // no log entry
  });

  it('§6.4 step 1: a new leader waits for an entry of its term to commit before it records a read index', () => {
    const core = makeCore({ persisted: persisted(1, null, [1]), config: READS });
    electLeader(core);
    expect(core.requestRead(core.now, 1)).toBeNull();
    ack(core, 1, core.status().heartbeatSeq);
    ack(core, 2, core.status().heartbeatSeq);
    expect(core.takeReads().ready).toEqual([]); // entry 1 is from term 1: nothing of term 2 committed
  });

  it('bug readIndexBeforeTermCommit: the same read is answered at once, at a commit index that may be stale', () => {
    const core = makeCore({ persisted: persisted(1, null, [1]), config: { ...READS, bugs: { readIndexBeforeTermCommit: true } } });
    electLeader(core);
    core.requestRead(core.now, 1);
    ack(core, 1, core.status().heartbeatSeq);
    expect(core.takeReads().ready).toEqual([{ id: 1, index: 0, servedBy: 'readIndex' }]);
  });

  it('a leader that steps down fails the reads it has not confirmed', () => {
    const core = leaderWithTermCommit(READS);
    core.requestRead(core.now, 3);
    core.step(core.now, requestVote({ from: 1, term: core.term + 5 })); // past the lease? no: leaders ignore it
    core.step(core.now, appendEntries({ from: 1, term: core.term + 1 }));
    expect(core.takeReads().failed.map((f) => f.id)).toEqual([3]);
  });

  it('§6.4.1: with CheckQuorum, a lease read is answered at once while the heartbeats a majority answered are recent; not after', () => {
    const core = leaderWithTermCommit({ features: { leaseReads: true, checkQuorum: true } });
    expect(core.requestRead(core.now, 1)).toBeNull();
    expect(core.takeReads().ready).toEqual([{ id: 1, index: 1, servedBy: 'lease' }]);
    expect(core.requestRead(core.now + 300, 2)).toMatch(/lease has lapsed/); // > 300 / 1.1 ms since the round was sent
  });

  it('§6.4.1: without CheckQuorum there is no lease (unless the leaseWithoutCheckQuorum bug)', () => {
    expect(leaderWithTermCommit({ features: { leaseReads: true } }).requestRead(0, 1)).toMatch(/lease has lapsed/);
    const buggy = leaderWithTermCommit({ features: { leaseReads: true }, bugs: { leaseWithoutCheckQuorum: true } });
    expect(buggy.requestRead(buggy.now, 1)).toBeNull();
  });

  it('§6.4.1: lease reads switched on at run time wait out one election timeout (the voters\' §4.2.3 promise starts only then)', () => {
    const core = leaderWithTermCommit(READS);
    core.setConfig(makeConfig({ trace: true, features: { readIndex: true, checkQuorum: true, leaseReads: true } }));
    core.requestRead(core.now, 1);
    expect(core.takeReads().ready).toEqual([]); // not by lease: a ReadIndex round instead
    core.step(core.now + 500, { type: 'AppendEntriesReply', from: 1, to: 0, term: core.term, success: true, matchIndex: 1, conflictIndex: 0, conflictTerm: 0, seq: core.status().heartbeatSeq });
    core.tick(core.now);
    drain(core);
    ack(core, 1, core.status().heartbeatSeq);
    core.takeReads();
    expect(core.requestRead(core.now, 2)).toBeNull();
    expect(core.takeReads().ready).toEqual([{ id: 2, index: 1, servedBy: 'lease' }]);
  });

  it('a follower refuses, naming why', () => {
    expect(makeCore({ config: READS }).requestRead(0, 1)).toMatch(/not the leader/);
  });
});

describe('in the simulator', () => {
  /** Isolate a follower for 3 s, heal it, and report the leader's term before and after. */
  async function rejoin(features: Partial<RaftFeatures>, bugs: Partial<BugSwitches> = {}): Promise<{ before: number; after: number; sameLeader: boolean }> {
    const g = createGroup({ nodes: 5, seed: 3, config: makeConfig({ features, bugs }) });
    const leader = await g.checkExactlyOneLeader();
    const before = g.cluster.node(leader).term();
    const follower = (leader + 1) % 5;
    g.disable(follower);
    await g.sleep(3000);
    g.enable(follower);
    await g.sleep(2000);
    return { before, after: g.cluster.node(leader).term(), sameLeader: g.cluster.node(leader).isLeader() };
  }

  it('§9.6: with PreVote a rejoining follower does not depose a healthy leader', async () => {
    const { before, after, sameLeader } = await rejoin({ preVote: true });
    expect(sameLeader).toBe(true);
    expect(after).toBe(before);
  });

  it('without PreVote (the lab\'s Raft) the same rejoin raises the term and deposes the leader', async () => {
    const { before, after } = await rejoin({});
    expect(after).toBeGreaterThan(before);
  });

  it('with preVoteBumpsTerm the rejoin deposes the leader again', async () => {
    const { before, after } = await rejoin({ preVote: true }, { preVoteBumpsTerm: true });
    expect(after).toBeGreaterThan(before);
  });

  it('§6.2: with CheckQuorum a leader cut off in a minority steps down and takes no more writes', async () => {
    for (const checkQuorum of [true, false]) {
      const g = createGroup({ nodes: 5, seed: 5, config: makeConfig({ features: { checkQuorum } }) });
      const leader = await g.checkExactlyOneLeader();
      const buddy = (leader + 1) % 5;
      const minority = [leader, buddy];
      for (let a = 0; a < 5; a++) for (let b = 0; b < 5; b++) if (minority.includes(a) !== minority.includes(b)) g.cluster.network.setLinkCut(a, b, true);
      await g.sleep(2000);
      expect(g.cluster.node(leader).isLeader(), `checkQuorum ${checkQuorum}`).toBe(!checkQuorum);
    }
  });
});

describe('RaftNode.submit: the one place a driver decides how a client command goes (thesis §6.4)', () => {
  const GET = { op: 'get', key: 'k' } as const;

  async function submitted(features: Partial<RaftFeatures>, toLeader: boolean) {
    const g = createGroup({ nodes: 3, seed: 5, machine: 'kv', config: makeConfig({ features }) });
    const leader = await g.checkExactlyOneLeader();
    await g.sleep(500); // the no-op (when on) commits: an entry of the leader's term
    const node = toLeader ? leader : (leader + 1) % 3;
    const before = g.cluster.node(leader).core.log.lastIndex;
    let taken: { placed: unknown; read: boolean } | null = null;
    let served: string | undefined;
    g.cluster.input(node, (raft) => {
      taken = raft.submit(g.cluster.now, GET, true, (outcome) => { served = outcome.ok ? (outcome.servedBy ?? 'log') : `failed: ${outcome.reason}`; });
    });
    await g.sleep(500);
    return { taken: taken!, served, entries: g.cluster.node(leader).core.log.lastIndex - before };
  }

  it('a read at the leader with ReadIndex on is answered without an entry', async () => {
    const { taken, served, entries } = await submitted({ noopOnElection: true, readIndex: true }, true);
    expect(taken).toEqual({ placed: null, read: true });
    expect(served).toBe('readIndex');
    expect(entries).toBe(0);
  });

  it('a read at a follower is refused (not placed, not read)', async () => {
    const { taken, served } = await submitted({ noopOnElection: true, readIndex: true }, false);
    expect(taken).toEqual({ placed: null, read: false });
    expect(served).toBeUndefined();
  });

  it('with reads without the log off (the lab\'s profile), a read goes through the log as an entry', async () => {
    const { taken, served, entries } = await submitted({}, true);
    expect(taken.read).toBe(false);
    expect(taken.placed).not.toBeNull();
    expect(served).toBe('log');
    expect(entries).toBe(1);
  });
});
