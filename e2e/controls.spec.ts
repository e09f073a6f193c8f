import { expect, getMany, openApp, POLL_INTERVALS, putMany, resetCluster, test, views, waitForLeader } from './fixtures';

/**
 * Engine: the simulated one with a fixed seed for Pause and Step (a seed gives the same leader every
 * run); the live engine for size and reset, which are about what its IndexedDB keeps across a
 * reload or wipes, and for speed and auto-pause, which read the clock back the moment they act: the
 * simulated engine's clock lives in its worker and reaches the page a report later, so there two
 * quick presses of + step the speed once, and a pause followed at once by hiding the tab is undone
 * when the tab shows again (src/ui/commands/time.ts, src/ui/app/visibility.ts).
 *
 * Time and cluster-wide controls: pause, step, speed, keyboard, size, reset (and its confirmation,
 * issue 8, 3f: it asks before it wipes anything), auto-pause.
 */

/** Seed 7 elects node 4 in term 1 within a second of virtual time. */
const SIM = { engine: 'sim', seed: 7 } as const;

const result = (page: import('@playwright/test').Page) => page.evaluate(() => (window as unknown as { result: unknown }).result);

test('Pause freezes the cluster (timers stop, messages are held); Resume lets the command commit; Step lets a little time pass while paused, then holds again', async ({ page }) => {
  // Opened paused at 1.5 s of virtual time, where the seed's leader is in place; let run, then paused by the button.
  await openApp(page, '?speed=1', { ...SIM, at: 1500 });
  await waitForLeader(page);
  await page.getByRole('button', { name: 'Resume', exact: true }).click();
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Resume', exact: true })).toBeVisible();
  const frozen = (await views(page)).map((v) => [v.term, v.commitIndex]);
  await page.evaluate(() => {
    const w = window as unknown as { result: unknown };
    w.result = 'pending';
    void window.raftlab!.client.put('held', 'yes', { timeoutMs: 60_000 }).then((r) => { w.result = r; });
  });
  // While paused the put can never commit: its AppendEntries wait in the followers' queues.
  await expect.poll(async () => (await views(page)).some((v) => v.log.lastIndex > 0), { intervals: POLL_INTERVALS }).toBe(true);
  expect(await result(page)).toBe('pending');
  expect((await views(page)).map((v) => [v.term, v.commitIndex])).toEqual(frozen);

  await page.getByRole('button', { name: 'Resume', exact: true }).click();
  await expect.poll(() => result(page), { intervals: POLL_INTERVALS }).toEqual({ succ: true, key: 'held', value: 'yes' });

  // Step: paused again, by the button.
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  // The simulated engine's clock is in its worker: read the instant once the page shows the pause.
  await expect(page.getByRole('button', { name: 'Resume', exact: true })).toBeVisible();
  await page.waitForFunction(() => window.raftlab!.cluster.getState().clock.paused);
  const at = await page.evaluate(() => window.raftlab!.cluster.now());
  // Ten steps of 25 ms: longer than a heartbeat interval plus a message delay (150 + 75 ms).
  for (let i = 0; i < 10; i++) await page.getByRole('button', { name: 'Step', exact: true }).click();
  // Each step pauses where it ends; wait for the clock to stand still at or past the last one's end.
  await page.waitForFunction((end) => {
    const { clock } = window.raftlab!.cluster.getState();
    return clock.paused && clock.anchorVirtualMs >= end - 0.5;
  }, at + 250);
  expect(await page.evaluate(() => window.raftlab!.cluster.now())).toBeCloseTo(at + 250, 0);
  // Heartbeats arrived during the steps: followers' timers were re-armed after the pause began.
  await expect.poll(async () => (await views(page)).filter((v) => v.role === 'follower' && v.timer.electionSetAt > at).length, { intervals: POLL_INTERVALS }).toBeGreaterThan(0);
});

