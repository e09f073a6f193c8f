import { describe, expect, it } from 'vitest';
import { makeConfig } from '../config';
import type { InstallSnapshot } from '../messages';
import { RaftNode } from '../node';
import type { StateMachine } from '../types';
import { appendEntries, appliedThrough, applyAll, drain, electAndSettle, entries, logTerms, makeCore, persisted, sent } from './kit';

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
const text = (b: Uint8Array): string => new TextDecoder().decode(b);

/** A state machine that records applied commands; its snapshot is the list joined by commas. */
class Recorder implements StateMachine<string, string> {
  applied: string[] = [];
  restores = 0;
  apply(command: string): string { this.applied.push(command); return command; }
  snapshot(): Uint8Array { return bytes(this.applied.join(',')); }
  restore(data: Uint8Array): void { this.restores++; this.applied = text(data) ? text(data).split(',') : []; }
}

function installSnapshot(fields: Partial<InstallSnapshot> & { lastIncludedIndex: number; lastIncludedTerm: number }): InstallSnapshot {
  return { type: 'InstallSnapshot', from: 1, to: 0, term: 3, data: bytes('snap'), ...fields };
}

describe('snapshots (§7, Figure 13)', () => {
  it('§7: saving a snapshot replaces the applied prefix of the log, keeps what follows, and persists both', () => {
    const core = appliedThrough(makeCore({ persisted: persisted(2, null, [1, 1, 2, 2, 2]) }), 3);
    expect(core.compact(bytes('state@3'))).toBe(true);
    expect(core.log.snapshotIndex).toBe(3);
    expect(core.log.snapshotTerm).toBe(2);
    expect(logTerms(core)).toEqual([2, 2]);
    const batch = core.takeReady().persist!;
    expect(batch.snapshot).toMatchObject({ lastIncludedIndex: 3, lastIncludedTerm: 2 });
    expect(text(batch.snapshot!.data)).toBe('state@3');
  });

  it('a leader sends InstallSnapshot to a follower whose next entry it has compacted away', () => {
    const core = makeCore({ persisted: persisted(1, null, [1, 1, 1]) });
    electAndSettle(core);
    core.propose(core.now, 'x');
    drain(core);
    core.step(core.now, { type: 'AppendEntriesReply', from: 1, to: 0, term: 2, success: true, matchIndex: 4, conflictIndex: 0, conflictTerm: 0 });
    applyAll(core); // as the node wrapper would, through the commit index
    expect(core.compact(bytes('s'))).toBe(true);
    core.step(core.now, { type: 'AppendEntriesReply', from: 2, to: 0, term: 2, success: false, matchIndex: 0, conflictIndex: 1, conflictTerm: 0 });
    const out = sent(core.takeReady(), 'InstallSnapshot');
    expect(out.map((m) => [m.to, m.lastIncludedIndex, m.lastIncludedTerm])).toEqual([[2, 4, 2]]);
  });

  it('Figure 13 receiver 1: reply immediately if term < currentTerm', () => {
    const core = makeCore({ persisted: persisted(5, null) });
    core.step(0, installSnapshot({ term: 4, lastIncludedIndex: 3, lastIncludedTerm: 4 }));
    const ready = core.takeReady();
    expect(sent(ready, 'InstallSnapshotReply')[0]).toMatchObject({ term: 5 });
    expect(core.log.snapshotIndex).toBe(0);
    expect(ready.persist?.snapshot).toBeUndefined();
  });

  it('Figure 13 receiver 6: an existing entry with the snapshot\'s last index and term keeps the entries after it', () => {
    const core = makeCore({ persisted: persisted(3, null, [1, 2, 3, 3]) });
    core.step(0, installSnapshot({ lastIncludedIndex: 2, lastIncludedTerm: 2 }));
    expect(core.log.snapshotIndex).toBe(2);
    expect(logTerms(core)).toEqual([3, 3]);
    expect(core.commitIndex).toBe(2);
    expect(core.nextToApply()).toMatchObject({ kind: 'snapshot', snapshot: { lastIncludedIndex: 2 } });
    const batch = core.takeReady().persist!;
    expect(batch.snapshot?.lastIncludedIndex).toBe(2);
    expect(batch.entries).toBeUndefined();
  });

  it('Figure 13 receiver 7: otherwise the entire log is discarded (and the discard persisted)', () => {
    const core = makeCore({ persisted: persisted(3, null, [1, 1, 1, 1]) });
    core.step(0, installSnapshot({ lastIncludedIndex: 2, lastIncludedTerm: 2 }));
    expect(core.log.snapshotIndex).toBe(2);
    expect(core.log.lastIndex).toBe(2);
    const batch = core.takeReady().persist!;
    expect(batch.entries).toEqual({ fromIndex: 3, entries: [] });
  });

  it('Figure 13 receiver 8: the state machine is reset from the snapshot, and later entries apply on top', () => {
    const machine = new Recorder();
    machine.applied = ['stale'];
    const node = new RaftNode<string, string>({ id: 0, members: [0, 1, 2], stateMachine: machine, seed: 1, now: 0, config: makeConfig() });
    node.receive(0, installSnapshot({ lastIncludedIndex: 2, lastIncludedTerm: 3, data: bytes('a,b') }));
    expect(machine.applied).toEqual(['a', 'b']);
    node.receive(1, appendEntries({ from: 1, term: 3, prevLogIndex: 2, prevLogTerm: 3, entries: entries([3], 3), leaderCommit: 3 }));
    expect(machine.applied).toEqual(['a', 'b', 'c3']);
  });

  it('a snapshot that is not ahead of the commit index is not installed: the state machine never goes back', () => {
    const machine = new Recorder();
    const node = new RaftNode<string, string>({ id: 0, members: [0, 1, 2], stateMachine: machine, seed: 1, now: 0, config: makeConfig() });
    node.receive(0, appendEntries({ from: 1, term: 3, entries: entries([3, 3, 3]), leaderCommit: 3 }));
    expect(machine.applied).toEqual(['c1', 'c2', 'c3']);
    node.receive(1, installSnapshot({ lastIncludedIndex: 2, lastIncludedTerm: 3, data: bytes('x,y') }));
    expect(machine.restores).toBe(0);
    expect(machine.applied).toEqual(['c1', 'c2', 'c3']);
    expect(sent(node.takeReady(), 'InstallSnapshotReply').at(-1)).toMatchObject({ lastIncludedIndex: 2 });
  });
});

