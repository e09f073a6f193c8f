import { describe, expect, it } from 'vitest';
import type { Entry } from '../raft/types';
import { DurableState, LOG_WINDOW } from './node-view';

const e = (term: number, command: string): Entry<string> => ({ kind: 'command', term, command }) as Entry<string>;

/** What a down node is shown to hold (issue 12, item 8): the tail of what it wrote, as Figure 2's AppendEntries leaves it. */
describe('DurableState.tail', () => {
  it('follows appends, a truncation at a conflict, and a snapshot', () => {
    const d = new DurableState();
    d.loaded({ hardState: { term: 1, votedFor: null }, entries: [e(1, 'a'), e(1, 'b')], snapshot: null } as never);
    d.wrote({ entries: { fromIndex: 3, entries: [e(1, 'c'), e(1, 'd')] } } as never);
    expect(d.tail.map((x) => (x as { command: string }).command)).toEqual(['a', 'b', 'c', 'd']);
    // A conflict at 3 (AppendEntries 3): 3 and 4 go, the leader's entry takes 3.
    d.wrote({ entries: { fromIndex: 3, entries: [e(2, 'C')] } } as never);
    expect(d.lastIndex).toBe(3);
    expect(d.tail.map((x) => (x as { command: string }).command)).toEqual(['a', 'b', 'C']);
    d.wrote({ snapshot: { lastIncludedIndex: 2, lastIncludedTerm: 1 } } as never);
    expect(d.tail.map((x) => (x as { command: string }).command)).toEqual(['C']);
  });

  it('keeps only the last LOG_WINDOW entries', () => {
    const d = new DurableState();
    d.wrote({ entries: { fromIndex: 1, entries: Array.from({ length: LOG_WINDOW + 5 }, (_, i) => e(1, `v${i + 1}`)) } } as never);
    expect(d.tail).toHaveLength(LOG_WINDOW);
    expect((d.tail[0] as { command: string }).command).toBe('v6');
  });
});
