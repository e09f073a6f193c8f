/**
 * The visualizer in Chromium: frames per second with 7 nodes under sustained KV load at 1×; CPU of
 * the page and its workers while running, paused and hidden; the initial JavaScript (gzip); and the
 * time from navigation to a leader shown, at 1× and at the default teaching speed.
 *
 * Needs the built app (`npx vite build`): it serves dist/ on 127.0.0.1 itself and drives Debian's
 * Chromium through Playwright. Run: `npx tsx bench/ui.bench.ts`.
 *
 * CPU is the CPU time Chromium reports per process (CDP SystemInfo.getProcessInfo) over a window,
 * divided by the window: the renderer process holds the page's main thread and its node workers.
 * The main thread's own share comes from CDP Performance.getMetrics (TaskDuration).
 */
import { existsSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type CDPSession, type Page } from '@playwright/test';
import { LESSONS, lessonUrl } from '../src/lessons/catalog';
import { checkLesson } from '../src/lessons/format';
import { CHROMIUM_ARGS, DIST, serveDist } from './browser';
import { runIfMain, type BenchLine } from './types';

/** Measurement windows (ms) and repetitions. */
const FPS_WINDOW_MS = 10_000;
const CPU_WINDOW_MS = 8_000;
const LOAD_CLIENTS = 32;
const LEADER_RUNS = 5;
const LESSON_RUNS = 3;


