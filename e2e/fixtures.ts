import { test as base, expect, type Page } from '@playwright/test';
import type { NodeView } from '../src/runtime';

/**
 * Shared steps for the end-to-end scenarios. The page exposes its cluster and KV client on
 * `window.raftlab` (src/debug-page/app.ts); the tests drive the runtime through that API, as the
 * visualizer will, and read what the workers stream.
 */

/** Every test fails if the page throws (an uncaught error in the page or a worker's start-up). */
export const test = base.extend<{ pageErrors: string[] }>({
  pageErrors: [async ({ page }, use) => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await use(errors);
    expect(errors, 'errors thrown in the page').toEqual([]);
  }, { auto: true }],
});
export { expect };

/** Open the app and wait until its cluster exists (`query` e.g. "?size=3"). */
export async function openApp(page: Page, query = ''): Promise<void> {
  await page.goto(`/${query}`);
  await page.waitForFunction(() => window.raftlab !== undefined);
}

export function views(page: Page): Promise<NodeView[]> {
  return page.evaluate(() => [...window.raftlab!.cluster.getState().nodes]);
}

/** The running node that leads in the highest term, or -1. */
export function leaderNow(page: Page): Promise<number> {
  return page.evaluate(() => {
    let best = { id: -1, term: -1 };
    for (const v of window.raftlab!.cluster.getState().nodes) {
      if (v.status === 'running' && v.role === 'leader' && v.term > best.term) best = { id: v.id, term: v.term };
    }
    return best.id;
  });
}

/** Wait until a leader is elected (other than `not`), and return it. */
export async function waitForLeader(page: Page, options: { not?: number } = {}): Promise<number> {
  let leader = -1;
  await expect.poll(async () => {
    leader = await leaderNow(page);
    return leader !== -1 && leader !== options.not;
  }, { message: 'a leader is elected', timeout: 20_000 }).toBe(true);
  return leader;
}

/** Put keys `${prefix}0..n-1` through the cluster, pipelined; resolves when all are acknowledged. */
export function putMany(page: Page, prefix: string, n: number): Promise<void> {
  return page.evaluate(async ({ prefix, n }) => {
    const client = window.raftlab!.client;
    await Promise.all(Array.from({ length: n }, (_, i) => client.put(`${prefix}${i}`, `value-${prefix}${i}`)));
  }, { prefix, n });
}

/** Read keys back through the cluster: the values found (null if absent). */
export function getMany(page: Page, keys: string[]): Promise<(string | null)[]> {
  return page.evaluate(async (keys) => {
    const client = window.raftlab!.client;
    const results = await Promise.all(keys.map((k) => client.get(k)));
    return results.map((r) => (r.succ ? r.value : null));
  }, keys);
}

export function crash(page: Page, node: number): Promise<void> {
  return page.evaluate((i) => window.raftlab!.cluster.crash(i), node);
}

export function restart(page: Page, node: number): Promise<void> {
  return page.evaluate((i) => window.raftlab!.cluster.restart(i), node);
}

export function view(page: Page, node: number): Promise<NodeView> {
  return page.evaluate((i) => window.raftlab!.cluster.getState().nodes[i]!, node);
}
