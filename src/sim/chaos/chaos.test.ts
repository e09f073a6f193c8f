import { describe, expect, it } from 'vitest';
import { RAFT_PROFILES } from '../../raft/config';
import { chaosReplayCommand, runChaos, type BugName, type CheckName } from './run';
import { drawSwarm } from './swarm';

/** Scaled-down chaos for the test command; `npm run chaos -- --seeds 1000` is the soak run. */
describe('chaos (seeded faults, invariants every step, liveness after the heal, linearizability at the end)', () => {
  for (const nodes of [3, 5, 7]) {
    it(`finds no violation in 12 seeds on ${nodes} nodes`, async () => {
      for (let seed = 1; seed <= 12; seed++) {
        const result = await runChaos({ seed, nodes });
        expect(result.ok, `${result.failure}\nreplay: ${chaosReplayCommand({ seed, nodes })}`).toBe(true);
        expect(result.completed).toBeGreaterThan(20); // the clients made progress, so the check had a history to judge
      }
    });
  }

  it('swarm: the seed picks the size, clients, keys, disk and fault mix, and 15 swarm seeds find no violation', async () => {
    const sizes = new Set<number>();
    for (let seed = 1; seed <= 15; seed++) {
      const result = await runChaos({ seed, nodes: 0, swarm: true });
      sizes.add(result.nodes);
      expect(result.ok, `${result.failure}\nreplay: ${chaosReplayCommand({ seed, nodes: 0, swarm: true })}`).toBe(true);
      expect(result.nodes).toBe(drawSwarm(seed).nodes);
      expect(result.log[0]).toMatch(/^swarm: \d nodes/);
    }
    expect([...sizes].sort()).toEqual([3, 5, 7]);
  });

  it('with the production mechanisms, together and each alone, 8 seeds on 5 nodes find no violation', async () => {
    for (const features of [RAFT_PROFILES.production, { preVote: true }, { checkQuorum: true }, { leadershipTransfer: true }]) {
      for (let seed = 1; seed <= 8; seed++) {
        const result = await runChaos({ seed, nodes: 5, features });
        expect(result.ok, `${result.failure}\nreplay: ${chaosReplayCommand({ seed, nodes: 5, features })}`).toBe(true);
      }
    }
  });

  it('is a pure function of its seed: a replay gives the same full trace (hash of every event), history and verdict', async () => {
    const first = await runChaos({ seed: 7, nodes: 5 });
    const again = await runChaos({ seed: 7, nodes: 5 });
    const other = await runChaos({ seed: 8, nodes: 5 });
    expect(again.traceHash).toBe(first.traceHash);
    expect(other.traceHash).not.toBe(first.traceHash); // the hash does depend on what happened
    expect(again.log).toEqual(first.log);
    expect(again.operations).toBe(first.operations);
    expect(again.ok).toBe(first.ok);
  });

  it('with membership changes (thesis §4) mixed into the faults, 5 seeds on 3, 4 and 5 nodes find no violation, and changes were made', async () => {
    let accepted = 0;
    for (const nodes of [3, 4, 5]) {
      for (let seed = 1; seed <= 5; seed++) {
        const result = await runChaos({ seed, nodes, membership: 'single' });
        expect(result.ok, `${result.failure}\nreplay: ${chaosReplayCommand({ seed, nodes, membership: 'single' })}`).toBe(true);
        accepted += result.membership!.accepted;
      }
    }
    expect(accepted).toBeGreaterThan(15); // on average more than one change a run
  });

  it('with joint consensus (the paper\'s §6) as the method, 4 seeds on 3 and 5 nodes find no violation, and joint changes were made', async () => {
    let accepted = 0;
    for (const nodes of [3, 5]) {
      for (let seed = 1; seed <= 4; seed++) {
        const result = await runChaos({ seed, nodes, membership: 'joint' });
        expect(result.ok, `${result.failure}\nreplay: ${chaosReplayCommand({ seed, nodes, membership: 'joint' })}`).toBe(true);
        accepted += result.membership!.accepted;
        expect(result.log.some((line) => /joint consensus to voters .*: configuration entry/.test(line)) || result.membership!.accepted === 0).toBe(true);
      }
    }
    expect(accepted).toBeGreaterThan(8);
  });

  /**
   * Each bug switch must be caught within 200 seeds, by the check that names what it breaks: proof
   * that the checkers can fail, and that the right one does.
   */
  const expected: Record<BugName, readonly CheckName[]> = {
    grantVoteWithoutUpToDate: ['Leader Completeness'],
    // Acknowledged entries or votes lost in a crash: a broken invariant — first of all a commit
    // counted on copies a majority no longer holds (Commit Quorum) — or a leader that counts
    // entries the follower no longer has and never resends them (it is then stranded).
    ackBeforePersist: ['Commit Quorum', 'Leader Completeness', 'State Machine Safety', 'Election Safety', 'liveness (catch-up)'],
    forgetVoteOnRestart: ['Election Safety'],
    commitPreviousTermByCount: ['Leader Completeness', 'State Machine Safety'],
    conflictBelowSnapshot: ['liveness (catch-up)'],
    wipedNodeVotes: ['Leader Completeness'],
    preVoteBumpsTerm: ['no disruption'],
    readIndexBeforeTermCommit: ['linearizability'],
    leaseWithoutCheckQuorum: ['linearizability'],
  };
  for (const bug of Object.keys(expected) as BugName[]) for (const nodes of [3, 5]) {
    it(`catches the ${bug} bug within 200 seeds (${nodes} nodes), by ${expected[bug].join(' or ')}`, async () => {
      let caught: { seed: number; check?: CheckName; failure?: string } | undefined;
      for (let seed = 1; seed <= 200 && !caught; seed++) {
        const result = await runChaos({ seed, nodes, bug });
        if (!result.ok) caught = { seed, ...(result.caughtBy ? { check: result.caughtBy } : {}), ...(result.failure ? { failure: result.failure } : {}) };
      }
      expect(caught, `${bug} went unnoticed for 200 seeds`).toBeDefined();
      expect(expected[bug], `seed ${caught!.seed}: ${caught!.failure}\nreplay: ${chaosReplayCommand({ seed: caught!.seed, nodes, bug })}`).toContain(caught!.check);
    }, 120_000);
  }
});

/**
 * The single-server change bug (thesis §4.4): a new leader that changes membership before an entry
 * of its term has committed. Caught within 200 seeds with membership changes on, by Leader
 * Completeness: a leader elected in one configuration lacks an entry committed in the other.
 */
describe('chaos with the membership bug switch', () => {
  for (const nodes of [3, 4]) {
    it(`catches configChangeBeforeTermCommit within 200 seeds (${nodes} nodes, --membership), by Leader Completeness`, async () => {
      let caught: { seed: number; check?: CheckName; failure?: string } | undefined;
      for (let seed = 1; seed <= 200 && !caught; seed++) {
        const result = await runChaos({ seed, nodes, membership: 'single', bug: 'configChangeBeforeTermCommit' });
        if (!result.ok) caught = { seed, ...(result.caughtBy ? { check: result.caughtBy } : {}), ...(result.failure ? { failure: result.failure } : {}) };
      }
      expect(caught, 'configChangeBeforeTermCommit went unnoticed for 200 seeds').toBeDefined();
      const replay = chaosReplayCommand({ seed: caught!.seed, nodes, membership: 'single', bug: 'configChangeBeforeTermCommit' });
      expect(caught!.check, `seed ${caught!.seed}: ${caught!.failure}\nreplay: ${replay}`).toBe('Leader Completeness');
    }, 120_000);
  }
});
