import { readFileSync } from 'node:fs';
import { advance, axeViolations, expect, openApp, POLL_INTERVALS, snap, test, type Page } from './fixtures';

/**
 * The space-time diagram (issue 12, item 3) on the simulated engine with a fixed seed: a lane per
 * node, an arrow per message (named by its etcd-style line), linked both ways with the scrubber.
 */
const SEED = 7;
/** Pixels per virtual ms at the diagram's default zoom (geometry.ts SCALES[DEFAULT_SCALE_INDEX]). */
const SCALE = 0.4;
const TOP_PX = 12;

/** Show the Diagram tab (narrow) or panel (1600 px and wider), and wait for the picture. */
async function showDiagram(page: Page): Promise<void> {
  const tab = page.getByRole('tab', { name: 'Diagram' });
  await expect(tab.or(page.getByRole('region', { name: 'Diagram' })).first()).toBeVisible();
  if (await tab.isVisible()) await tab.click();
  await expect(diagram(page)).toBeVisible();
}

const diagram = (page: Page) => page.getByRole('region', { name: /^Space-time diagram/ });

/** Messages the diagram says it recorded. */
async function recorded(page: Page): Promise<number> {
  const text = await page.getByTestId('diagram-count').textContent();
  return Number(text!.replace(/[^0-9]/g, ''));
}

/** A 5-node run paused at 20.5 s of virtual time, reached in 2-second steps. */
async function fiveNodeRun(page: Page): Promise<void> {
  await openApp(page, '?speed=1&size=5', { engine: 'sim', seed: SEED, at: 500 });
  for (let i = 0; i < 10; i++) await advance(page, 2000);
}

test('a 5-node run of over 1,000 messages: a lane per node, an arrow per message, only those near the view in the page', async ({ page }) => {
  // Open while the run is played, so arrows drawn in flight must be redrawn when their messages arrive.
  await openApp(page, '?speed=1&size=5', { engine: 'sim', seed: SEED, at: 500 });
  await showDiagram(page);
  for (let i = 0; i < 10; i++) await advance(page, 2000);
  const sent = await page.evaluate(() => window.raftlab!.cluster.getState().nodes.reduce((sum, v) => sum + v.counters.sent, 0));
  expect(sent, 'the run sent over 1,000 messages').toBeGreaterThan(1000);
  await expect.poll(() => recorded(page), { message: 'every message the nodes sent is in the diagram', intervals: POLL_INTERVALS }).toBe(sent);
  await expect(diagram(page).getByRole('img', { name: /^Lane of node \d$/ })).toHaveCount(5);
  // Virtualised: only the arrows near the view are in the page.
  const arrows = diagram(page).getByRole('button', { name: /^\d->\d \w+ t\d+/ });
  await expect(arrows.first()).toBeVisible();
  expect(await arrows.count()).toBeLessThan(sent / 2);
  // Only messages due after the instant shown (20.5 s) are still drawn in flight.
  const flying = await diagram(page).getByRole('button', { name: /, in flight, due at / }).evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')!));
  for (const label of flying) expect(Number(/due at ([\d.]+) s$/.exec(label)![1]), label).toBeGreaterThanOrEqual(20.5);
  await snap(page, 'diagram');
});

