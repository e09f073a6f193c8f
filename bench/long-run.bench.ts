/**
 * A long run of the visualizer (issue 8, 3d): the built app at 4× with KV load from the page's own
 * clients (recorded in the client history and checked for linearizability as they finish) for
 * `--minutes` (default 20, the target's duration). Every sample: the page's JS heap as found and
 * after a garbage collection (CDP Performance.getMetrics, JSHeapUsedSize: the main thread) and the
 * renderer process's resident memory (VmRSS in /proc, found through CDP SystemInfo.getProcessInfo:
 * it holds the page and its node and checker workers). Reports both at the start (after a short
 * warm-up) and the end, the growth, the operations issued and checked, and the longest log.
 * Targets: heap ≤ 40 MB and renderer growth ≤ 100 MB after 20 minutes.
 *
 * Needs the built app (`npx vite build`; RAFTLAB_DIST picks another build dir).
 * Run: `npx tsx bench/long-run.bench.ts --minutes 3`, or `npm run bench -- long-run --minutes 3`.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium, type CDPSession, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH, DIST, serveDist } from './browser';
import { runIfMain, type BenchLine } from './types';

const DEFAULT_MINUTES = 20;
const WARM_UP_MS = 20_000;
const SAMPLES = 12;
/** The page's load: clients each with one operation at a time, on a few shared keys (as "Run load"). */
const CLIENTS = ['B', 'C', 'D', 'E', 'F', 'G', 'H', 'I'];
const KEYS = 8;
const MB = 1024 * 1024;

export function minutesFromArgs(args: readonly string[]): number {
  const at = args.indexOf('--minutes');
  if (at < 0) return DEFAULT_MINUTES;
  const minutes = Number(args[at + 1]);
  if (!(minutes > 0)) throw new Error(`--minutes wants a positive number, not ${args[at + 1]}`);
  return minutes;
}

interface Sample {
  readonly atMs: number;
  readonly heapMb: number;
  /** Before the garbage collection: what the page holds at a random moment. */
  readonly heapFoundMb: number;
  readonly rendererMb: number;
  readonly issued: number;
  readonly checked: number;
  readonly longestLog: number;
  readonly verdict: string;
}