describe('restart (Figure 2 persistent vs volatile state)', () => {
  it('a restarted node rebuilds its state machine from the snapshot, then re-applies only entries after it once they are known committed', () => {
    const machine = new Recorder();
    const node = new RaftNode<string, string>({
      id: 0, members: [0, 1, 2], stateMachine: machine, seed: 1, now: 0, config: makeConfig(),
      persisted: {
        hardState: { term: 3, votedFor: 1 },
        snapshot: { lastIncludedIndex: 2, lastIncludedTerm: 2, data: bytes('a,b') },
        entries: [{ term: 3, command: 'c' }, { term: 3, command: 'd' }],
      },
    });
    expect(machine.applied).toEqual(['a', 'b']);
    expect(node.core.commitIndex).toBe(2); // commitIndex is volatile: only the snapshot is known committed
    expect(node.core.votedFor).toBe(1);
    expect(node.term()).toBe(3);
    node.receive(1, appendEntries({ from: 1, term: 3, prevLogIndex: 4, prevLogTerm: 3, leaderCommit: 3 }));
    expect(machine.applied).toEqual(['a', 'b', 'c']);
  });

  it('proposal outcomes: the proposer hears the result when its entry applies, or that leadership was lost', () => {
    const machine = new Recorder();
    const node = new RaftNode<string, string>({ id: 0, members: [0], stateMachine: machine, seed: 1, now: 0, config: makeConfig() });
    node.tick(node.nextDeadline()); // a one-node cluster elects itself
    expect(node.isLeader()).toBe(true);
    const outcomes: unknown[] = [];
    const placed = node.newCommand(600, 'x', (o) => outcomes.push(o));
    expect(placed).toEqual({ term: 1, index: 1 });
    expect(outcomes).toEqual([]); // not durable yet, so not committed
    const ready = node.takeReady();
    node.persisted(ready.persist!);
    expect(outcomes).toEqual([{ ok: true, index: 1, term: 1, result: 'x' }]);
  });
});
