import { runScenario } from '../lab/scenario';
import { LAB_TESTS } from '../lab/suite';
import { fullName, type LabContext } from '../lab/types';
import type { ConfigOverrides } from '../raft/config';
import { WorkerCluster, type WorkerLike } from './cluster';
import { WorkerLabGroup } from './lab-group';

export interface BrowserLabResult {
  readonly test: string;
  readonly seed: number;
  readonly ok: boolean;
  readonly error?: string;
  readonly wallMs: number;
}

export interface BrowserLabOptions {
  readonly seed?: number;
  readonly raft?: ConfigOverrides;
  readonly spawnWorker?: (id: number) => WorkerLike;
}

let runs = 0;

/** The names of the lab's 21 tests ("part2.basic_agree", …). */
export function labTestNames(): string[] {
  return LAB_TESTS.map(fullName);
}

/**
 * Run one of the lab's scenarios, unchanged, against real workers in real time. Each group gets
 * fresh databases of its own, removed afterwards.
 */
export async function runLabTestOnWorkers(name: string, options: BrowserLabOptions = {}): Promise<BrowserLabResult> {
  const test = LAB_TESTS.find((t) => fullName(t) === name);
  if (!test) throw new Error(`no lab test named ${name}; known: ${labTestNames().join(', ')}`);
  const seed = options.seed ?? 1;
  const run = ++runs;
  const clusters: WorkerCluster[] = [];
  const ctx = {
    seed,
    createGroup({ nodes, machine }: { nodes: number; machine?: 'kv' | 'list' }) {
      const cluster = new WorkerCluster({
        size: nodes, machine: machine ?? 'list', seed: seed + clusters.length,
        // A name no earlier run used, so the group starts from empty storage (the lab's rule).
        namespace: `lab-${name}-${performance.timeOrigin.toFixed(0)}-${run}-${clusters.length}`,
        raft: { trace: false, ...options.raft },
        ...(options.spawnWorker ? { spawnWorker: options.spawnWorker } : {}),
      });
      clusters.push(cluster);
      return new WorkerLabGroup(cluster.start(), seed);
    },
  } as unknown as LabContext;
  const { error, wallMs } = await runScenario(test, ctx);
  await Promise.all(clusters.map((c) => c.destroy({ deleteStorage: true }).catch(() => undefined)));
  return { test: name, seed, ok: error === undefined, ...(error !== undefined ? { error } : {}), wallMs };
}