test('linked with the scrubber both ways; a vote request shows its line and the rule it triggered; linked with the timeline: its selected event is marked in the diagram and scrolled into view', async ({ page }) => {
  await fiveNodeRun(page);
  await showDiagram(page);
  // The scrubber moves the diagram's time line, and scrolls it into view.
  await page.getByRole('slider', { name: 'Run time' }).fill('500');
  await expect(page.getByTestId('run-time')).toHaveText('t = 0.50 s');
  await diagram(page).scrollIntoViewIfNeeded();
  await expect(diagram(page).getByRole('img', { name: 'Current time: t = 0.50 s' })).toBeInViewport();

  // Selecting an arrow shows its message, as describeMessage prints it, and what the receiver's rules said.
  const vote = diagram(page).getByRole('button', { name: /^\d->\d RequestVote t\d+ .*, delivered at / }).first();
  const name = (await vote.getAttribute('aria-label'))!;
  // Arrows sent together overlap near their sender: the keyboard picks exactly this one.
  await vote.focus();
  await page.keyboard.press('Enter');
  await expect(vote).toHaveAttribute('aria-pressed', 'true');
  const details = page.getByRole('region', { name: 'Selected message' });
  await expect(details.locator('code')).toHaveText(name.split(',')[0]!);
  await expect(details.getByRole('list')).toContainText(/voteGranted|voteRejected/);
  await snap(page, 'diagram-selected');
  // One tab stop for hundreds of arrows (the region, and the selected arrow): → and ← step through
  // the messages in the order they were sent, Escape goes back to the region.
  await expect(diagram(page).locator('[data-key][tabindex="0"]')).toHaveCount(1);
  expect(await diagram(page).locator('[data-key]').count(), 'arrows drawn').toBeGreaterThan(20);
  const focused = () => page.evaluate(() => { const el = document.activeElement; return el?.getAttribute('data-key') ? { key: el.getAttribute('data-key'), at: Number(el.getAttribute('data-at')) } : el?.getAttribute('role'); });
  const from = await focused() as { key: string; at: number };
  await page.keyboard.press('ArrowRight');
  const after = await focused() as { key: string; at: number };
  expect(after.key, 'the next message has focus').not.toBe(from.key);
  expect(after.at, 'sent no earlier').toBeGreaterThanOrEqual(from.at);
  await page.keyboard.press('ArrowLeft');
  expect((await focused() as { key: string }).key, 'back to the selected one').toBe(from.key);
  await page.keyboard.press('Escape');
  expect(await focused(), 'the region has focus').toBe('region');

  // A click in the diagram (away from the arrows) shows the run at that instant: the scrubber moves there.
  const box = (await diagram(page).boundingBox())!;
  const svgTop = await diagram(page).locator('svg').evaluate((svg) => svg.getBoundingClientRect().top);
  const y = Math.round(box.y + box.height * 0.8);
  await page.mouse.click(box.x + 20, y);
  const wanted = Math.round((y - svgTop - TOP_PX) / SCALE);
  await expect.poll(() => page.evaluate(() => window.raftlab!.cluster.getState().run!.at), { message: `the run shown at ${wanted} ms` })
    .toBeGreaterThanOrEqual(wanted - 1);
  const at = await page.evaluate(() => window.raftlab!.cluster.getState().run!.at);
  expect(at).toBeLessThanOrEqual(wanted + 1);
  const shown = `t = ${(at / 1000).toFixed(2)} s`;
  await expect(page.getByTestId('run-time')).toHaveText(shown);
  await expect(diagram(page).getByRole('img', { name: `Current time: ${shown}` })).toBeInViewport();

  // Linked with the timeline. Back at the run's end (20.5 s), the diagram's view follows it: the
  // first election, far above, is out of view until the timeline selects it.
  await page.getByRole('slider', { name: 'Run time' }).press('End');
  await expect(page.getByTestId('run-time')).toHaveText('t = 20.50 s');
  await expect(diagram(page).getByRole('img', { name: 'Current time: t = 20.50 s' })).toBeInViewport();
  await expect(diagram(page).getByRole('img', { name: /becomes candidate in term 1$/ }).first()).not.toBeInViewport();
  const timelineTab = page.getByRole('tab', { name: 'Timeline' });
  if (await timelineTab.isVisible()) await timelineTab.click();
  // The oldest election line: far above the diagram's view, which follows the run's end (20.5 s).
  const election = page.getByRole('list', { name: 'Events, newest first' }).getByRole('button', { name: /starts an election for term 1$/ }).last();
  await election.click();
  await expect(election).toHaveAttribute('aria-pressed', 'true');
  const eventAt = await page.evaluate(() => window.raftlab!.store.getState().highlight!.at);
  await showDiagram(page);
  await diagram(page).scrollIntoViewIfNeeded();
  await expect(diagram(page).getByRole('img', { name: `Timeline event at t = ${(eventAt / 1000).toFixed(2)} s` })).toBeInViewport();
  await expect(diagram(page).getByRole('img', { name: /becomes candidate in term 1$/ }).first()).toBeVisible();
});

test('exports what it shows as SVG and PNG; accessible in both themes: axe finds nothing in the diagram, a message selected', async ({ page }) => {
  await fiveNodeRun(page);
  await showDiagram(page);
  const [svg] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export SVG' }).click()]);
  expect(svg.suggestedFilename()).toBe('raftlab-diagram.svg');
  const markup = readFileSync((await svg.path())!, 'utf8');
  expect(markup).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  expect(markup).toContain('>Node 4</text>');
  expect(markup).toMatch(/<line[^>]*stroke:/);
  const [png] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export PNG' }).click()]);
  expect(png.suggestedFilename()).toBe('raftlab-diagram.png');
  expect([...readFileSync((await png.path())!).subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);

  // Accessible in both themes, a message selected.
  // Zoomed in, fewer arrows are drawn at once (one heartbeat round per band or so): axe takes seconds, not a minute.
  const zoomIn = page.getByRole('button', { name: 'Zoom in' });
  await zoomIn.click();
  await zoomIn.click();
  await expect(zoomIn).toBeDisabled();
  await diagram(page).getByRole('button', { name: /^\d->\d AppendEntries/ }).first().focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: 'Selected message' })).toBeVisible();
  expect(await axeViolations(page, '.diagram'), 'light theme').toEqual([]);
  await page.getByRole('button', { name: 'Dark theme' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await axeViolations(page, '.diagram'), 'dark theme').toEqual([]);
});

test('the live engine (a Worker per node) is drawn too: its messages, named by their lines', async ({ page }) => {
  await openApp(page, '?speed=1');
  await showDiagram(page);
  await expect.poll(() => recorded(page), { message: 'messages recorded from the workers', intervals: POLL_INTERVALS }).toBeGreaterThan(20);
  await expect(diagram(page).getByRole('button', { name: /^\d->\d (RequestVote|AppendEntries)(Reply)? t\d+/ }).first()).toBeVisible();
});
