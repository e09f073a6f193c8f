import { describe, expect, it } from 'vitest';
import type { NodeView } from '../../runtime';
import { entryFacts } from './entry-facts';

const view = (id: number, fields: Partial<NodeView> & { entries?: [number, number, string][] }): NodeView => {
  const entries = fields.entries ?? [];
  return {
    id, incarnation: 1, status: 'running', error: null, at: 0, role: 'follower', term: 3, votedFor: null, recovering: false, leaderId: null,
    commitIndex: 0, lastApplied: 0, progress: [], votes: [], machine: null, numAppendLogs: 0,
    timer: { electionDeadline: Infinity, electionSetAt: 0, heartbeatDeadline: Infinity },
    counters: { sent: 0, delivered: 0, requests: 0, dropped: {} },
    durable: { term: 3, votedFor: null, recovering: false, lastIndex: entries.length, snapshotIndex: 0, snapshotTerm: 0, writing: false },
    log: { lastIndex: entries.length, lastTerm: entries.at(-1)?.[1] ?? 0, snapshotIndex: 0, snapshotTerm: 0, stableIndex: entries.length,
      window: entries.map(([index, term, command]) => ({ index, term, command })) },
    ...fields,
  } as NodeView;
};

/** Issue 12, items 3 and 8: an entry's status in words, the same as its cell says. */
describe('entryFacts', () => {
  it('says why an earlier term\'s entry on a majority waits (§5.4.2), and who holds it', () => {
    const entries: [number, number, string][] = [[1, 1, 'put x=1']];
    const leader = view(0, { role: 'leader', entries, progress: [
      { peer: 1, nextIndex: 2, matchIndex: 1, inflight: false }, { peer: 2, nextIndex: 1, matchIndex: 0, inflight: false },
    ] });
    const nodes = [leader, view(1, { entries }), view(2, {})];
    const facts = entryFacts(nodes, 1, 1, false, 'IndexedDB')!;
    expect(facts.title).toBe('Node 1, index 1');
    expect(facts.command).toBe('put x=1');
    const text = Object.fromEntries(facts.facts.map((f) => [f.label, f.text]));
    expect(text.Committed).toMatch(/^not yet: on a majority, but from term 1: entries of earlier terms commit only together with one of the leader's term 3 \(§5\.4\.2\)/);
    expect(text.Copies).toBe('nodes 0, 1: 2 of 3, as leader 0 knows from its matchIndex (§5.3)');
    expect(text.Durable).toBe('yes: written to IndexedDB');
  });

  it('a down node\'s entry is what its storage holds; an index past its log has none', () => {
    const down = view(1, { status: 'crashed', entries: [[1, 2, 'put y=2']] });
    const facts = entryFacts([down], 1, 1, false, 'IndexedDB')!;
    expect(facts.facts.map((f) => f.label)).toEqual(['Entry', 'Where']);
    expect(facts.facts[1]!.text).toMatch(/^in IndexedDB: the node is down/);
    expect(entryFacts([down], 1, 5, false, 'IndexedDB')!.facts[0]!.text).toBe('none: the node\'s log ends at 1');
  });
});
