import { describe, expect, it } from 'vitest';
import { linkConsequence, type LinkModel } from './links';

const link = (ab: LinkModel['ab'], ba: LinkModel['ba']): LinkModel => ({ a: 1, b: 3, ab, ba });

/** A link's "why?" (issue 12, item 5): what its state means for Raft, with the rule. */
describe('linkConsequence', () => {
  it('a cut between the leader and a follower: the follower campaigns after its timeout, or fails its pre-vote', () => {
    expect(linkConsequence(link('cut', 'cut'), 1, false)).toBe('Nothing passes: node 3 stops hearing leader 1\'s heartbeats; after its election timeout it campaigns (§5.2), and may depose the leader if a majority answers.');
    expect(linkConsequence(link('cut', 'cut'), 1, true)).toMatch(/its pre-vote fails while a majority still hears the leader \(thesis §9\.6\)\.$/);
  });

  it('one way only: which direction still passes decides who is deaf', () => {
    // 3 → 1 cut: the follower 3 still hears leader 1, but the leader hears no replies.
    expect(linkConsequence(link(null, 'cut'), 1, false)).toBe('Only node 1 → node 3 passes: node 3 still hears leader 1, but its replies are lost, so the leader cannot count its copies (§5.3).');
    expect(linkConsequence(link('cut', null), 1, false)).toMatch(/^Only node 3 → node 1 passes: node 3 stops hearing leader 1's heartbeats/);
  });

  it('a link between followers, and a link that is up', () => {
    expect(linkConsequence(link('partitioned', 'partitioned'), 0, false)).toMatch(/^Nothing passes: requests and replies across it are lost/);
    expect(linkConsequence(link(null, null), 3, false)).toBe('Node 3 leads: its heartbeats reach node 1 here, which keeps that follower from campaigning (§5.2).');
    expect(linkConsequence(link(null, null), null, false)).toBe('Messages pass both ways, with the network\'s delay and loss.');
  });
});
