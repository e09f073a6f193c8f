import { loadavg } from 'node:os';
import { Prng } from '../src/raft/prng';
import { RAFT_PROFILES } from '../src/raft/config';
import { SimEngine, type SimEngineOptions } from '../src/engine/sim-engine';
import type { RunFile } from '../src/engine/run';
import { runIfMain, type BenchLine } from './types';

/**
 * Time travel in the simulated engine (issue 9, item 3): a 10-minute run of 5 nodes under load
 * (about 100 puts a second to the leader, a follower crashed for a minute, a partition for a
 * minute), then seeks to random moments of it — each a checkpoint restored and the recorded run
 * replayed to the moment (target ≤ 100 ms) — the memory the checkpoints hold, and how fast a run
 * replays from its file (target ≥ 200× real time). Each figure is given in CPU time
 * (process.cpuUsage) and in wall time: on a shared machine the wall figures grow with the load.
 */

const RUN_MS = 10 * 60_000;
const SLICE_MS = 50;
const PUTS_PER_SECOND = 100;
const SEEKS = 60;

/**
 * Two configurations: the page's (Production Raft, compaction every 200 applied entries, the
 * teaching delay of 50–75 ms, rule tracing: what `?engine=sim` opens with, src/ui/app/boot.ts) and a
 * bare one (the lab's Raft, no compaction, no delay): its logs grow to every put, which every
 * checkpoint restored has to copy — the worst case for a seek.
 */
const CONFIGS = {
  page: { raft: { autoCompactEntries: 200, features: RAFT_PROFILES.production, trace: true }, linkPolicy: { delayMinMs: 50, delayMaxMs: 75 } },
  bare: {},
} as const satisfies Record<string, Partial<SimEngineOptions>>;

function buildRun(config: Partial<SimEngineOptions>): { engine: SimEngine; wallMs: number } {
  const engine = new SimEngine({ size: 5, seed: 42, ...config });
  const started = performance.now();
  engine.advance(2000);
  let sent = 0;
  for (let t = engine.now(); t < RUN_MS; t = engine.now()) {
    const leader = engine.getState().nodes.find((v) => v.role === 'leader' && v.status === 'running')?.id;
    for (const due = (t / 1000) * PUTS_PER_SECOND; leader !== undefined && sent < due; sent++) {
      void engine.propose(leader, { op: 'put', key: `k${sent % 10}`, value: String(sent) });
    }
    if (t === 3 * 60_000) engine.crash(leader === 1 ? 2 : 1);
    if (t === 4 * 60_000) for (const v of engine.getState().nodes) if (v.status === 'crashed') void engine.restart(v.id);
    if (t === 6 * 60_000) engine.partition([[0, 1], [2, 3, 4]]);
    if (t === 7 * 60_000) engine.healPartition();
    engine.advance(SLICE_MS);
  }
  return { engine, wallMs: performance.now() - started };
}

/** Wall and CPU milliseconds `run` takes. */
function timed(run: () => void): { wall: number; cpu: number } {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  run();
  const used = process.cpuUsage(cpu);
  return { wall: performance.now() - wall, cpu: (used.user + used.system) / 1000 };
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

/** Bytes the checkpoints hold beyond the live world, estimated by walking both (shared objects counted once). */
function checkpointBytes(engine: SimEngine): number {
  const internals = engine as unknown as { world: object; checkpoints: { list: { world: object }[] } };
  const live = new Set<object>();
  walk(internals.world, live, () => undefined);
  let bytes = 0;
  const seen = new Set<object>(live);
  for (const checkpoint of internals.checkpoints.list) walk(checkpoint.world, seen, (size) => { bytes += size; });
  return bytes;
}

/** A rough V8 size per object: a header and 8 bytes a slot; strings by length. Functions are shared code. */
function walk(root: unknown, seen: Set<object>, count: (bytes: number) => void): void {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value === 'string') { count(16 + value.length); continue; }
    if (typeof value !== 'object' || value === null || seen.has(value)) continue;
    seen.add(value);
    if (ArrayBuffer.isView(value)) { count(64 + value.byteLength); continue; }
    if (value instanceof Map) { count(32 + 24 * value.size); for (const [k, v] of value) stack.push(k, v); continue; }
    if (value instanceof Set) { count(32 + 16 * value.size); for (const v of value) stack.push(v); continue; }
    const keys = Object.keys(value);
    count(24 + 8 * keys.length);
    for (const key of keys) stack.push((value as Record<string, unknown>)[key]);
  }
}

