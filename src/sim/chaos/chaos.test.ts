import { describe, expect, it } from 'vitest';
import { chaosReplayCommand, runChaos, type BugName } from './run';

/** Scaled-down chaos for the test command; `npm run chaos -- --seeds 1000` is the soak run. */
describe('chaos (seeded faults, invariants every step, linearizability at the end)', () => {
  for (const nodes of [3, 5, 7]) {
    it(`finds no violation in 12 seeds on ${nodes} nodes`, async () => {
      for (let seed = 1; seed <= 12; seed++) {
        const result = await runChaos({ seed, nodes });
        expect(result.ok, `${result.failure}\nreplay: ${chaosReplayCommand({ seed, nodes })}`).toBe(true);
        expect(result.completed).toBeGreaterThan(20); // the clients made progress, so the check had a history to judge
      }
    });
  }

  it('is a pure function of its seed: a replay gives the same schedule, history and verdict', async () => {
    const first = await runChaos({ seed: 7, nodes: 5 });
    const again = await runChaos({ seed: 7, nodes: 5 });
    expect(again.log).toEqual(first.log);
    expect(again.operations).toBe(first.operations);
    expect(again.ok).toBe(first.ok);
  });

  // Each bug switch must be caught within 200 seeds: proof that the checkers can fail.
  const bugs: BugName[] = ['grantVoteWithoutUpToDate', 'ackBeforePersist', 'forgetVoteOnRestart', 'commitPreviousTermByCount'];
  for (const bug of bugs) for (const nodes of [3, 5]) {
    it(`catches the ${bug} bug within 200 seeds (${nodes} nodes)`, async () => {
      let caught: string | undefined;
      for (let seed = 1; seed <= 200 && !caught; seed++) {
        const result = await runChaos({ seed, nodes, bug });
        if (!result.ok) caught = `seed ${seed}: ${result.failure}`;
      }
      expect(caught, `${bug} went unnoticed for 200 seeds`).toBeDefined();
    }, 120_000);
  }
});
