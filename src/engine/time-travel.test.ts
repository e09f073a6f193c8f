import { describe, expect, it } from 'vitest';
import type { KvCommand } from '../kv/types';
import { Prng } from '../raft/prng';
import type { ProposalOutcome } from '../raft/node';
import { setDuplication } from './cluster';
import { fingerprint } from './fingerprint';
import type { RunFile } from './run';
import { parseRunFile } from './run-file';
import { CANCELLED_BY_TIME_TRAVEL, SimEngine, type SimEngineOptions } from './sim-engine';

/**
 * Time travel and runs as data (issue 9, items 3 and 5): a run is its seed plus what the user did
 * when, so going back to any moment (a checkpoint restored, the recorded run replayed) and a run
 * replayed from its file reach exactly the states the straight run went through.
 */

const SLICE_MS = 100;
const RUN_MS = 16_000;

function engine(options: Partial<SimEngineOptions> = {}): SimEngine {
  return new SimEngine({ size: 5, seed: 21, wall: () => 0, checkpointEverySteps: 150, ...options });
}

function leaderOf(e: SimEngine): number | null {
  return e.getState().nodes.find((v) => v.role === 'leader' && v.status === 'running')?.id ?? null;
}

/**
 * A run with everything that could go wrong in a copy: puts and reads through the log, loss and
 * duplication, a crash with writes in flight, a partition and its healing, a wiped node, a
 * snapshot, a forced election, new timing. Returns the fingerprint after each slice, by virtual time.
 */
function scriptedRun(e: SimEngine, untilMs = RUN_MS): Map<number, string> {
  const seen = new Map<number, string>();
  const prng = new Prng(99);
  for (let t = SLICE_MS; t <= untilMs; t += SLICE_MS) {
    const leader = leaderOf(e);
    if (leader !== null && t % 200 === 0) {
      for (let i = prng.int(3); i >= 0; i--) void e.propose<KvCommand>(leader, { op: 'put', key: `k${prng.int(8)}`, value: String(t + i) });
      if (prng.chance(0.3)) void e.propose(leader, { op: 'get', key: 'k1' }, { read: true });
    }
    if (t === 3000) { e.setLoss(10); setDuplication(e, 8); }
    if (t === 4500) e.crash((leader ?? 0 + 1) % 5);
    if (t === 6000) e.partition([[0, 1], [2, 3, 4]]);
    if (t === 8500) e.healPartition();
    if (t === 9000) for (const v of e.getState().nodes) if (v.status === 'crashed') void e.restart(v.id);
    if (t === 10_000) void e.resetNode(2);
    if (t === 11_000 && leader !== null) void e.saveSnapshot(leader);
    if (t === 12_000) e.forceElectionTimeout(3);
    if (t === 13_000) e.setTiming({ heartbeatMs: 120 });
    if (t === 14_000) e.setAutoCompact(20);
    e.advance(0); // the proposals of this moment go in (and what is due at once happens)
    seen.set(t - SLICE_MS, fingerprint(e));
    e.advance(SLICE_MS);
  }
  seen.set(untilMs, fingerprint(e));
  return seen;
}

