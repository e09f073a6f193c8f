import { createGroup, type Group, type GroupOptions } from '../sim/harness';
import { runScenario } from './scenario';
import { fullName, type LabContext, type LabTest } from './types';

export interface LabRunOptions {
  /** Check Figure 3's invariants after every step (default on). */
  readonly checkInvariants?: boolean;
  /** Raft config overrides (bug switches, timing). */
  readonly config?: GroupOptions['config'];
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
}

/** Run one lab test under the simulator. The outcome is a pure function of (test, seed). */
export async function runLabTest(test: LabTest, seed: number, options: LabRunOptions = {}): Promise<LabRunResult> {
  const groups: Group<unknown, unknown>[] = [];
  const ctx = {
    seed,
    createGroup(groupOptions: { nodes: number; machine?: 'list' | 'kv' }) {
      const group = createGroup({ ...groupOptions, seed, ...options } as GroupOptions);
      groups.push(group as Group<unknown, unknown>);
      return group;
    },
  } as LabContext;
  const { error, wallMs } = await runScenario(test, ctx);
  const virtualMs = groups.reduce((sum, g) => sum + g.now, 0);
  const steps = groups.reduce((sum, g) => sum + g.cluster.scheduler.steps, 0);
  return { test: fullName(test), seed, ok: error === undefined, ...(error !== undefined ? { error } : {}), wallMs, virtualMs, steps };
}

/** The command that replays one run exactly. */
export function replayCommand(test: LabTest, seed: number): string {
  return `npm run lab -- ${test.part} ${test.name} --seed ${seed}`;
}
