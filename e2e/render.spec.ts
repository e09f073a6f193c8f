import { expect, openApp, snap, test, waitForLeader } from './fixtures';

/**
 * Engine: the simulated one with a fixed seed (what is checked is the page's layout, theme and
 * names; a seed gives the same leader, so the same headline, every run).
 *
 * The page renders what it should, with no click, at both sizes and in both themes.
 */

/** Seed 11 elects node 0 in term 1 within a second of virtual time. */
const SIM = { engine: 'sim', seed: 11 } as const;

for (const [width, height] of [[1280, 800], [1920, 1080]] as const) {
  test(`at ${width}×${height} the page shows the cluster, logs, timeline and controls, panels not overlapping`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    // Opened at 1.5 s of virtual time (the leader elected at once, not in real time on a busy
    // machine), then running again, as a page left to itself runs.
    await openApp(page, '?speed=1&theme=light', { ...SIM, at: 1500 });
    await page.evaluate(() => window.raftlab!.cluster.resume());
    await waitForLeader(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Node \d leads term \d+$/);
    await expect(page.getByRole('button', { name: /^Node \d:/ })).toHaveCount(5);
    await expect(page.getByRole('group', { name: /^Log of node \d$/ })).toHaveCount(5);
    for (const name of ['Pause', 'Step', 'Reset cluster', 'Inject a bug', 'Legend and shortcuts', 'Partition…', 'Heal all', 'Raft timing…']) {
      await expect(page.getByRole('button', { name, exact: true })).toBeVisible();
    }
    for (const name of ['Speed', 'Message loss', 'Message delay']) await expect(page.getByLabel(name, { exact: true })).toBeVisible();

    // Not blank: the picture is large, and every node is drawn inside it at a readable size.
    const svg = (await page.getByRole('group', { name: 'Cluster of 5 nodes' }).boundingBox())!;
    expect(svg.width).toBeGreaterThan(400);
    expect(svg.height).toBeGreaterThan(250);
    for (const node of await page.getByRole('button', { name: /^Node \d:/ }).all()) {
      const box = (await node.boundingBox())!;
      expect(box.width).toBeGreaterThan(40);
      expect(box.x).toBeGreaterThanOrEqual(svg.x);
      expect(box.x + box.width).toBeLessThanOrEqual(svg.x + svg.width);
    }
    await expect(page.getByRole('button', { name: /^Link \d–\d:/ })).toHaveCount(10);
    // The four regions never overlap, and none spills out of the window.
    const boxes = await Promise.all(['.stage', '.logs', '.inspector', '.side-a > .card:last-child, .side-b'].map(async (s) => (await page.locator(s).first().boundingBox())!));
    for (const box of boxes) {
      expect(box.x + box.width).toBeLessThanOrEqual(width + 0.5);
      expect(box.y + box.height).toBeLessThanOrEqual(height + 0.5);
    }
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
      const [a, b] = [boxes[i]!, boxes[j]!];
      const overlap = a.x < b.x + b.width - 1 && b.x < a.x + a.width - 1 && a.y < b.y + b.height - 1 && b.y < a.y + a.height - 1;
      expect(overlap, `regions ${i} and ${j} overlap`).toBe(false);
    }
    await snap(page, `page-${width}x${height}`);
  });
}

test('the legend explains shapes and keys; every control has an accessible name; the dark theme switches every surface, and the choice survives a reload', async ({ page }) => {
  await openApp(page, '?speed=1&theme=light', SIM);
  const legend = page.getByRole('dialog', { name: 'Legend' });
  // window.raftlab exists before React has attached its key handler (an effect, after the first
  // paint): press until the legend shows, as a user would press again (a busy machine lost the
  // first press once in a full run).
  await expect(async () => {
    if (!(await legend.isVisible())) await page.keyboard.press('?');
    await expect(legend).toBeVisible({ timeout: 1_000 });
  }).toPass();
  await expect(legend).toContainText('RequestVote');
  await expect(legend).toContainText('vote refused');
  await expect(legend).toContainText('Stale leader');
  await expect(legend).toContainText('pause / resume');
  await page.keyboard.press('Escape');
  await expect(legend).toBeHidden();
  const unnamed = await page.evaluate(() => [...document.querySelectorAll('button, select, input, [role="button"]')]
    .filter((el) => !(el.getAttribute('aria-label') || el.textContent?.trim() || (el as HTMLInputElement).labels?.[0]?.textContent?.trim()))
    .map((el) => el.outerHTML.slice(0, 80)));
  expect(unnamed).toEqual([]);

  // The dark theme, on the same page.
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const light = await background();
  await page.getByRole('button', { name: 'Dark theme', exact: true }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await background()).not.toBe(light);
  await waitForLeader(page);
  await snap(page, 'dark');
  await openApp(page, '?speed=1', SIM); // the same page again, without ?theme
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
});
