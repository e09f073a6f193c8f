/**
 * The space-time diagram (issue 12, item 3) in Chromium: frames per second while it scrolls through
 * a 5-node simulated run of 5,000+ messages (target: >= 55 fps), how many arrows are in the DOM at
 * once (virtualisation), and the size of its chunk, loaded only when its tab opens.
 *
 * Needs the built app (`npx vite build`); serves it on 127.0.0.1 and drives Debian's Chromium.
 * Run: `npm run bench -- diagram` or `npx tsx bench/diagram.bench.ts`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH, DIST, serveDist } from './browser';
import { runIfMain, type BenchLine } from './types';

const MESSAGES = 5000;
const SCROLL_MS = 8000;
/** Scrolled per frame: ~2,400 px a second at 60 fps, a brisk drag through the run. */
const SCROLL_PX_PER_FRAME = 40;
const SEED = 7;

/** Run the simulated engine forward, paused, 2 virtual seconds at a time, until the diagram holds `count` messages. */
async function runUntil(page: Page, count: number): Promise<number> {
  await page.waitForFunction(() => window.raftlab?.engine === 'sim');
  await page.evaluate(() => window.raftlab!.seek!(500));
  for (;;) {
    const recorded = Number((await page.getByTestId('diagram-count').textContent())!.replace(/[^0-9]/g, ''));
    if (recorded >= count) return recorded;
    const target = await page.evaluate(() => {
      const cluster = window.raftlab!.cluster as unknown as { advance(ms: number): void; now(): number };
      const at = cluster.now() + 2000;
      cluster.advance(2000);
      return at;
    });
    await page.waitForFunction((target) => window.raftlab!.cluster.getState().clock.anchorVirtualMs >= target, target);
    await page.waitForFunction((before) => Number(document.querySelector('[data-testid="diagram-count"]')!.textContent!.replace(/[^0-9]/g, '')) > before, recorded);
  }
}

/**
 * Scroll the diagram from its top for SCROLL_MS, one step per animation frame: frames drawn per
 * second, and the longest frame. A string, as tsx's helpers (__name) do not exist in the page.
 */
function scrollFps(page: Page): Promise<{ fps: number; worstMs: number; arrows: number; scrolled: number }> {
  return page.evaluate(`new Promise((done) => {
    const box = document.querySelector('.dg-scroll');
    box.scrollTop = 0;
    let frames = 0, worst = 0, arrows = 0;
    const start = performance.now();
    let last = start;
    requestAnimationFrame(function frame(now) {
      frames++;
      worst = Math.max(worst, now - last);
      last = now;
      arrows = Math.max(arrows, box.querySelectorAll('.dg-msg').length);
      if (box.scrollTop + box.clientHeight >= box.scrollHeight - 1) box.scrollTop = 0;
      else box.scrollTop += ${SCROLL_PX_PER_FRAME};
      if (now - start < ${SCROLL_MS}) requestAnimationFrame(frame);
      else done({ fps: (frames * 1000) / (now - start), worstMs: worst, arrows, scrolled: box.scrollHeight });
    });
  })`);
}

/** Animation frames per second on the same page, nothing scrolling: the ceiling this machine allows now. */
function idleFps(page: Page): Promise<number> {
  return page.evaluate(`new Promise((done) => {
    let frames = 0;
    const start = performance.now();
    requestAnimationFrame(function frame(now) {
      frames++;
      if (now - start < 3000) requestAnimationFrame(frame);
      else done((frames * 1000) / (now - start));
    });
  })`);
}

/** The diagram's own chunk and stylesheet, gzipped (KB). */
function diagramChunkKb(): number {
  const assets = join(DIST, 'assets');
  return readdirSync(assets).filter((f) => /^Diagram-.*\.(js|css)$/.test(f))
    .reduce((sum, f) => sum + gzipSync(readFileSync(join(assets, f))).length, 0) / 1024;
}

export default async function bench(): Promise<BenchLine[]> {
  const server = await serveDist();
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${base}/?engine=sim&seed=${SEED}&size=5&speed=0.05`);
    await page.getByRole('tab', { name: 'Diagram' }).click();
    const recorded = await runUntil(page, MESSAGES);
    await page.getByRole('checkbox', { name: 'follow the current time' }).uncheck();
    await page.locator('.dg-scroll').scrollIntoViewIfNeeded();
    const idle = await idleFps(page);
    const run = await scrollFps(page);
    await context.close();
    return [
      { name: 'diagram scroll', value: Math.round(run.fps * 10) / 10, unit: 'fps', detail: `${recorded} messages, 5 nodes, seed ${SEED}; ${SCROLL_PX_PER_FRAME} px per frame for ${SCROLL_MS / 1000} s through ${run.scrolled} px; longest frame ${run.worstMs.toFixed(1)} ms; target >= 55 fps` },
      { name: 'page idle, for comparison', value: Math.round(idle * 10) / 10, unit: 'fps', detail: 'animation frames with nothing scrolling on the same page: what this machine allows at its current load' },
      { name: 'diagram arrows in the DOM', value: run.arrows, unit: 'at most', detail: `of ${recorded} recorded: only the bands near the view are drawn` },
      { name: 'diagram chunk', value: Math.round(diagramChunkKb() * 10) / 10, unit: 'KB gzip', detail: 'Diagram-*.js + Diagram-*.css, loaded when its tab opens' },
    ];
  } finally {
    await browser.close();
    server.close();
  }
}

runIfMain(import.meta.url, bench);
