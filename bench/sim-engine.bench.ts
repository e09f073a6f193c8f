import { SimEngine } from '../src/engine/sim-engine';
import { runIfMain, type BenchLine } from './types';

/**
 * The simulated engine (src/engine/sim-engine.ts) running as fast as it can, not animating: how
 * much virtual time passes per real second for 5 nodes under KV load (the target: ≥ 200×
 * real time). The load is an open-loop client sending `putsPerSecond` puts (virtual time) to the
 * leader over 10 keys, as the page's clients would; the engine runs in slices of 50 virtual ms (as
 * a worker running "at once" would), with or without the page's streams attached. A last line
 * saturates the cluster instead (a closed loop, 32 puts in flight): its capacity in puts per real
 * second, which no ratio target applies to.
 */
interface Load {
  readonly putsPerSecond?: number;
  readonly window?: number;
  readonly listeners: boolean;
}

const VIRTUAL_MS = 60_000;
const SLICE_MS = 50;

async function run(load: Load): Promise<{ ratio: number; committed: number; wallMs: number }> {
  const engine = new SimEngine({ size: 5, seed: 42, raft: { trace: load.listeners } });
  if (load.listeners) {
    engine.subscribe(() => undefined);
    engine.subscribeTraffic(() => undefined);
    engine.subscribeEvents(() => undefined);
    engine.subscribeApplied(() => undefined);
  }
  engine.advance(2000); // elect a leader
  let inFlight = 0;
  let committed = 0;
  let sent = 0;
  // Like KvClient: look the leader up in the state only when a node refuses.
  let leader: number | null = null;
  const put = (): void => {
    leader ??= engine.getState().nodes.find((v) => v.role === 'leader' && v.status === 'running')?.id ?? null;
    if (leader === null) return;
    const n = sent++;
    inFlight++;
    void engine.propose(leader, { op: 'put', key: `k${n % 10}`, value: String(n) }).then(async (proposal) => {
      if (!proposal.placed) leader = null;
      if ((await proposal.outcome)?.ok) committed++;
      inFlight--;
    });
  };
  const started = performance.now();
  const from = engine.now();
  while (engine.now() - from < VIRTUAL_MS) {
    if (load.window !== undefined) while (inFlight < load.window && put() === undefined && leader !== null);
    else for (const due = ((engine.now() - from + SLICE_MS) / 1000) * load.putsPerSecond!; sent < due && leader !== -1;) { put(); if (leader === null) break; }
    engine.advance(SLICE_MS);
    await new Promise((resolve) => setImmediate(resolve)); // let the client's callbacks run
  }
  const wallMs = performance.now() - started;
  return { ratio: (engine.now() - from) / wallMs, committed, wallMs };
}

async function median(load: Load): Promise<{ ratio: number; committed: number; wallMs: number }> {
  await run(load); // warm-up: the first run of a kind pays for the JIT
  const runs = [];
  for (let i = 0; i < 3; i++) runs.push(await run(load));
  return runs.sort((a, b) => a.ratio - b.ratio)[1]!;
}

export default async function benchSimEngine(): Promise<BenchLine[]> {
  const lines: BenchLine[] = [];
  for (const putsPerSecond of [100, 1000]) {
    for (const listeners of putsPerSecond === 100 ? [false, true] : [false]) {
      const m = await median({ putsPerSecond, listeners });
      lines.push({
        name: `simulated engine, 5 nodes, ${putsPerSecond} puts/s${listeners ? ', page streams attached' : ''}`,
        value: Math.round(m.ratio),
        unit: '× real time',
        detail: `median of 3: 60 s virtual in ${Math.round(m.wallMs)} ms, ${m.committed.toLocaleString('en-US')} puts committed${listeners ? '; trace on, state/traffic/events/applied listeners' : ''} (target ≥ 200×)`,
      });
    }
  }
  const saturated = await median({ window: 32, listeners: false });
  lines.push({
    name: 'simulated engine, 5 nodes saturated (32 puts in flight)',
    value: Math.round(saturated.committed / (saturated.wallMs / 1000)),
    unit: 'puts/s real',
    detail: `${Math.round(saturated.ratio)}× real time: 60 s virtual in ${Math.round(saturated.wallMs)} ms, ${saturated.committed.toLocaleString('en-US')} puts committed`,
  });
  return lines;
}

runIfMain(import.meta.url, benchSimEngine);
