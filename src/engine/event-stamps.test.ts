import { describe, expect, it } from 'vitest';
import { SimEngine } from './sim-engine';
import type { StampedEvent } from './cluster';

/**
 * Rule events are handed to the page in batches, so each carries the virtual ms it happened at
 * (the timeline orders and dates its rows by it). After time travel the engine runs on a copy of
 * its world: the stamps must come from that copy's clock, not the cluster it was built with.
 */
describe('rule event stamps', () => {
  it('date each event by the simulation\'s clock when it happens, also after going back in time', () => {
    const e = new SimEngine({ size: 3, seed: 5, wall: () => 0, checkpointEverySteps: 50, raft: { trace: true } });
    const seen: StampedEvent[] = [];
    e.subscribeEvents((_, events) => seen.push(...events));
    e.advance(3000);
    const first = seen.filter((event) => event.kind === 'becameCandidate' || event.kind === 'becamePreCandidate')[0]!;
    expect(first.at, 'the first campaign happens at its timeout, not at the end of the stretch').toBeLessThan(1000);
    e.seek(0);
    seen.length = 0;
    for (let i = 0; i < 200 && seen.length === 0; i++) e.stepForward();
    expect(seen.length).toBeGreaterThan(0);
    expect(seen[0]!.at).toBe(first.at);
    expect(seen.every((event) => event.at! <= e.now())).toBe(true);
  });
});
