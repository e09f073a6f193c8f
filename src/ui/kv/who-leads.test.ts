import { describe, expect, it } from 'vitest';
import type { NodeView } from '../../runtime';
import { whoLeads } from './ui-client';

const node = (id: number, role: NodeView['role'], term: number): NodeView => ({ id, role, term, status: 'running' }) as NodeView;

/** Issue 12, item 8: a refusal names who leads, or says that nobody does. */
describe('whoLeads', () => {
  it('names the leader the refusing node points to, or the one the page sees when the node does not know', () => {
    const nodes = [node(0, 'follower', 4), node(1, 'leader', 4), node(2, 'follower', 4)];
    expect(whoLeads(0, 1, nodes)).toBe('it points to node 1, the leader of term 4');
    expect(whoLeads(0, null, nodes)).toBe('it knows of no leader; node 1 leads term 4');
    expect(whoLeads(0, 2, nodes)).toBe('it points to node 2; node 1 leads term 4');
  });

  it('says when no node leads', () => {
    expect(whoLeads(0, null, [node(0, 'candidate', 5), node(1, 'follower', 5)])).toBe('it knows of no leader; no node leads now: an election is under way, or no majority can reach each other');
  });
});