test('speed: the select, the buttons and the keyboard (Space, +, −, .) all act at once; a hidden tab pauses the cluster and a visible one resumes it (unless the user had paused)', async ({ page }) => {
  await openApp(page);
  const speed = () => page.evaluate(() => window.raftlab!.cluster.getState().clock.speed);
  const paused = () => page.evaluate(() => window.raftlab!.cluster.getState().clock.paused);
  await page.getByLabel('Speed', { exact: true }).selectOption('0.25');
  expect(await speed()).toBe(0.25);
  await page.getByRole('button', { name: 'Faster', exact: true }).click();
  expect(await speed()).toBe(0.5);
  await page.getByRole('button', { name: 'Slower', exact: true }).click();
  expect(await speed()).toBe(0.25);
  await page.locator('body').click({ position: { x: 2, y: 2 } });
  await page.keyboard.press('+');
  expect(await speed()).toBe(0.5);
  await page.keyboard.press('-');
  expect(await speed()).toBe(0.25);
  await page.keyboard.press(' ');
  expect(await paused()).toBe(true);
  const at = await page.evaluate(() => window.raftlab!.cluster.now());
  await page.keyboard.press('.');
  await expect.poll(async () => (await paused()) && (await page.evaluate(() => window.raftlab!.cluster.now())) > at, { intervals: POLL_INTERVALS }).toBe(true);
  await page.keyboard.press(' ');
  expect(await paused()).toBe(false);
  await page.getByLabel('Speed', { exact: true }).selectOption('2');
  expect(await speed()).toBe(2);

  // Auto-pause: the tab hidden and shown again, running (as left above) and then paused by the user.
  const setHidden = (hidden: boolean) => page.evaluate((hidden) => {
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
    document.dispatchEvent(new Event('visibilitychange'));
  }, hidden);
  await setHidden(true);
  expect(await paused()).toBe(true);
  await setHidden(false);
  expect(await paused()).toBe(false);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await setHidden(true);
  await setHidden(false);
  expect(await paused()).toBe(true);
});

test('cluster size 7 and 3: a new empty cluster, and the size survives a reload', async ({ page }) => {
  await openApp(page);
  await waitForLeader(page);
  await putMany(page, 'old', 3);
  await page.getByRole('button', { name: '7 nodes', exact: true }).click();
  await expect(page.getByRole('button', { name: /^Node \d:/ })).toHaveCount(7);
  await expect(page.getByRole('button', { name: '7 nodes', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await waitForLeader(page);
  expect(await getMany(page, ['old0'])).toEqual([null]);

  await page.getByRole('button', { name: '3 nodes', exact: true }).click();
  await expect(page.getByRole('button', { name: /^Node \d:/ })).toHaveCount(3);
  await waitForLeader(page);
  await putMany(page, 'three', 2);
  await page.reload();
  await page.waitForFunction(() => window.raftlab !== undefined);
  await expect(page.getByRole('button', { name: /^Node \d:/ })).toHaveCount(3);
  await waitForLeader(page);
  expect(await getMany(page, ['three0', 'three1'])).toEqual(['value-three0', 'value-three1']);
});

test('Reset cluster asks first: Cancel keeps everything, Escape too; confirming wipes every store and starts over', async ({ page }) => {
  await openApp(page);
  await waitForLeader(page);
  await putMany(page, 'kept', 2);
  const header = page.getByRole('banner');
  const dialog = page.getByRole('alertdialog', { name: 'Reset the cluster?' });
  await header.getByRole('button', { name: 'Reset cluster', exact: true }).click();
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await header.getByRole('button', { name: 'Reset cluster', exact: true }).click();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  expect(await getMany(page, ['kept0'])).toEqual(['value-kept0']);
  await expect(page.getByRole('list', { name: 'Events, newest first' })).not.toContainText('You reset the cluster');

  // Confirmed: the workers' IndexedDB stores are wiped, so the new cluster starts with none of it.
  await resetCluster(page);
  await expect(page.getByRole('list', { name: 'Events, newest first' })).toContainText('You reset the cluster');
  await waitForLeader(page);
  expect(await getMany(page, ['kept0', 'kept1'])).toEqual([null, null]);
});
