import { createGroup, type Group, type GroupOptions } from '../sim/harness';
import type { RunFile } from '../engine/run';
import type { LabRecording } from './recording';
import { runScenario } from './scenario';
import { fullName, type LabContext, type LabTest } from './types';

export interface LabRunOptions {
  /** Check Figure 3's invariants after every step (default on). */
  readonly checkInvariants?: boolean;
  /** Raft config overrides (bug switches, timing). */
  readonly config?: GroupOptions['config'];
  /** Record the run into this (recording.ts): a run file the page replays. */
  readonly record?: LabRecording;
}

export interface LabRunResult {
  readonly test: string;
  readonly seed: number;
  readonly ok: boolean;
  readonly error?: string;
  readonly wallMs: number;
  /** Virtual time the scenario took, in ms. */
  readonly virtualMs: number;
  readonly steps: number;
  /** With `record`: the run, which the simulated engine replays to the same states. */
  readonly run?: RunFile;
}

/** Run one lab test under the simulator. The outcome is a pure function of (test, seed). */
export async function runLabTest(test: LabTest, seed: number, options: LabRunOptions = {}): Promise<LabRunResult> {
  const groups: Group<unknown, unknown>[] = [];
  const recording = options.record ?? null;
  const ctx = {
    seed,
    createGroup(groupOptions: { nodes: number; machine?: 'list' | 'kv' }) {
      const { record: _, ...rest } = options;
      const group = createGroup({ ...groupOptions, seed, ...rest, ...(recording ? { observer: recording } : {}) } as GroupOptions) as Group<unknown, unknown>;
      recording?.attach(group, { ...groupOptions, ...(options.config ? { config: options.config } : {}) });
      groups.push(group);
      return group;
    },
  } as LabContext;
  const { error, wallMs } = await runScenario(test, ctx);
  const virtualMs = groups.reduce((sum, g) => sum + g.now, 0);
  const steps = groups.reduce((sum, g) => sum + g.cluster.scheduler.steps, 0);
  const name = fullName(test);
  const run = recording?.file(name, error === undefined ? `Pass (${name})` : `Fail (${name}): ${error.split('\n')[0]}`);
  return { test: name, seed, ok: error === undefined, ...(error !== undefined ? { error } : {}), wallMs, virtualMs, steps, ...(run ? { run } : {}) };
}

/** The command that replays one run exactly. */
export function replayCommand(test: LabTest, seed: number): string {
  return `npm run lab -- ${test.part} ${test.name} --seed ${seed}`;
}
