import type { Page } from '@playwright/test';
import { expect, getMany, openApp, putMany, test, waitForLeader } from './fixtures';

/**
 * Issue 8, 3a: two tabs of one origin share IndexedDB, and two tabs running one cluster lost 8 of
 * 16 acknowledged puts. One tab owns the cluster (a Web Lock); another says so and offers to take
 * it over; the owner stops its workers (each finishing its write) before the new owner starts.
 */

/** Live worker threads per tab, and a note of any moment when both tabs had some. */
function watchWorkers(tabs: readonly Page[]) {
  const live = tabs.map(() => 0);
  const overlaps: string[] = [];
  tabs.forEach((tab, i) => {
    tab.on('worker', (worker) => {
      live[i]!++;
      if (live.some((n, j) => j !== i && n > 0)) overlaps.push(`tab ${i + 1} started a worker while the other tab still ran ${live.map((n) => n).join(' / ')}`);
      worker.on('close', () => { live[i]!--; });
    });
  });
  return { live, overlaps };
}

/** Every error the page throws or logs fails the test (the fixture does it for the first page). */
function failOnErrors(tab: Page, errors: string[]): void {
  tab.on('pageerror', (error) => errors.push(error.message));
  tab.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
}

/** Start `n` puts in the tab without waiting; collect later with acknowledged(). */
function startPuts(tab: Page, prefix: string, n: number): Promise<void> {
  return tab.evaluate(({ prefix, n }) => {
    const w = window as unknown as { acks: string[]; settled: Promise<unknown> };
    w.acks = [];
    w.settled = Promise.allSettled(Array.from({ length: n }, (_, i) => window.raftlab!.client
      .put(`${prefix}${i}`, `value-${prefix}${i}`, { timeoutMs: 20_000 })
      .then(() => { w.acks.push(`${prefix}${i}`); })));
  }, { prefix, n });
}

/** The keys of startPuts() the cluster acknowledged (the others were cancelled by the hand-over). */
function acknowledged(tab: Page): Promise<string[]> {
  return tab.evaluate(async () => {
    const w = window as unknown as { acks: string[]; settled: Promise<unknown> };
    await w.settled;
    return w.acks;
  });
}

/**
 * Election timeouts of 1.5–2.5 s in this tab's cluster (its workers get them whenever it runs
 * them): on a busy machine 0.3–0.5 s timeouts churn through elections, and a read can find no
 * leader for its whole time-out. What this file tests is the hand-over, not the timing.
 */
function patientElections(tab: Page): Promise<void> {
  return tab.evaluate(() => window.raftlab!.cluster.setTiming({ electionTimeoutMinMs: 1500, electionTimeoutMaxMs: 2500 }));
}

const values = (keys: readonly string[]) => keys.map((k) => `value-${k}`);
const range = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

test('a second tab says the cluster is open elsewhere and never writes (Reset cluster and node commands do nothing there), takes it over cleanly and back, and no acknowledged put is lost', async ({ page, context }) => {
  test.setTimeout(120_000); // three hand-overs, each followed by an election
  const errors: string[] = [];
  const second = await context.newPage();
  failOnErrors(second, errors);
  const workers = watchWorkers([page, second]);

  await openApp(page);
  await patientElections(page);
  await waitForLeader(page);
  await putMany(page, 'a', 16);

  await openApp(second);
  await patientElections(second);
  await expect(second.getByRole('heading', { name: 'This cluster is open in another tab' })).toBeVisible();
  // The tab opened second never writes: Reset cluster and node commands do nothing there.
  expect(await second.evaluate(() => window.raftlab!.cluster.reset())).toBe(false);
  await second.evaluate(() => window.raftlab!.cluster.resetNode(0));
  expect(second.workers()).toHaveLength(0);
  expect(await getMany(page, range('a', 16))).toEqual(values(range('a', 16)));
  // The first tab's cluster runs on, and the second tab writes nothing meanwhile.
  await putMany(page, 'b', 8);
  expect(workers.live).toEqual([5, 0]);

  // Take over while puts are in flight in the first tab: each ends acknowledged or cancelled.
  await startPuts(page, 'c', 20);
  await second.getByRole('button', { name: 'Take over here' }).click();
  await expect(page.getByRole('heading', { name: 'Another tab took this cluster over' })).toBeVisible();
  const inFlight = await acknowledged(page);
  await waitForLeader(second);
  expect(workers.live).toEqual([0, 5]);
  const keys = [...range('a', 16), ...range('b', 8), ...inFlight];
  expect(await getMany(second, keys)).toEqual(values(keys));
  await putMany(second, 'd', 8);

  // And back: the first tab takes it over again, with what the second wrote.
  await page.getByRole('button', { name: 'Take it back here' }).click();
  await expect(second.getByRole('heading', { name: 'Another tab took this cluster over' })).toBeVisible();
  await waitForLeader(page);
  expect(await getMany(page, range('d', 8))).toEqual(values(range('d', 8)));

  // Close the second tab and reload the first: every acknowledged put is still there.
  await second.close();
  await page.reload();
  await page.waitForFunction(() => window.raftlab !== undefined);
  await patientElections(page);
  await waitForLeader(page);
  const all = [...keys, ...range('d', 8)];
  expect(await getMany(page, all)).toEqual(values(all));
  expect(workers.overlaps, 'no moment with workers in both tabs').toEqual([]);
  expect(errors).toEqual([]);
});

test('taking over from a tab that never lets go (frozen) says so after a few seconds, and Stop waiting leaves the cluster with it', async ({ page, context }) => {
  const errors: string[] = [];
  // The "owner": a page of this origin that holds the cluster's Web Lock and never answers the
  // hand-over request, as a tab the browser froze in the background would.
  await page.goto('/?cluster=off');
  await page.evaluate(() => new Promise<void>((held) => {
    void navigator.locks.request('raftlab:app', () => { held(); return new Promise<void>(() => {}); });
  }));
  const second = await context.newPage();
  failOnErrors(second, errors);
  await openApp(second);
  await expect(second.getByRole('heading', { name: 'This cluster is open in another tab' })).toBeVisible();

  await second.getByRole('button', { name: 'Take over here' }).click();
  await expect(second.getByRole('heading', { name: 'Taking the cluster over…' })).toBeVisible();
  await expect(second.getByTestId('slow-owner')).toContainText('may be frozen');
  await second.getByRole('button', { name: 'Stop waiting' }).click();

  await expect(second.getByRole('heading', { name: 'This cluster is open in another tab' })).toBeVisible();
  await expect(second.getByRole('button', { name: 'Take over here' })).toBeVisible();
  expect(second.workers()).toHaveLength(0);
  // The lock is still the owner's: the cancelled request did not take it.
  expect(await second.evaluate(() => navigator.locks.request('raftlab:app', { ifAvailable: true }, (lock) => lock !== null))).toBe(false);
  expect(errors).toEqual([]);
});
