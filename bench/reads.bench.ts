/**
 * Reads without the log in the live runtime (issue 10 targets): a linearizable get by ReadIndex
 * (thesis §6.4; p50 <= 3 ms) and by lease (§6.4.1; p50 <= 1 ms), against a get through the log,
 * on the built app's 5-node worker cluster with IndexedDB at 1× speed. Each get is checked to have
 * been served the way its line says (KvClient.submitServed).
 *
 * Needs the built app (`npx vite build`). Run: `npm run bench -- reads` or `npx tsx bench/reads.bench.ts`.
 */
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import type { RaftFeatures } from '../src/raft/config';
import { CHROMIUM_ARGS, DIST, serveDist } from './browser';
import { runIfMain, type BenchLine } from './types';

const SAMPLES = 300;

/** Gets one after another under `features`: latencies (ms, sorted) and how each was served. */
function sequentialGets(page: Page, features: Partial<RaftFeatures>): Promise<{ latencies: number[]; servedBy: Record<string, number> }> {
  return page.evaluate(async ({ samples, features }) => {
    const raftlab = window.raftlab!;
    raftlab.cluster.setFeatures(features);
    await raftlab.client.put('read-key', 'sixteen-bytes-ok'); // settle under the new features
    for (let i = 0; i < 50; i++) await raftlab.client.submitServed({ op: 'get', key: 'read-key' }); // warm-up
    const latencies: number[] = [];
    const servedBy: Record<string, number> = {};
    for (let i = 0; i < samples; i++) {
      const started = performance.now();
      const { servedBy: how } = await raftlab.client.submitServed({ op: 'get', key: 'read-key' });
      latencies.push(performance.now() - started);
      servedBy[how] = (servedBy[how] ?? 0) + 1;
    }
    return { latencies: latencies.sort((a, b) => a - b), servedBy };
  }, { samples: SAMPLES, features });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const round = (ms: number): number => Math.round(ms * 100) / 100;
const served = (counts: Record<string, number>): string => Object.entries(counts).map(([how, n]) => `${n} by ${how}`).join(', ');

export default async function readsBench(): Promise<BenchLine[]> {
  if (!existsSync(join(DIST, 'index.html'))) throw new Error(`bench/reads.bench.ts needs the built app in ${DIST}: run \`npx vite build\` first`);
  const server = await serveDist();
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    await page.addInitScript('window.__name = (f) => f'); // tsx's keepNames helper, absent in the page
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/?size=5&speed=1&delay=0&profile=production`);
    await page.waitForFunction(() => window.raftlab?.cluster.getState().nodes.some((n) => n.role === 'leader'), null, { timeout: 20_000 });
    const lease = await sequentialGets(page, { readIndex: true, leaseReads: true });
    const readIndex = await sequentialGets(page, { readIndex: true, leaseReads: false });
    const log = await sequentialGets(page, { readIndex: false, leaseReads: false });
    const method = `Chromium (Debian), the built app's 5-node worker cluster, IndexedDB, 1× speed, delay 0; ${SAMPLES} KvClient gets one at a time after 50 of warm-up, submit to result in the page`;
    return [
      { name: 'runtime: get by lease p50', value: round(percentile(lease.latencies, 50)), unit: 'ms', detail: `${method}; ${served(lease.servedBy)}; p99 ${round(percentile(lease.latencies, 99))} ms. Target <= 1 ms.` },
      { name: 'runtime: get by ReadIndex p50', value: round(percentile(readIndex.latencies, 50)), unit: 'ms', detail: `${method}; lease reads off; ${served(readIndex.servedBy)}; p99 ${round(percentile(readIndex.latencies, 99))} ms. Target <= 3 ms.` },
      { name: 'runtime: get through the log p50', value: round(percentile(log.latencies, 50)), unit: 'ms', detail: `${method}; ReadIndex and lease off (the lab's way); ${served(log.servedBy)}; p99 ${round(percentile(log.latencies, 99))} ms` },
    ];
  } finally {
    await browser.close();
    server.close();
  }
}

runIfMain(import.meta.url, readsBench);
