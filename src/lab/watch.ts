import type { RunFile } from '../engine/run';
import { LabRecording } from './recording';
import { replayCommand, runLabTest } from './run';
import { LAB_TESTS } from './suite';
import { fullName } from './types';

/** How a lab test run in the page went, and how to run the same in a terminal. */
export interface LabOutcome {
  /** "part2.fail_agree" */
  readonly test: string;
  readonly description: string;
  readonly seed: number;
  readonly ok: boolean;
  /** The test's failure, as the terminal prints it. */
  readonly error?: string;
  /** `npm run lab -- part2 fail_agree --seed 7`: the same run in a terminal. */
  readonly command: string;
  /** Virtual ms the test took (its run ends there). */
  readonly endAt: number;
}

/** The lab's tests as the page lists them: name ("part2.fail_agree") and what each checks. */
export function labTestList(): { readonly name: string; readonly description: string }[] {
  return LAB_TESTS.map((test) => ({ name: fullName(test), description: test.description }));
}

/**
 * Run lab test `name` ("part2.fail_agree") with `seed` exactly as `npm run lab` does, recording it:
 * the run file the simulated engine replays to the same states (recording.ts), and the outcome.
 */
export async function recordLabRun(name: string, seed: number): Promise<{ run: RunFile; outcome: LabOutcome }> {
  const test = LAB_TESTS.find((t) => fullName(t) === name);
  if (!test) throw new Error(`no lab test named "${name}"; known tests: ${LAB_TESTS.map(fullName).join(', ')}`);
  const recording = new LabRecording();
  const result = await runLabTest(test, seed, { record: recording });
  const outcome: LabOutcome = {
    test: name, description: test.description, seed, ok: result.ok, ...(result.error !== undefined ? { error: result.error } : {}),
    command: replayCommand(test, seed), endAt: result.run!.endAt,
  };
  return { run: result.run!, outcome };
}