export default async function longRunBench(minutes = minutesFromArgs(process.argv)): Promise<BenchLine[]> {
  if (!existsSync(join(DIST, 'index.html'))) throw new Error(`bench/long-run.bench.ts needs the built app in ${DIST}: run \`npx vite build\` first`);
  const server = await serveDist();
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.addInitScript('window.__name = (f) => f'); // tsx's keepNames helper, absent in the page
    const session = await context.newCDPSession(page);
    await session.send('Performance.enable');
    const browserSession = await browser.newBrowserCDPSession();
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/?speed=4`);
    await page.waitForFunction(() => document.querySelector('[data-role="leader"]') !== null, null, { timeout: 60_000 });
    const clientTab = page.getByRole('tab', { name: 'Client' });
    if (await clientTab.isVisible()) await clientTab.click(); // the history chart renders as it would for a user

    await startLoad(page);
    const started = performance.now();
    const sample = async (): Promise<Sample> => takeSample(page, session, browserSession, performance.now() - started);
    await page.waitForTimeout(WARM_UP_MS);
    const samples = [await sample()];
    const runMs = minutes * 60_000;
    for (let i = 1; i <= SAMPLES; i++) {
      await page.waitForTimeout(Math.max(0, started + WARM_UP_MS + (runMs * i) / SAMPLES - performance.now()));
      samples.push(await sample());
      const last = samples.at(-1)!;
      console.error(`long-run: ${(last.atMs / 60_000).toFixed(1)} min, heap ${last.heapMb} MB (${last.heapFoundMb} before GC), renderer ${last.rendererMb} MB, ${last.checked}/${last.issued} ops checked, longest log ${last.longestLog}: ${last.verdict}`);
    }
    await stopLoad(page);
    await context.close();
    return report(samples, minutes);
  } finally {
    await browser.close();
    server.close();
  }
}

function report(samples: readonly Sample[], minutes: number): BenchLine[] {
  const first = samples[0]!;
  const last = samples.at(-1)!;
  const peakHeap = Math.max(...samples.map((s) => s.heapMb));
  const run = `${minutes} min at 4× after a ${WARM_UP_MS / 1000} s warm-up, ${CLIENTS.length} page clients on ${KEYS} keys`;
  const series = (pick: (s: Sample) => number) => samples.map(pick).join(' → ');
  return [
    { name: 'long run: page JS heap at the end', value: last.heapMb, unit: 'MB', detail: `${run}; after a GC, start ${first.heapMb} MB, peak ${peakHeap} MB; samples ${series((s) => s.heapMb)}. Target ≤ 40 MB after 20 min.` },
    { name: 'long run: page JS heap growth', value: round(last.heapMb - first.heapMb), unit: 'MB', detail: run },
    { name: 'long run: page JS heap before GC, peak', value: Math.max(...samples.map((s) => s.heapFoundMb)), unit: 'MB', detail: `as found at each sample (garbage included); samples ${series((s) => s.heapFoundMb)}` },
    { name: 'long run: renderer memory at the end', value: last.rendererMb, unit: 'MB', detail: `VmRSS of the renderer process (page + node and checker workers); start ${first.rendererMb} MB; samples ${series((s) => s.rendererMb)}` },
    { name: 'long run: renderer memory growth', value: round(last.rendererMb - first.rendererMb), unit: 'MB', detail: `${run}. Target ≤ 100 MB after 20 min.` },
    { name: 'long run: operations checked for linearizability', value: last.checked, unit: 'ops', detail: `of ${last.issued} issued (the rest in flight or waiting for a quiet moment on their key); verdict: ${last.verdict}` },
    { name: 'long run: longest log held by a node', value: last.longestLog, unit: 'entries', detail: `entries after the snapshot at the end (samples ${series((s) => s.longestLog)}): with automatic compaction on it stays near the threshold; growing with the run means the page does not compact` },
  ];
}

async function takeSample(page: Page, session: CDPSession, browserSession: CDPSession, atMs: number): Promise<Sample> {
  const heapFound = await heapUsed(session);
  await session.send('HeapProfiler.collectGarbage');
  const heap = await heapUsed(session);
  const page_ = await page.evaluate(() => {
    const app = window.raftlab!;
    const lin = app.store.getState().linearizability;
    const verdict = lin.state === 'done' ? (lin.result.ok ? 'linearizable so far' : lin.result.explanation) : lin.state;
    const longestLog = Math.max(...app.cluster.getState().nodes.map((n) => n.log.lastIndex - n.log.snapshotIndex));
    const w = window as unknown as { issued?: number };
    return { verdict, checked: lin.state === 'done' ? lin.operations : 0, issued: w.issued ?? 0, longestLog };
  });
  return { atMs: Math.round(atMs), heapMb: round(heap / MB), heapFoundMb: round(heapFound / MB), rendererMb: round(await rendererRss(browserSession)), ...page_ };
}

async function heapUsed(session: CDPSession): Promise<number> {
  const { metrics } = await session.send('Performance.getMetrics') as { metrics: { name: string; value: number }[] };
  return metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN;
}

/** Resident memory (MB) of Chromium's renderer processes, from /proc (Linux). */
async function rendererRss(browserSession: CDPSession): Promise<number> {
  const { processInfo } = await browserSession.send('SystemInfo.getProcessInfo') as { processInfo: { type: string; id: number }[] };
  let kb = 0;
  for (const p of processInfo.filter((info) => info.type === 'renderer')) {
    const status = readFileSync(`/proc/${p.id}/status`, 'utf8');
    kb += Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0);
  }
  return kb / 1024;
}

/** The page's clients, each with one operation in flight, until stopped (UiClients: recorded and checked). */
function startLoad(page: Page): Promise<void> {
  return page.evaluate(({ clients, keys }) => {
    const w = window as unknown as { stopLoad: boolean; loadDone: Promise<unknown>; issued: number };
    w.stopLoad = false;
    w.issued = 0;
    const ui = window.raftlab!.commands.clients;
    let n = 0;
    // A fixed seed (xorshift32): the same mix of keys and commands every run.
    let seed = 0x2f6b3d;
    const random = (): number => {
      seed ^= seed << 13; seed ^= seed >>> 17; seed ^= seed << 5;
      return (seed >>> 0) / 2 ** 32;
    };
    w.loadDone = Promise.all(clients.map(async (client) => {
      while (!w.stopLoad) {
        const key = `k${Math.floor(random() * keys)}`;
        const roll = random();
        const command = roll < 0.5 ? { op: 'put' as const, key, value: String(++n) } : roll < 0.85 ? { op: 'get' as const, key } : { op: 'del' as const, key };
        w.issued++;
        await ui.submit(client, command, 'leader', { timeoutMs: 4000, quiet: true });
      }
    }));
  }, { clients: CLIENTS, keys: KEYS });
}

async function stopLoad(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const w = window as unknown as { stopLoad: boolean; loadDone: Promise<unknown> };
    w.stopLoad = true;
    await w.loadDone;
  });
}

function round(x: number): number {
  return Math.round(x * 10) / 10;
}

runIfMain(import.meta.url, longRunBench);