/** The JavaScript index.html loads before the first render: its entry script and modulepreloads. */
export function initialScripts(html: string): string[] {
  const scripts = [...html.matchAll(/<script[^>]+src="([^"]+\.js)"/g)].map((m) => m[1]!);
  const preloads = [...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"/g)].map((m) => m[1]!);
  return [...new Set([...scripts, ...preloads])];
}

/**
 * The ten largest modules of the page's first JavaScript, from dist/bundle-stats.json (vite.config.ts
 * writes it at build): each as the bundler rendered it into the chunk, before minification.
 */
export function largestInitialModules(stats: readonly { file: string; modules: readonly { id: string; bytes: number }[] }[], initial: readonly string[], count = 10): { id: string; bytes: number }[] {
  const files = new Set(initial.map((file) => file.replace(/^\.?\//, '')));
  return stats.filter((chunk) => files.has(chunk.file)).flatMap((chunk) => chunk.modules).sort((a, b) => b.bytes - a.bytes).slice(0, count);
}

function gzipKb(files: string[]): number {
  return files.reduce((sum, file) => sum + gzipSync(readFileSync(join(DIST, file))).length, 0) / 1024;
}

/** Total CPU seconds of the renderer (page + workers) and of every Chromium process. */
async function cpuSeconds(browserSession: CDPSession): Promise<{ renderer: number; all: number }> {
  const { processInfo } = await browserSession.send('SystemInfo.getProcessInfo') as { processInfo: { type: string; cpuTime: number }[] };
  let renderer = 0;
  let all = 0;
  for (const p of processInfo) {
    all += p.cpuTime;
    if (p.type === 'renderer') renderer += p.cpuTime;
  }
  return { renderer, all };
}

async function mainThreadSeconds(session: CDPSession): Promise<number> {
  const { metrics } = await session.send('Performance.getMetrics') as { metrics: { name: string; value: number }[] };
  return metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0;
}

interface CpuShare { renderer: number; all: number; mainThread: number }

/** Cores used over a window: CPU seconds divided by wall seconds. */
async function cpuOver(page: Page, browserSession: CDPSession, session: CDPSession, ms: number): Promise<CpuShare> {
  const [cpu0, main0, t0] = [await cpuSeconds(browserSession), await mainThreadSeconds(session), performance.now()];
  await page.waitForTimeout(ms);
  const [cpu1, main1, t1] = [await cpuSeconds(browserSession), await mainThreadSeconds(session), performance.now()];
  const wall = (t1 - t0) / 1000;
  return { renderer: (cpu1.renderer - cpu0.renderer) / wall, all: (cpu1.all - cpu0.all) / wall, mainThread: (main1 - main0) / wall };
}

/** Keep LOAD_CLIENTS puts in flight through the page's client until stopped. */
function startLoad(page: Page): Promise<void> {
  return page.evaluate((clients) => {
    const w = window as unknown as { stopLoad: boolean; loadDone: Promise<unknown>; committed: number };
    w.stopLoad = false;
    w.committed = 0;
    const client = window.raftlab!.client;
    w.loadDone = Promise.all(Array.from({ length: clients }, async (_, lane) => {
      for (let i = 0; !w.stopLoad; i++) {
        try {
          await client.put(`load${lane}-${i % 50}`, `v${i}`);
          w.committed++;
        } catch { /* a leader change: keep going */ }
      }
    }));
  }, LOAD_CLIENTS);
}

function stopLoad(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const w = window as unknown as { stopLoad: boolean; loadDone: Promise<unknown>; committed: number };
    w.stopLoad = true;
    await w.loadDone;
    return w.committed;
  });
}

/** Frames drawn per second, counted with requestAnimationFrame. */
function framesPerSecond(page: Page, ms: number): Promise<{ fps: number; worstFrameMs: number }> {
  return page.evaluate((ms) => new Promise((done) => {
    let frames = 0;
    let worst = 0;
    let last = performance.now();
    const start = last;
    const tick = (t: number): void => {
      frames++;
      worst = Math.max(worst, t - last);
      last = t;
      if (t - start < ms) requestAnimationFrame(tick);
      else done({ fps: (frames * 1000) / (t - start), worstFrameMs: worst });
    };
    requestAnimationFrame(tick);
  }), ms);
}

/** Milliseconds from navigation (performance.now) until each of `selectors` is first in the document. */
async function shownAfter(browser: Browser, url: string, selectors: readonly string[]): Promise<number[]> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    // tsx compiles this file with esbuild's keepNames, whose __name helper the page does not have.
    await page.addInitScript('window.__name = (f) => f');
    await page.addInitScript((selectors) => {
      const w = window as unknown as { shownAt?: (number | undefined)[] };
      const at: (number | undefined)[] = selectors.map(() => undefined);
      w.shownAt = at;
      new MutationObserver((_, observer) => {
        selectors.forEach((selector, i) => { if (at[i] === undefined && document.querySelector(selector)) at[i] = performance.now(); });
        if (at.every((t) => t !== undefined)) observer.disconnect();
      }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-role', 'disabled'] });
    }, selectors);
    await page.goto(url);
    await page.waitForFunction(() => (window as unknown as { shownAt: (number | undefined)[] }).shownAt.every((t) => t !== undefined), null, { timeout: 60_000 });
    return page.evaluate(() => (window as unknown as { shownAt: number[] }).shownAt);
  } finally {
    await context.close();
  }
}

const leaderShownAfter = async (browser: Browser, url: string): Promise<number> => (await shownAfter(browser, url, ['[data-role="leader"]']))[0]!;

/** Each lesson's address (its own seed, size, profile and speed), as the lessons menu opens it. */
async function lessonUrls(base: string): Promise<{ id: string; url: string }[]> {
  return Promise.all(LESSONS.map(async (entry) => ({ id: entry.id, url: lessonUrl(`${base}/`, checkLesson((await entry.load()).lesson)) })));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const round = (x: number, digits = 2): number => Math.round(x * 10 ** digits) / 10 ** digits;

export default async function uiBench(): Promise<BenchLine[]> {
  if (!existsSync(join(DIST, 'index.html'))) {
    throw new Error(`bench/ui.bench.ts needs the built app in ${DIST}: run \`npx vite build\` first`);
  }
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const initial = initialScripts(html);
  const statsFile = join(DIST, 'bundle-stats.json');
  const largest = existsSync(statsFile) ? largestInitialModules(JSON.parse(readFileSync(statsFile, 'utf8')), initial) : [];
  const allJs = (await import('node:fs')).readdirSync(join(DIST, 'assets')).filter((f) => f.endsWith('.js') && !f.startsWith('worker')).map((f) => `/assets/${f}`);
  const server = await serveDist();
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const atOne: number[] = [];
    const atOneDelayed: number[] = [];
    const atTeaching: number[] = [];
    for (let i = 0; i < LEADER_RUNS; i++) {
      atOne.push(await leaderShownAfter(browser, `${base}/?speed=1&delay=0`));
      atOneDelayed.push(await leaderShownAfter(browser, `${base}/?speed=1`));
      atTeaching.push(await leaderShownAfter(browser, `${base}/`));
    }
    // Each lesson opened LESSON_RUNS times: the median per lesson, then the slowest lesson's median.
    // Shown: the first step's text is on screen. Ready: the cluster stands at the step too, and the
    // lesson's moves (Start over, Show me) are enabled.
    const lessons: { id: string; ms: number; readyMs: number }[] = [];
    for (const { id, url } of await lessonUrls(base)) {
      const runs: number[] = [];
      const ready: number[] = [];
      for (let i = 0; i < LESSON_RUNS; i++) {
        const [shown, moves] = await shownAfter(browser, url, ['.lesson-panel .lesson-body', '.lesson-panel .lesson-actions button:not(:disabled)']);
        runs.push(shown!);
        ready.push(moves!);
      }
      lessons.push({ id, ms: median(runs), readyMs: median(ready) });
    }

    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.addInitScript('window.__name = (f) => f');
    const session = await context.newCDPSession(page);
    await session.send('Performance.enable');
    const browserSession = await browser.newBrowserCDPSession();
    await page.goto(`${base}/?speed=1&size=7`);
    await page.waitForFunction(() => document.querySelector('[data-role="leader"]') !== null, null, { timeout: 30_000 });

    const idleRunning = await cpuOver(page, browserSession, session, CPU_WINDOW_MS);
    await startLoad(page);
    await page.waitForTimeout(2000);
    const frames = await framesPerSecond(page, FPS_WINDOW_MS);
    const loaded = await cpuOver(page, browserSession, session, CPU_WINDOW_MS);
    const committed = await stopLoad(page);

    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    await page.waitForTimeout(1500); // let fades and the last reports settle
    const paused = await cpuOver(page, browserSession, session, CPU_WINDOW_MS);
    await page.getByRole('button', { name: 'Resume', exact: true }).click();

    // Hide the tab. Headless Chromium keeps every page visible, so the page is told it is hidden the
    // way a browser tells it: document.hidden and a visibilitychange event. The app pauses itself
    // (a really hidden tab also gets no animation frames, so this is the costlier case).
    await page.evaluate(() => {
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    const hiddenPaused = await page.evaluate(() => window.raftlab!.cluster.getState().clock.paused);
    await page.waitForTimeout(1500);
    const hidden = await cpuOver(page, browserSession, session, CPU_WINDOW_MS);
    await context.close();

    const cpuDetail = (c: CpuShare): string => `renderer (page + 7 workers) ${round(c.renderer)} cores, page main thread ${round(c.mainThread)} cores, all Chromium processes ${round(c.all)} cores`;
    return [
      {
        name: 'ui: frames per second, 7 nodes under KV load at 1×', value: round(frames.fps, 1), unit: 'fps',
        detail: `requestAnimationFrame counted for ${FPS_WINDOW_MS / 1000} s in headless Chromium (no GPU) at 1280×800 while ${LOAD_CLIENTS} clients kept puts in flight (${committed} committed); worst frame ${round(frames.worstFrameMs, 1)} ms. Target >= 58.`,
      },
      { name: 'ui: CPU while running under load (page + workers)', value: round(loaded.renderer), unit: 'cores', detail: cpuDetail(loaded) },
      { name: 'ui: CPU while running, no load (page + workers)', value: round(idleRunning.renderer), unit: 'cores', detail: `7 nodes at 1×, heartbeats only; ${cpuDetail(idleRunning)}` },
      { name: 'ui: CPU while paused (page + workers)', value: round(paused.renderer), unit: 'cores', detail: `${cpuDetail(paused)}. Target <= 0.05.` },
      { name: 'ui: CPU while the tab is hidden (page + workers)', value: round(hidden.renderer), unit: 'cores', detail: `hidden signalled by visibilitychange (the cluster ${hiddenPaused ? 'paused itself' : 'did NOT pause'}); ${cpuDetail(hidden)}. Target <= 0.05.` },
      {
        name: 'ui: initial JavaScript (gzip)', value: round(gzipKb(initial), 1), unit: 'KB',
        detail: `${initial.join(', ')} (entry script and module preloads in dist/index.html); all page JavaScript including chunks loaded later: ${round(gzipKb(allJs), 1)} KB. Target <= 100 KB (issue 14: <= 85). `
          + `Its ten largest modules (rendered, before minification): ${largest.map((m) => `${m.id} ${round(m.bytes / 1024, 1)} KB`).join('; ')}.`,
      },
      {
        name: 'ui: navigation to a leader shown, 1×', value: Math.round(median(atOne)), unit: 'ms',
        detail: `median of ${LEADER_RUNS} fresh page loads (empty IndexedDB), ?speed=1&delay=0 (real time, no artificial message delay); all: ${atOne.map(Math.round).join(', ')} ms. Target <= 1000.`,
      },
      {
        name: 'ui: navigation to a leader shown, 1× with the teaching delay', value: Math.round(median(atOneDelayed)), unit: 'ms',
        detail: `as above but ?speed=1 keeps the 50–75 ms message delay the page uses for teaching; all: ${atOneDelayed.map(Math.round).join(', ')} ms.`,
      },
      {
        name: 'ui: navigation to a leader shown, teaching speed', value: Math.round(median(atTeaching)), unit: 'ms',
        detail: `median of ${LEADER_RUNS} fresh page loads at the default 0.15×; all: ${atTeaching.map(Math.round).join(', ')} ms. Target <= 5000.`,
      },
      {
        name: 'ui: navigation to a lesson\'s first step shown (slowest lesson)', value: Math.round(Math.max(...lessons.map((l) => l.ms))), unit: 'ms',
        detail: `median of ${LESSON_RUNS} fresh page loads per lesson at its own address: ${lessons.map((l) => `${l.id} ${Math.round(l.ms)}`).join(', ')} ms. Target <= 1000 (issue 12).`,
      },
      {
        name: 'ui: navigation to a lesson standing at its first step (slowest lesson)', value: Math.round(Math.max(...lessons.map((l) => l.readyMs))), unit: 'ms',
        detail: `the cluster brought to the step and the lesson's moves enabled; median of the same loads: ${lessons.map((l) => `${l.id} ${Math.round(l.readyMs)}`).join(', ')} ms.`,
      },
    ];
  } finally {
    await browser.close();
    server.close();
  }
}

runIfMain(import.meta.url, uiBench);
