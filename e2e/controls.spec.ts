import { expect, getMany, openApp, putMany, test, views, waitForLeader } from './fixtures';

/** Time control and cluster size, from the page. */

test('pause freezes the cluster (timers stop, messages are held); resume lets the command commit', async ({ page }) => {
  await openApp(page);
  await waitForLeader(page);
  await page.getByRole('button', { name: 'pause' }).click();
  const frozen = (await views(page)).map((v) => [v.term, v.commitIndex]);
  await page.evaluate(() => {
    const w = window as unknown as { result: unknown };
    w.result = 'pending';
    void window.raftlab!.client.put('held', 'yes', { timeoutMs: 60_000 }).then((r) => { w.result = r; });
  });
  // While paused the put can never commit: its AppendEntries wait in the followers' queues.
  await expect.poll(async () => (await views(page)).some((v) => v.log.lastIndex > 0)).toBe(true);
  expect(await page.evaluate(() => (window as unknown as { result: unknown }).result)).toBe('pending');
  expect((await views(page)).map((v) => [v.term, v.commitIndex])).toEqual(frozen);

  await page.getByRole('button', { name: 'resume' }).click();
  await expect.poll(() => page.evaluate(() => (window as unknown as { result: unknown }).result)).toEqual({ succ: true, key: 'held', value: 'yes' });
});

test('a slower clock and another size: reset wipes the data and the new size survives a reload', async ({ page }) => {
  await openApp(page);
  await waitForLeader(page);
  await putMany(page, 'old', 3);
  await page.evaluate(() => window.raftlab!.cluster.setSpeed(0.25));
  expect(await page.evaluate(() => window.raftlab!.cluster.getState().clock.speed)).toBe(0.25);

  await page.evaluate(() => window.raftlab!.cluster.reset({ size: 7 }));
  await expect(page.locator('tr[data-testid^="node-"]')).toHaveCount(7);
  await page.evaluate(() => window.raftlab!.cluster.setSpeed(1));
  await waitForLeader(page);
  expect(await getMany(page, ['old0'])).toEqual([null]);

  await page.getByLabel('size').selectOption('3');
  await expect(page.locator('tr[data-testid^="node-"]')).toHaveCount(3);
  await waitForLeader(page);
  await putMany(page, 'three', 2);
  await page.reload();
  await page.waitForFunction(() => window.raftlab !== undefined);
  await expect(page.locator('tr[data-testid^="node-"]')).toHaveCount(3);
  await waitForLeader(page);
  expect(await getMany(page, ['three0', 'three1'])).toEqual(['value-three0', 'value-three1']);
});
