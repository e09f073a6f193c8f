import { axeViolations, expect, nodeAction, openApp, putMany, test, views } from './fixtures';

/**
 * The log view shows the whole log (issue 12): a sideways scroller over every index, drawing only
 * the columns in view; entries older than the views' last 24 are read from the nodes (readLog) as
 * it scrolls back; it follows the newest until the user scrolls away, and "Newest" jumps back.
 */

const SIM = { engine: 'sim', seed: 5, at: 3000 } as const;
const PUTS = 60;
/** User text in a cell is isolated (FSI … PDI, src/ui/model/user-text.ts). */
const isolated = (text: string): string => `\u2068${text}\u2069`;

test('scroll back to index 1 by keyboard and by the scroller, see its term and command, then the newest again; a snapshot block starts its row', async ({ page }) => {
  await openApp(page, '?speed=1&size=3&profile=lab&theme=light', SIM);
  await page.evaluate(() => window.raftlab!.cluster.resume());
  await putMany(page, 'k', PUTS);
  await expect.poll(async () => (await views(page)).every((v) => v.commitIndex >= PUTS && v.lastApplied >= PUTS)).toBe(true);
  const nodes = await views(page);
  const leader = nodes.find((v) => v.role === 'leader')!;
  const newest = leader.log.lastIndex;
  expect(leader.log.window[0]!.index, 'index 1 is older than the entries the views carry').toBeGreaterThan(1);

  const grid = page.locator('section[aria-label="Logs"] .log-grid');
  const row = page.getByRole('group', { name: `Log of node ${leader.id}` });
  // Scrolled to the end by default: the newest entry shows, index 1 is not drawn at all (windowed).
  await expect(row.locator(`.log-cell[data-index="${newest}"]`)).toBeInViewport();
  await expect(row.locator('.log-cell[data-index="1"]')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Newest', exact: true })).toHaveCount(0);

  // Keyboard: Home from the row's cell reaches index 1, read from the node, focused and in view.
  await row.locator('.log-cell[tabindex="0"]').focus();
  await page.keyboard.press('Home');
  const first = row.locator('.log-cell[data-index="1"]');
  await expect(first).toBeFocused();
  await expect(first).toBeInViewport();
  await expect(first).toHaveText(`t${leader.term}\n${isolated('k0=value-k0')}`);
  await expect(first).toHaveAccessibleName(`index 1, term ${leader.term}, ${isolated('put k0=value-k0')}, committed, applied, in disk`);
  // The index header scrolls with the cells: its "1" stands over the cell for index 1.
  const headerOne = grid.locator('.log-header .log-index', { hasText: /^1$/ });
  expect((await headerOne.boundingBox())!.x).toBeCloseTo((await first.boundingBox())!.x, 0);

  // "Newest" jumps back to the end, and the grid follows the log again.
  await page.getByRole('button', { name: 'Newest', exact: true }).click();
  await expect(row.locator(`.log-cell[data-index="${newest}"]`)).toBeInViewport();
  await expect(page.getByRole('button', { name: 'Newest', exact: true })).toHaveCount(0);

  // A follower compacts its log: scrolled to the start, its row begins with the snapshot block.
  const follower = nodes.find((v) => v.role !== 'leader')!.id;
  await nodeAction(page, follower, `Save snapshot on node ${follower}`);
  await expect.poll(async () => (await views(page))[follower]!.log.snapshotIndex).toBeGreaterThanOrEqual(PUTS);
  const snapshotIndex = (await views(page))[follower]!.log.snapshotIndex;
  await grid.evaluate((element) => { element.scrollLeft = 0; });
  const block = page.getByRole('group', { name: `Log of node ${follower}` }).locator('.log-snapshot');
  await expect(block).toContainText(`snapshot ≤${snapshotIndex}`);
  await expect(block).toBeInViewport();
  expect((await block.boundingBox())!.x).toBeCloseTo((await headerOne.boundingBox())!.x, 0);
  // The other rows at index 1 by scrolling alone: the leader's entry is read again and drawn.
  await expect(first).toHaveText(`t${leader.term}\n${isolated('k0=value-k0')}`);

  // WCAG AA on the scrolled-back log panel, in both themes.
  expect(await axeViolations(page, 'section[aria-label="Logs"]'), 'light theme').toEqual([]);
  await page.getByRole('button', { name: 'Dark theme' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await axeViolations(page, 'section[aria-label="Logs"]'), 'dark theme').toEqual([]);
});
