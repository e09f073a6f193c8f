/**
 * The browser runtime under load: committed KV puts per second on the page's 5-node worker
 * cluster with IndexedDB persistence at 1× speed, and commit latency at light load.
 *
 * Needs the built app (`npx vite build`); it serves dist/ on 127.0.0.1 itself and drives Debian's
 * Chromium (scripts/ensure-chromium.sh) through Playwright. Run: `npx tsx bench/runtime.bench.ts`.
 * RAFTLAB_BENCH_QUERY appends URL parameters for experiments (e.g. "&trace=0&report=100", see
 * src/debug-page/app.ts); the reported numbers are for the app as a user opens it.
 */
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, DIST, serveDist } from './browser';
import { runIfMain, type BenchLine } from './types';


/** Throughput: this many puts kept outstanding, counted for DURATION_MS after WARMUP_MS. */
const CONCURRENCY = 1000;
const WARMUP_MS = 2000;
const DURATION_MS = 8000;
/** Latency: this many puts one after another, after the load has drained. */
const LATENCY_SAMPLES = 400;


/** Keep CONCURRENCY puts in flight through the page's KvClient; count those acknowledged in the window. */
function saturate(page: Page) {
  return page.evaluate(async ({ concurrency, warmupMs, durationMs }) => {
    const client = window.raftlab!.client;
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    let committed = 0;
    let failed = 0;
    let counting = false;
    let stop = false;
    const lane = async (l: number) => {
      for (let i = 0; !stop; i++) {
        try {
          await client.put(`t${l}-${i}`, 'sixteen-bytes-ok');
          if (counting) committed++;
        } catch {
          failed++;
        }
      }
    };
    const lanes = Array.from({ length: concurrency }, (_, l) => lane(l));
    await sleep(warmupMs);
    counting = true;
    const started = performance.now();
    await sleep(durationMs);
    counting = false;
    const elapsed = performance.now() - started;
    stop = true;
    await Promise.all(lanes);
    const state = window.raftlab!.cluster.getState();
    return { committed, elapsed, failed, lastIndex: Math.max(...state.nodes.map((n) => n.log.lastIndex)) };
  }, { concurrency: CONCURRENCY, warmupMs: WARMUP_MS, durationMs: DURATION_MS });
}

/** One put at a time: the time from submit to the result, as the client sees it. */
function sequentialLatencies(page: Page): Promise<number[]> {
  return page.evaluate(async (samples) => {
    const client = window.raftlab!.client;
    const latencies: number[] = [];
    for (let i = 0; i < samples; i++) {
      const started = performance.now();
      await client.put(`lat${i}`, 'sixteen-bytes-ok');
      latencies.push(performance.now() - started);
    }
    return latencies;
  }, LATENCY_SAMPLES);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export default async function runtimeBench(): Promise<BenchLine[]> {
  if (!existsSync(join(DIST, 'index.html'))) {
    throw new Error(`bench/runtime.bench.ts needs the built app in ${DIST}: run \`npx vite build\` first`);
  }
  const server = await serveDist();
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    // tsx compiles this file with esbuild's keepNames, whose __name helper the page does not have.
    await page.addInitScript('window.__name = (f) => f');
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/?size=5&speed=1&delay=0${process.env.RAFTLAB_BENCH_QUERY ?? ''}`);
    await page.waitForFunction(() => window.raftlab !== undefined);
    await page.waitForFunction(() => window.raftlab!.cluster.getState().nodes.some((n) => n.role === 'leader'), null, { timeout: 20_000 });
    await sequentialLatencies(page); // warm up the JIT and IndexedDB
    const latencies = (await sequentialLatencies(page)).sort((a, b) => a - b);
    const load = await saturate(page);
    const latenciesAfter = (await sequentialLatencies(page)).sort((a, b) => a - b);
    const method = 'Chromium (Debian), the built app\'s 5-node worker cluster, IndexedDB persistence, 1× speed, KvClient.put with 16-byte values';
    return [
      {
        name: 'runtime: committed puts/s (5 workers, IndexedDB)', value: Math.round((load.committed / load.elapsed) * 1000), unit: 'puts/s',
        detail: `${method}; ${CONCURRENCY} puts kept in flight from the page, acknowledged puts counted over ${DURATION_MS / 1000} s after ${WARMUP_MS / 1000} s of warm-up, on a cluster whose logs already hold ~${2 * LATENCY_SAMPLES} entries (${load.failed} failed). Target >= 5000.`,
      },
      {
        name: 'runtime: commit latency p50 (light load)', value: round(percentile(latencies, 50)), unit: 'ms',
        detail: `${method}; ${LATENCY_SAMPLES} puts one at a time, submit to result in the page (leader write, AppendEntries, follower writes, replies, apply). Target <= 10 ms.`,
      },
      {
        name: 'runtime: commit latency p99 (light load)', value: round(percentile(latencies, 99)), unit: 'ms',
        detail: `same ${LATENCY_SAMPLES} sequential puts as p50`,
      },
      {
        name: 'runtime: commit latency p50 after the load', value: round(percentile(latenciesAfter, 50)), unit: 'ms',
        detail: `the same measurement repeated once the throughput run has left ${load.lastIndex} entries in every log (no snapshot taken)`,
      },
      {
        name: 'runtime: commit latency p99 after the load', value: round(percentile(latenciesAfter, 99)), unit: 'ms',
        detail: 'as above',
      },
    ];
  } finally {
    await browser.close();
    server.close();
  }
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}

runIfMain(import.meta.url, runtimeBench);
