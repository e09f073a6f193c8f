import { describe, expect, it } from 'vitest';
import { PRODUCTION_FEATURES, makeConfig } from '../config';
import { RaftNode } from '../node';
import type { Entry, StateMachine } from '../types';
import { drain, electLeader, logTerms, makeCore, persisted, progressOf, sent } from './kit';

/** No-op on election: §8 of the paper ("a blank no-op entry into the log at the start of its term") and thesis §6.4. */

const NOOP = { features: { noopOnElection: true } };
const ack = (core: ReturnType<typeof makeCore>, from: number, matchIndex: number, seq?: number) =>
  core.step(core.now, { type: 'AppendEntriesReply', from, to: 0, term: core.term, success: true, matchIndex, conflictIndex: 0, conflictTerm: 0, ...(seq !== undefined ? { seq } : {}) });

describe('no-op on election (§8, thesis §6.4)', () => {
  it('§8: a new leader appends a no-op of its term, and its first AppendEntries carries it', () => {
    const core = makeCore({ persisted: persisted(1, null, [1, 1]), config: NOOP });
    core.tick(core.status().electionDeadline);
    drain(core);
    for (const peer of core.peers) core.step(core.now, { type: 'RequestVoteReply', from: peer, to: 0, term: 2, voteGranted: true });
    const ready = drain(core);
    expect(core.log.entryAt(3)).toEqual({ kind: 'noop', term: 2 });
    expect(sent(ready, 'AppendEntries').map((m) => [m.to, m.prevLogIndex, m.entries])).toEqual([
      [1, 2, [{ kind: 'noop', term: 2 }]], [2, 2, [{ kind: 'noop', term: 2 }]],
    ]);
    expect(ready.persist?.entries).toEqual({ fromIndex: 3, entries: [{ kind: 'noop', term: 2 }] });
  });

  it('§5.4.2 with §8: earlier-term entries on a majority commit together with the no-op, with no client write', () => {
    const core = makeCore({ persisted: persisted(1, null, [1, 1]), config: NOOP });
    electLeader(core);
    ack(core, 1, 3);
    expect(core.commitIndex).toBe(3);
  });

  it('§5.4.2, the lab\'s profile: no no-op, so the same earlier-term entries stay uncommitted on a majority', () => {
    const core = makeCore({ persisted: persisted(1, null, [1, 1]) });
    electLeader(core);
    expect(logTerms(core)).toEqual([1, 1]);
    ack(core, 1, 2);
    expect(core.commitIndex).toBe(0);
  });

  it('thesis §6.4: a no-op is never applied to the state machine, yet lastApplied passes it and a later command gets its result', () => {
    const applied: [number, string][] = [];
    const machine: StateMachine<string, string> = {
      apply: (command, index) => { applied.push([index, command]); return `ok ${command}`; },
      snapshot: () => new Uint8Array(), restore: () => {},
    };
    const node = new RaftNode<string, string>({ id: 0, members: [0], stateMachine: machine, seed: 1, now: 0, config: makeConfig({ features: PRODUCTION_FEATURES }) });
    const pump = () => { const ready = node.takeReady(); if (ready.persist) node.persisted(ready.persist); };
    node.tick(node.nextDeadline());
    pump();
    expect(node.isLeader()).toBe(true);
    expect(node.core.lastApplied).toBe(1); // the no-op at index 1
    const outcomes: unknown[] = [];
    node.newCommand(node.core.now, 'x', (outcome) => outcomes.push(outcome));
    pump();
    expect(applied).toEqual([[2, 'x']]);
    expect(outcomes).toEqual([{ ok: true, index: 2, term: 1, result: 'ok x' }]);
  });

  it('a proposal overwritten by a later leader\'s no-op fails with "leadership lost", naming the no-op', () => {
    const machine: StateMachine<string, string> = { apply: (c) => c, snapshot: () => new Uint8Array(), restore: () => {} };
    const node = new RaftNode<string, string>({ id: 0, members: [0, 1, 2], stateMachine: machine, seed: 1, now: 0, config: makeConfig({ features: { noopOnElection: true } }) });
    const core = node.core;
    electLeader(core);
    const outcomes: { ok: boolean; reason?: string }[] = [];
    node.newCommand(core.now, 'lost', (outcome) => outcomes.push(outcome));
    drain(core);
    const noop: Entry<string> = { kind: 'noop', term: core.term + 1 };
    node.receive(core.now, { type: 'AppendEntries', from: 1, to: 0, term: core.term + 1, prevLogIndex: 1, prevLogTerm: core.term, entries: [noop], leaderCommit: 2 });
    expect(outcomes).toEqual([{ ok: false, index: 2, term: 1, reason: 'leadership lost: index 2 holds a no-op of term 2 instead' }]);
  });

  it('thesis §6.4 step 1: with the no-op, a new leader\'s ReadIndex read is confirmed as soon as the no-op commits and a round is answered', () => {
    const core = makeCore({ persisted: persisted(1, null, [1]), config: { features: { noopOnElection: true, readIndex: true } } });
    electLeader(core);
    expect(core.requestRead(core.now, 1)).toBeNull();
    ack(core, 1, 2, core.status().heartbeatSeq); // holds the no-op: it commits, and the read's round starts
    const round = sent(drain(core), 'AppendEntries');
    expect(round.length).toBe(2);
    ack(core, 1, 2, round[0]!.seq);
    expect(core.takeReads().ready).toEqual([{ id: 1, index: 2, servedBy: 'readIndex' }]);
    expect(core.log.lastIndex).toBe(2); // the read added no entry
  });
});

describe('status() (etcd\'s Status)', () => {
  it('is a read-only snapshot: plain copies that neither change the core nor follow it', () => {
    const core = makeCore({ config: NOOP });
    electLeader(core);
    const status = core.status();
    expect(status).toMatchObject({ id: 0, role: 'leader', term: 1, votedFor: 0, leaderId: 0, commitIndex: 0, transferee: null,
      log: { firstIndex: 1, lastIndex: 1, lastTerm: 1, snapshotIndex: 0, snapshotTerm: 0 } });
    expect(status.progress.map((p) => [p.peer, p.nextIndex, p.matchIndex])).toEqual([[1, 1, 0], [2, 1, 0]]);
    (status.progress[0] as { matchIndex: number }).matchIndex = 9;
    expect(progressOf(core, 1).matchIndex).toBe(0);
    ack(core, 1, 1);
    expect(status.commitIndex).toBe(0);
    expect(core.status().commitIndex).toBe(1);
  });
});
