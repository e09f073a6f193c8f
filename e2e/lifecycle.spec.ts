import type { Page } from '@playwright/test';
import { expect, getMany, openApp, putMany, test, views, waitForLeader, POLL_INTERVALS } from './fixtures';

/**
 * Issue 8, 3b: double-clicking Reset cluster, or clicking 7 then 5 nodes 30 ms apart, left 10
 * workers for 5 nodes, merged their reports and raised a false "two leaders in term 1"; 30
 * commands pending at the reset committed into the new cluster. Resets and resizes now run one
 * after the other, reports of an older generation are dropped, and pending commands are cancelled.
 */

/** Pause, then offer puts that cannot commit while time stands still; their results, once settled. */
async function pendingPuts(page: Page, prefix: string, n: number): Promise<() => Promise<string[]>> {
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  const before = Math.max(...(await views(page)).map((v) => v.log.lastIndex));
  await page.evaluate(({ prefix, n }) => {
    const w = window as unknown as { pending: Promise<string[]> };
    w.pending = Promise.all(Array.from({ length: n }, (_, i) => window.raftlab!.client
      .put(`${prefix}${i}`, 'v', { timeoutMs: 30_000 })
      .then(() => 'acknowledged', (error: Error) => error.message)));
  }, { prefix, n });
  // Every put has reached the leader's log (placed) before the reset comes.
  await expect.poll(async () => (await views(page)).some((v) => v.role === 'leader' && v.log.lastIndex >= before + n), { intervals: POLL_INTERVALS }).toBe(true);
  return () => page.evaluate(() => (window as unknown as { pending: Promise<string[]> }).pending);
}

/**
 * Reset from the top bar twice, the second while the first is still wiping: the way a double click
 * on Reset cluster's confirmation reaches the cluster.
 */
async function resetTwiceQuickly(page: Page): Promise<void> {
  const dialog = page.getByRole('alertdialog', { name: 'Reset the cluster?' });
  for (let i = 0; i < 2; i++) {
    await page.getByRole('banner').getByRole('button', { name: 'Reset cluster', exact: true }).click();
    await dialog.getByRole('button', { name: 'Reset cluster', exact: true }).click();
  }
}

/** After the storm: one worker per node, a leader, and no invariant violation. */
async function expectOneClusterOf(page: Page, size: number): Promise<void> {
  await expect(page.getByRole('button', { name: /^Node \d:/ })).toHaveCount(size);
  await expect.poll(() => page.workers().length, { intervals: POLL_INTERVALS, message: 'one worker per node, none orphaned' }).toBe(size);
  await waitForLeader(page);
  expect((await views(page)).map((v) => v.id)).toEqual([...Array(size).keys()]);
  await expect(page.getByTestId('violation')).toHaveCount(0);
  expect(page.workers()).toHaveLength(size);
}

test('a double Reset leaves one cluster of 5 workers, no false violation, and the pending puts cancelled', async ({ page }) => {
  test.setTimeout(120_000); // two elections and a reset on a machine that may be busy
  await openApp(page);
  await waitForLeader(page);
  await putMany(page, 'old', 3);
  const results = await pendingPuts(page, 'pending', 10);

  await resetTwiceQuickly(page);
  expect(await results()).toEqual(Array(10).fill('cancelled: cluster reset'));
  await page.getByRole('button', { name: 'Resume', exact: true }).click();
  await expectOneClusterOf(page, 5);
  // Nothing of the old cluster, and none of the cancelled puts, is in the new one.
  expect(await getMany(page, ['old0', 'pending0', 'pending9'])).toEqual([null, null, null]);
  await putMany(page, 'new', 3);
  await expect(page.getByTestId('violation')).toHaveCount(0);
});

test('sizes 7 then 5 clicked in quick succession end with 5 nodes and 5 workers, and no violation; the remembered cluster wins over ?size, and the page says the parameter was ignored', async ({ page }) => {
  test.setTimeout(120_000);
  await openApp(page);
  await waitForLeader(page);
  const results = await pendingPuts(page, 'pending', 5);

  await page.getByRole('button', { name: '7 nodes', exact: true }).click();
  await page.getByRole('button', { name: '5 nodes', exact: true }).click({ delay: 0 });
  expect(await results()).toEqual(Array(5).fill('cancelled: cluster reset'));
  await page.getByRole('button', { name: 'Resume', exact: true }).click();
  await expectOneClusterOf(page, 5);
  await expect(page.getByRole('button', { name: '5 nodes', exact: true })).toHaveAttribute('aria-pressed', 'true');
  expect(await getMany(page, ['pending0'])).toEqual([null]);
  // Opened again, asking for 7 nodes: the 5-node cluster comes back (the last size asked for is the
  // one remembered), and a remembered cluster wins over ?size.
  await openApp(page, '?speed=1&size=7');
  await expectOneClusterOf(page, 5);
  await expect(page.getByRole('status', { name: 'Ignored URL parameters' }))
    .toContainText('?size=7 ignored: a remembered 5-node cluster exists');
});
