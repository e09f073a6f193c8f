import { describe, expect, it } from 'vitest';
import { replayCommand, runLabTest } from './run';
import { LAB_TESTS } from './suite';
import { fullName } from './types';

/** The lab's 21 tests under the simulator, each with several seeds (npm run grade runs more). */
const SEEDS = [1, 2, 3, 4, 5];

describe('the lab suite (virtual time)', () => {
  it('has the lab\'s 21 tests worth 100 points', () => {
    expect(LAB_TESTS.length).toBe(21);
    expect(LAB_TESTS.reduce((sum, t) => sum + t.points, 0)).toBe(100);
  });

  for (const test of LAB_TESTS) {
    it.each(SEEDS)(`${fullName(test)} (seed %i)`, async (seed) => {
      const result = await runLabTest(test, seed);
      const why = `${result.error}\nseed ${seed}; replay: ${replayCommand(test, seed)}`;
      expect(result.ok, why).toBe(true);
    });
  }
});
