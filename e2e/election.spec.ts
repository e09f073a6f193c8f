import { crash, expect, getMany, leaderNow, openApp, putMany, restart, test, view, views, waitForLeader } from './fixtures';

/** Leader election and recovery with real workers (§5.2), as a user would try it on the page. */

test('five nodes start by themselves and elect one leader', async ({ page }) => {
  await openApp(page);
  await expect(page.locator('tr[data-testid^="node-"]')).toHaveCount(5);
  await expect(page.locator('tr[data-role="leader"]')).toHaveCount(1, { timeout: 20_000 });
  await expect(page.locator('tr[data-status="running"]')).toHaveCount(5);
  const all = await views(page);
  const leader = all.find((v) => v.role === 'leader')!;
  // Every node knows the one leader and its term.
  await expect.poll(async () => (await views(page)).every((v) => v.term === leader.term && v.leaderId === leader.id)).toBe(true);
  await page.screenshot({ path: test.info().outputPath('elected.png'), fullPage: true });
});

test('crash the leader: a new one is elected; the old one restarts from IndexedDB and catches up', async ({ page }) => {
  await openApp(page);
  const first = await waitForLeader(page);
  await putMany(page, 'before', 10);
  // State reports stream at intervals: wait until the leader's report shows the ten entries.
  await expect.poll(async () => (await view(page, first)).log.lastIndex).toBeGreaterThanOrEqual(10);
  const lastBefore = (await view(page, first)).log.lastIndex;

  await crash(page, first);
  await waitForLeader(page, { not: first });
  await putMany(page, 'after', 10);

  // Restart the old leader cut off from the others: all it can have is what IndexedDB kept.
  await page.evaluate((i) => window.raftlab!.cluster.isolate(i), first);
  await restart(page, first);
  await expect.poll(async () => (await view(page, first)).status).toBe('running');
  const restored = await view(page, first);
  expect(restored.log.lastIndex).toBe(lastBefore);
  expect(restored.durable.lastIndex).toBe(lastBefore);
  expect(restored.commitIndex).toBe(0); // volatile (Figure 2): relearned from the leader

  await page.evaluate((i) => window.raftlab!.cluster.rejoin(i), first);
  await expect.poll(async () => {
    const [old, leader] = [await view(page, first), await view(page, await leaderNow(page))];
    return old.lastApplied > 0 && old.lastApplied === leader.commitIndex && old.log.lastIndex === leader.log.lastIndex;
  }, { timeout: 20_000 }).toBe(true);
  expect(await getMany(page, ['before0', 'after9'])).toEqual(['value-before0', 'value-after9']);
});
