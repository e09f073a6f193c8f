import { describe, expect, it } from 'vitest';
import type { Message } from '../raft/messages';
import { Prng } from '../raft/prng';
import { LAB_UNRELIABLE, RELIABLE, SimNetwork, type LinkPolicy } from './network';

/** The simulator's network: the shared model (src/shared/network.ts) over one configuration and the seeded PRNG. */

const vote = (from: number, to: number): Message<unknown> => ({ type: 'RequestVote', from, to, term: 1, lastLogIndex: 0, lastLogTerm: 0 } as Message<unknown>);

describe('SimNetwork', () => {
  it('disables a node by isolating it: it neither sends nor receives, and copies in flight are lost', () => {
    const net = new SimNetwork(3, new Prng(1));
    expect(net.route(vote(0, 1))).toEqual([0]);
    net.setNodeUp(1, false);
    expect(net.isNodeUp(1)).toBe(false);
    expect(net.configuration.isolated).toEqual([false, true, false]);
    expect(net.route(vote(0, 1))).toEqual([]);
    expect(net.arrives(vote(2, 1))).toBe(false);
    net.setNodeUp(1, true);
    expect(net.arrives(vote(2, 1))).toBe(true);
    expect(net.stats).toEqual({ sent: 2, delivered: 1, dropped: 2, requests: 2 });
  });

  it('cuts one direction only, and partitions into groups', () => {
    const net = new SimNetwork(3, new Prng(1));
    net.setLinkCut(0, 1, true);
    expect([net.connected(0, 1), net.connected(1, 0)]).toEqual([false, true]);
    net.setLinkCut(0, 1, false);
    net.partition([[0], [1, 2]]);
    expect([net.connected(0, 1), net.connected(1, 2), net.connected(2, 0)]).toEqual([false, true, false]);
    net.healAll();
    expect(net.connected(2, 0)).toBe(true);
  });

  it('takes the chaos scripts\' fraction policies and gives the same ones back, in percent underneath', () => {
    const net = new SimNetwork(3, new Prng(1));
    const nemesis: LinkPolicy = { dropRate: 0.07, delayMinMs: 2, delayMaxMs: 40, duplicateRate: 0.03 };
    net.requestPolicy = nemesis;
    expect(net.requestPolicy).toBe(nemesis);
    expect(net.configuration.requests).toEqual({ lossPercent: 7, delayMinMs: 2, delayMaxMs: 40, duplicatePercent: 3 });
    expect(net.replyPolicy).toEqual(RELIABLE);
    net.setPolicy({ lossPercent: 10, delayMinMs: 0, delayMaxMs: 26 }, { kinds: 'requests' });
    expect(net.requestPolicy).toEqual({ ...LAB_UNRELIABLE, duplicateRate: 0.03 });
  });

  it('duplicates: a message can arrive twice, each copy with its own delay', () => {
    const net = new SimNetwork(2, new Prng(3));
    net.setPolicy({ duplicatePercent: 100, delayMinMs: 0, delayMaxMs: 50 });
    const delays = net.route(vote(0, 1));
    expect(delays).toHaveLength(2);
    for (const d of delays) expect(d).toBeGreaterThanOrEqual(0);
  });
});
