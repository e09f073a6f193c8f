import { describe, expect, it } from 'vitest';
import { Prng } from '../raft/prng';
import {
  checkPolicy, healAll, initialNetwork, linkDown, partition, route, setIsolated, setLinkCut, setPolicy, type NetworkConfig,
} from './network';

/**
 * The one network model the simulator and every worker apply: cuts, isolation, partitions, loss,
 * delay and duplication, from a seeded PRNG.
 */

const five = initialNetwork(5);

function lossRate(config: NetworkConfig, seed: number, from = 0, to = 1, request = true, n = 20_000): number {
  const prng = new Prng(seed);
  let lost = 0;
  for (let i = 0; i < n; i++) if (!route(config, prng, from, to, request).deliver) lost++;
  return lost / n;
}

describe('network model', () => {
  it('cuts a link both ways, or only one way, and heals it', () => {
    const both = setLinkCut(five, 0, 1, true);
    expect([linkDown(both, 0, 1), linkDown(both, 1, 0), linkDown(both, 0, 2)]).toEqual(['cut', 'cut', null]);
    const oneWay = setLinkCut(five, 0, 1, true, true);
    expect([linkDown(oneWay, 0, 1), linkDown(oneWay, 1, 0)]).toEqual(['cut', null]);
    expect(linkDown(setLinkCut(both, 1, 0, false), 0, 1)).toBeNull();
    expect(five.cut[0]![1]).toBe(false); // edits return new configurations
  });

  it('isolates a node from everyone, in both directions', () => {
    const config = setIsolated(five, 3, true);
    for (let other = 0; other < 5; other++) {
      if (other === 3) continue;
      expect(linkDown(config, 3, other)).toBe('isolated');
      expect(linkDown(config, other, 3)).toBe('isolated');
      expect(linkDown(config, other, (other + 1) % 5 === 3 ? 4 : (other + 1) % 5)).toBeNull();
    }
  });

  it('partitions into groups that talk only among themselves', () => {
    const config = partition(five, [[0, 1], [2, 3, 4]]);
    expect(linkDown(config, 0, 1)).toBeNull();
    expect(linkDown(config, 2, 4)).toBeNull();
    expect(linkDown(config, 1, 2)).toBe('partitioned');
    expect(linkDown(config, 4, 0)).toBe('partitioned');
    expect(() => partition(five, [[0, 1], [1, 2, 3, 4]])).toThrow(/more than one/);
    expect(() => partition(five, [[0, 1], [2, 3]])).toThrow(/node 4 is in no partition group/);
    expect(linkDown(healAll(config), 1, 2)).toBeNull();
  });

  it('drops what a down link carries, with the reason, without drawing from the PRNG', () => {
    const prng = new Prng(1);
    expect(route(setIsolated(five, 1, true), prng, 0, 1, true)).toEqual({ deliver: false, reason: 'isolated' });
    expect(route(setLinkCut(five, 0, 1, true), prng, 0, 1, false)).toEqual({ deliver: false, reason: 'cut' });
    expect(prng.nextUint32()).toBe(new Prng(1).nextUint32());
  });

  it('loses about the configured percentage, globally or on one link only', () => {
    expect(lossRate(setPolicy(five, { lossPercent: 20 }), 7)).toBeCloseTo(0.2, 1);
    expect(lossRate(five, 7)).toBe(0);
    const oneLink = setPolicy(five, { lossPercent: 50 }, { link: [0, 1] });
    expect(lossRate(oneLink, 7, 0, 1)).toBeCloseTo(0.5, 1);
    expect(lossRate(oneLink, 7, 1, 0)).toBe(0);
    // The lab's unreliable mode touches requests only.
    const requestsOnly = setPolicy(five, { lossPercent: 10 }, { kinds: 'requests' });
    expect(lossRate(requestsOnly, 7, 0, 1, true)).toBeCloseTo(0.1, 1);
    expect(lossRate(requestsOnly, 7, 0, 1, false)).toBe(0);
  });

  it('delays within the configured range, the same way for the same seed', () => {
    const config = setPolicy(five, { delayMinMs: 5, delayMaxMs: 50 });
    const draw = (seed: number) => {
      const prng = new Prng(seed);
      return Array.from({ length: 1000 }, () => {
        const r = route(config, prng, 2, 3, true);
        return r.deliver ? r.delayMs : NaN;
      });
    };
    const delays = draw(3);
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(5);
    expect(Math.max(...delays)).toBeLessThanOrEqual(50);
    expect(Math.max(...delays) - Math.min(...delays)).toBeGreaterThan(40);
    expect(draw(3)).toEqual(delays);
    expect(draw(4)).not.toEqual(delays);
  });

  it('rejects impossible settings', () => {
    expect(() => setPolicy(five, { lossPercent: 101 })).toThrow(RangeError);
    expect(() => setPolicy(five, { delayMinMs: 10, delayMaxMs: 5 })).toThrow(/min <= max/);
    expect(() => setLinkCut(five, 0, 5, true)).toThrow(/no node 5/);
  });

  it('duplicates about the configured percentage, each copy with a delay of its own', () => {
    const config = setPolicy(five, { duplicatePercent: 30, delayMinMs: 0, delayMaxMs: 100 });
    const prng = new Prng(11);
    let twice = 0;
    let overtaken = 0;
    for (let i = 0; i < 20_000; i++) {
      const r = route(config, prng, 0, 1, false);
      if (!r.deliver) throw new Error('nothing is lost at 0% loss');
      if (r.duplicateDelayMs === undefined) continue;
      twice++;
      if (r.duplicateDelayMs < r.delayMs) overtaken++;
      expect(r.duplicateDelayMs).toBeGreaterThanOrEqual(0);
      expect(r.duplicateDelayMs).toBeLessThanOrEqual(100);
    }
    expect(twice / 20_000).toBeCloseTo(0.3, 1);
    expect(overtaken).toBeGreaterThan(0); // a copy can arrive before the original: reordering
    expect(route(five, new Prng(11), 0, 1, false)).toEqual({ deliver: true, delayMs: 0 });
  });

  it('draws in a fixed order, each draw only when its setting matters: loss, delay, duplicate, the copy\'s delay', () => {
    const policy = { lossPercent: 10, delayMinMs: 3, delayMaxMs: 26, duplicatePercent: 50 };
    const config = setPolicy(five, policy);
    const routed = new Prng(5);
    const byHand = new Prng(5);
    for (let i = 0; i < 500; i++) {
      const r = route(config, routed, 1, 2, true);
      // The same draws, written out: chance(loss), between(min, max), chance(dup), between(min, max).
      if (byHand.chance(0.1)) {
        expect(r).toEqual({ deliver: false, reason: 'loss' });
        continue;
      }
      const delayMs = byHand.between(3, 26);
      const expected = byHand.chance(0.5) ? { deliver: true, delayMs, duplicateDelayMs: byHand.between(3, 26) } : { deliver: true, delayMs };
      expect(r).toEqual(expected);
    }
    // A fixed delay and no loss draw nothing at all.
    const quiet = new Prng(9);
    route(setPolicy(five, { delayMinMs: 7, delayMaxMs: 7 }), quiet, 0, 1, true);
    expect(quiet.nextUint32()).toBe(new Prng(9).nextUint32());
  });

  it('writes no duplication as no field, so a policy without it reads as before', () => {
    expect(checkPolicy({ lossPercent: 5, delayMinMs: 1, delayMaxMs: 2, duplicatePercent: 0 })).toEqual({ lossPercent: 5, delayMinMs: 1, delayMaxMs: 2 });
    expect(Object.keys(setPolicy(five, { lossPercent: 60 }).requests)).toEqual(['lossPercent', 'delayMinMs', 'delayMaxMs']);
    expect(() => setPolicy(five, { duplicatePercent: -1 })).toThrow(/duplication must be 0–100%/);
  });
});
