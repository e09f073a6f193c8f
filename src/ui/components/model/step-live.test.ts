import { describe, expect, it } from 'vitest';
import type { PendingItem } from '../../../sim/explore';
import { findAgain } from './step-live';

/** A counterexample step taken anew finds its item by what the model said it is, not by the recorded id. */
const message = (id: string, description: string): PendingItem => ({
  kind: 'message', id, choosable: true, description, message: null as never, type: 'AppendEntries', from: 0, to: 1, term: 1, size: 0, sentAt: 0, dueAt: 1e9,
});
const PENDING: PendingItem[] = [
  message('msg:8', '0->1 AppendEntries t1 prev 0/0 n=0 commit 0'),
  message('msg:9', '0->2 AppendEntries t1 prev 0/0 n=0 commit 0'),
  { kind: 'write', id: 'write:11', choosable: true, node: 2, dueAt: 1e9 },
  { kind: 'timer', id: 'timer:1:election:1000000004', choosable: true, node: 1, timer: 'election', dueAt: 1000000004 },
];

describe('a counterexample step taken anew', () => {
  it('finds the message by its description, the write by its node, the timer by node and kind', () => {
    expect(findAgain(PENDING, { type: 'deliver', id: 'msg:10' }, 'deliver 0->2 AppendEntries t1 prev 0/0 n=0 commit 0 · sends 2->0 AppendEntriesReply t1 ok match 0'))
      .toEqual({ type: 'deliver', id: 'msg:9' });
    expect(findAgain(PENDING, { type: 'drop', id: 'msg:3' }, 'drop 0->1 AppendEntries t1 prev 0/0 n=0 commit 0')).toEqual({ type: 'drop', id: 'msg:8' });
    expect(findAgain(PENDING, { type: 'persist', id: 'write:12' }, 'node 2: write durable (term 1, vote 0), releasing 1 held message(s)')).toEqual({ type: 'persist', id: 'write:11' });
    expect(findAgain(PENDING, { type: 'fire', id: 'timer:1:election:1000000000' }, 'node 1: election timer fires')).toEqual({ type: 'fire', id: 'timer:1:election:1000000004' });
  });

  it('says so when nothing pending fits: the cluster is elsewhere', () => {
    expect(() => findAgain(PENDING, { type: 'deliver', id: 'msg:8' }, 'deliver 1->0 RequestVoteReply t1 granted'))
      .toThrow('nothing pending fits "deliver 1->0 RequestVoteReply t1 granted": the cluster is not where this step starts');
    expect(() => findAgain(PENDING, { type: 'fire', id: 'timer:0:heartbeat:100000000' }, 'node 0: heartbeat timer fires')).toThrow(/nothing pending fits/);
  });
});
