import { describe, expect, it } from 'vitest';
import { simFingerprint } from '../engine/fingerprint';
import { parseRunFile } from '../engine/run-file';
import { SimEngine } from '../engine/sim-engine';
import { LabRecording } from './recording';
import { runLabTest } from './run';
import { LAB_TESTS } from './suite';
import { fullName } from './types';

/**
 * A lab test recorded as a run file (issue 9, item 7) is the same run when the simulated engine
 * replays it: every node's core, storage and state machine, the network and what is pending match
 * the harness's cluster at the test's end — for all 21 tests, on several seeds.
 */
describe('lab tests recorded as runs', () => {
  for (const test of LAB_TESTS) {
    it(`${fullName(test)}: the engine's replay ends where the test's cluster ended`, async () => {
      for (const seed of [1, 2, 3]) {
        const recording = new LabRecording();
        const result = await runLabTest(test, seed, { record: recording });
        expect(result.ok, `${fullName(test)} seed ${seed}: ${result.error}`).toBe(true);
        const run = parseRunFile(JSON.stringify(result.run));
        expect(run.actions.at(-1)?.action).toEqual({ type: 'note', text: `Pass (${fullName(test)})` });
        const group = recording.recorded!;
        const engine = new SimEngine({ size: run.start.size, seed, run, wall: () => 0 });
        expect(simFingerprint(engine.simulation, 0), `${fullName(test)} seed ${seed}`).toBe(simFingerprint(group.cluster, group.driver.wakeSteps));
      }
    });
  }
});