const ms = (value: number): string => `${value.toFixed(1)} ms`;

export default async function benchTimeTravel(): Promise<BenchLine[]> {
  const lines: BenchLine[] = [];
  for (const [name, config] of Object.entries(CONFIGS)) lines.push(...measure(name, config));
  return lines;
}

function measure(name: string, config: Partial<SimEngineOptions>): BenchLine[] {
  const { engine, wallMs } = buildRun(config);
  const file: RunFile = engine.exportRun();
  const run = engine.position();
  const checkpoints = (engine as unknown as { checkpoints: { count: number; interval: number } }).checkpoints;
  const bytes = checkpointBytes(engine);

  const prng = new Prng(7);
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < SEEKS; i++) {
    const target = prng.int(RUN_MS);
    const { wall, cpu } = timed(() => engine.seek(target));
    walls.push(wall);
    cpus.push(cpu);
  }
  walls.sort((a, b) => a - b);
  cpus.sort((a, b) => a - b);

  let replay: SimEngine | null = null;
  const replayed = timed(() => { replay = new SimEngine({ size: 1, seed: 0, run: file }); });
  if (replay!.now() !== file.endAt) throw new Error(`the replay stopped at ${replay!.now()} ms, not ${file.endAt}`);
  const load = loadavg()[0]!.toFixed(1);
  const puts = file.actions.filter((a) => a.action.type === 'propose').length;
  const which = name === 'page' ? 'as the page runs it (Production Raft, compaction at 200, 50–75 ms delay)' : 'bare (lab Raft, no compaction: logs of every put)';

  return [
    {
      name: `time travel, ${which}: seek to a random moment of a 10-minute, 5-node run under load`,
      value: Math.round(percentile(cpus, 0.5) * 10) / 10,
      unit: 'ms CPU (p50)',
      detail: `CPU p95 ${ms(percentile(cpus, 0.95))}, max ${ms(cpus.at(-1)!)}; wall p50 ${ms(percentile(walls, 0.5))}, p95 ${ms(percentile(walls, 0.95))}, max ${ms(walls.at(-1)!)} at load average ${load}; ${SEEKS} seeks (target ≤ 100 ms); ${run.endStep.toLocaleString('en-US')} events, ${file.actions.length.toLocaleString('en-US')} actions (${puts.toLocaleString('en-US')} puts, a crash, a partition)`,
    },
    {
      name: `time travel, ${name}: checkpoint memory for that run`,
      value: Math.round(bytes / 1e5) / 10,
      unit: 'MB (estimated)',
      detail: `${checkpoints.count} checkpoints, one every ${checkpoints.interval.toLocaleString('en-US')} events; objects shared with the live run or between checkpoints counted once`,
    },
    {
      name: `time travel, ${name}: replaying the run from its file`,
      value: Math.round(RUN_MS / replayed.cpu),
      unit: '× real time (CPU)',
      detail: `10 min virtual in ${Math.round(replayed.cpu)} ms CPU, ${Math.round(replayed.wall)} ms wall (${Math.round(RUN_MS / replayed.wall)}× at load average ${load}), checkpoints taken on the way; recording it under load took ${Math.round(wallMs)} ms wall (target ≥ 200×)`,
    },
  ];
}

runIfMain(import.meta.url, benchTimeTravel);