/** Every slice's moment, in an order that jumps back and forth (seeded). */
function shuffled(times: number[], seed: number): number[] {
  const prng = new Prng(seed);
  const order = [...times];
  for (let i = order.length - 1; i > 0; i--) {
    const j = prng.int(i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

describe('time travel in the simulated engine', () => {
  it('seeking back and forth reaches the very states the straight run went through (crashes, partitions, loss, duplication, proposals)', () => {
    const e = engine();
    const seen = scriptedRun(e);
    const times = [...seen.keys()];
    for (const t of shuffled(times, 5).slice(0, 60)) {
      e.seek(t);
      expect(e.now()).toBe(t);
      expect(fingerprint(e), `at ${t} ms`).toBe(seen.get(t));
    }
    const run = e.position();
    expect(run.endAt).toBe(RUN_MS);
    expect(run.forks).toBe(0);
  });

  it('a state carries the run position: in the past after going back, at the end again after coming forward', () => {
    const e = engine();
    scriptedRun(e, 4000);
    expect(e.getState().run).toMatchObject({ at: 4000, endAt: 4000, inPast: false, forks: 0 });
    e.seek(1500);
    expect(e.getState().run).toMatchObject({ at: 1500, endAt: 4000, inPast: true });
    expect(e.getState().clock).toMatchObject({ paused: true, anchorVirtualMs: 1500 });
    e.seek(4000);
    expect(e.getState().run).toMatchObject({ at: 4000, endAt: 4000, inPast: false });
    e.seek(5000); // beyond the end: the run goes on
    expect(e.getState().run).toMatchObject({ at: 5000, endAt: 5000, inPast: false });
  });

  it('keeps its checkpoints bounded over a long run (every other one goes, the interval doubles)', () => {
    const e = engine({ checkpointEverySteps: 8 });
    const seen = scriptedRun(e, 6000);
    const checkpoints = (e as unknown as { checkpoints: { count: number; interval: number } }).checkpoints;
    expect(checkpoints.count).toBeLessThanOrEqual(48);
    expect(checkpoints.interval).toBeGreaterThan(8);
    for (const t of [5900, 300, 3100, 4500, 100]) {
      e.seek(t);
      expect(fingerprint(e), `at ${t} ms`).toBe(seen.get(t));
    }
  });

  it('stepBack and stepForward land on adjacent items of the run: one event or one action each', () => {
    const e = engine();
    scriptedRun(e, 5000);
    e.seek(4400);
    const states: string[] = [fingerprint(e)];
    const positions = [e.position()];
    for (let i = 0; i < 40; i++) {
      e.stepForward();
      states.push(fingerprint(e));
      positions.push(e.position());
    }
    for (let i = 1; i < positions.length; i++) {
      expect(positions[i]!.step - positions[i - 1]!.step, `item ${i}`).toBeLessThanOrEqual(1);
      expect(positions[i]!.at).toBeGreaterThanOrEqual(positions[i - 1]!.at);
    }
    expect(positions[40]!.step - positions[0]!.step).toBeGreaterThan(30); // mostly events; the rest user actions
    for (let i = 39; i >= 0; i--) {
      e.stepBack();
      expect(fingerprint(e), `${i} items after 4400 ms`).toBe(states[i]);
    }
    e.stepForward();
    expect(fingerprint(e)).toBe(states[1]);
  });

  it('two engines from one run file reach identical node states at the same virtual time', () => {
    const original = engine();
    const seen = scriptedRun(original, 9000);
    const file = original.exportRun();
    const a = new SimEngine({ size: 1, seed: 0, wall: () => 0, run: file });
    const b = new SimEngine({ size: 1, seed: 0, wall: () => 0, run: file });
    expect(a.now()).toBe(9000);
    expect(a.getState().clock.paused).toBe(true);
    expect(fingerprint(a)).toBe(fingerprint(b));
    expect(fingerprint(a)).toBe(seen.get(9000));
    for (const t of [2000, 6500, 4700]) {
      a.seek(t);
      b.seek(t);
      expect(fingerprint(a), `at ${t} ms`).toBe(seen.get(t));
      expect(fingerprint(b)).toBe(fingerprint(a));
    }
  });

  it('export → JSON → parse → replay equals the original run, and exports the same file again', () => {
    const original = engine({ seed: 4 });
    const seen = scriptedRun(original, 12_000);
    const file = original.exportRun();
    expect(file.actions.length).toBeGreaterThan(40);
    expect(file.actions.every((a) => a.step !== null)).toBe(true);
    const parsed = parseRunFile(JSON.stringify(file));
    const replay = new SimEngine({ size: 3, seed: 1, wall: () => 0, run: parsed });
    expect(fingerprint(replay)).toBe(seen.get(12_000));
    replay.seek(7000);
    expect(fingerprint(replay)).toBe(seen.get(7000));
    expect(JSON.stringify(replay.exportRun())).toBe(JSON.stringify(file));
  });

  it('a run opened from a file keeps its note when exported again (nothing the file said is lost), unless a new one is given', () => {
    const original = engine({ seed: 4 });
    scriptedRun(original, 3000);
    const file = original.exportRun('model checker: grantVoteWithoutUpToDate');
    const replay = new SimEngine({ size: 3, seed: 1, wall: () => 0, run: parseRunFile(JSON.stringify(file)) });
    expect(replay.exportRun().note).toBe('model checker: grantVoteWithoutUpToDate');
    expect(replay.exportRun('lesson: replication').note).toBe('lesson: replication');
  });

  it('acting in the past forks: the old future is dropped, the new action recorded, and the new run replays to its own states', () => {
    const e = engine();
    scriptedRun(e, 8000);
    const before = e.exportRun();
    e.seek(5000);
    e.crash(0);
    expect(e.position()).toMatchObject({ at: 5000, endAt: 5000, inPast: false, forks: 1 });
    const forked = e.exportRun();
    const kept = before.actions.filter((a) => a.at <= 5000);
    expect(forked.actions.slice(0, -1)).toEqual(kept);
    expect(forked.actions.at(-1)).toMatchObject({ at: 5000, action: { type: 'crash', node: 0 } });
    const newFuture = new Map<number, string>();
    for (let t = 5500; t <= 8000; t += 500) {
      e.seek(t);
      newFuture.set(t, fingerprint(e));
    }
    const replay = new SimEngine({ size: 5, seed: 0, wall: () => 0, run: e.exportRun() });
    for (const [t, state] of newFuture) {
      replay.seek(t);
      expect(fingerprint(replay), `at ${t} ms`).toBe(state);
    }
    const old = new SimEngine({ size: 5, seed: 0, wall: () => 0, run: before });
    old.seek(8000);
    expect(fingerprint(old)).not.toBe(newFuture.get(8000));
  });

  it('a command still open when the run goes back is answered once, cancelled; the replay does not answer it again', async () => {
    const e = engine();
    e.advance(2000);
    const leader = leaderOf(e)!;
    e.isolate(leader); // the put cannot commit
    const outcomes: ProposalOutcome<unknown>[] = [];
    const proposal = await e.propose(leader, { op: 'put', key: 'x', value: '1' });
    expect(proposal.placed).not.toBeNull();
    void proposal.outcome!.then((outcome) => outcomes.push(outcome));
    e.advance(500);
    e.seek(1000);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(outcomes).toEqual([{ ok: false, index: 0, term: 0, reason: CANCELLED_BY_TIME_TRAVEL }]);
    e.seek(2500); // the recorded put is replayed; nobody waits for it any more
    e.rejoin(leader);
    e.advance(3000);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(outcomes).toHaveLength(1);
  });

  it('replays a run recorded by the live engine (actions without steps) at their virtual times', () => {
    const { endStep: _recorded, ...exported } = engine().exportRun(); // the live engine's files have no steps
    const live: RunFile = { ...exported, endAt: 3000, actions: [
      { at: 1500, step: null, action: { type: 'crash', node: 1 } },
      { at: 2200.5, step: null, action: { type: 'setNetwork', network: { ...engine().getNetwork(), requests: { lossPercent: 20, delayMinMs: 1, delayMaxMs: 5 } } } },
    ] };
    const a = new SimEngine({ size: 5, seed: 0, wall: () => 0, run: live });
    const b = new SimEngine({ size: 5, seed: 0, wall: () => 0, run: live });
    expect(a.now()).toBe(3000);
    expect(a.getState().nodes[1]!.status).toBe('crashed');
    expect(fingerprint(a)).toBe(fingerprint(b));
    // Replayed here, they are pinned to the step they ran after: the export replays exactly.
    const exact = a.exportRun();
    expect(exact.actions.map((x) => x.step)).toEqual([expect.any(Number), expect.any(Number)]);
    expect(fingerprint(new SimEngine({ size: 5, seed: 0, wall: () => 0, run: exact }))).toBe(fingerprint(a));
  });

  it('goes back across a reset that resized the cluster, and forward again to the same states', () => {
    const e = engine();
    const seen = new Map<number, string>();
    for (let t = 500; t <= 6000; t += 500) {
      if (t === 2500) void e.reset({ size: 3 });
      if (t === 4000) e.crash(2);
      e.advance(500);
      seen.set(t, fingerprint(e));
    }
    for (const t of [1500, 5500, 1000, 3000, 6000]) { // the reset is at 2000 ms, the crash at 3500 ms
      e.seek(t);
      expect(e.size, `at ${t} ms`).toBe(t < 2000 ? 5 : 3);
      expect(fingerprint(e), `at ${t} ms`).toBe(seen.get(t));
    }
    expect(e.getState().generation).toBe(1);
  });
});
