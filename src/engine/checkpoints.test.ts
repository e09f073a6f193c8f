import { describe, expect, it } from 'vitest';
import { Checkpoints, MAX_CHECKPOINTS } from './checkpoints';

/** The checkpoints' bounds, with worlds that are just numbers (their weight). */
describe('Checkpoints', () => {
  const at = (step: number): { at: number; step: number; actions: number } => ({ at: step, step, actions: 0 });

  it('keeps one every interval, and finds the latest at or before a moment', () => {
    const checkpoints = new Checkpoints<number>((w) => w, () => 1, 100);
    for (let step = 0; step <= 1000; step += 10) if (checkpoints.due(at(step))) checkpoints.add(at(step), step);
    expect(checkpoints.count).toBe(11);
    expect(checkpoints.beforeTime(555)?.world).toBe(500);
    expect(checkpoints.beforeItem(99)?.world).toBe(0);
    checkpoints.dropAfter(at(420));
    expect(checkpoints.beforeTime(10_000)?.world).toBe(400);
  });

  it('past MAX_CHECKPOINTS or past its weight, drops every other one (the first stays) and doubles the interval', () => {
    const byCount = new Checkpoints<number>((w) => w, () => 1, 10);
    for (let step = 0; step <= 10 * (MAX_CHECKPOINTS + 5); step += 10) if (byCount.due(at(step))) byCount.add(at(step), step);
    expect(byCount.count).toBeLessThanOrEqual(MAX_CHECKPOINTS);
    expect(byCount.interval).toBe(20);
    expect(byCount.beforeTime(0)?.world).toBe(0);

    const byWeight = new Checkpoints<number>((w) => w, (w) => w, 10, 1000);
    for (let step = 0; step <= 400; step += 10) if (byWeight.due(at(step))) byWeight.add(at(step), step);
    expect(byWeight.totalWeight).toBeLessThanOrEqual(1000);
    expect(byWeight.count).toBeGreaterThanOrEqual(2);
    expect(byWeight.beforeTime(0)?.world).toBe(0);
  });
});
