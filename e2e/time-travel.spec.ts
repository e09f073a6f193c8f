import { expect, nodeAction, openApp, openClientPanel, sendCommand, showPanel, test, view, waitForLeader, type Page } from './fixtures';

/**
 * The page's time (issue 9, items 3 and 4). On the simulated engine (`?engine=sim&seed=N`): the
 * "Run time" slider goes back over the run and every panel shows that moment (the same nodes the
 * page showed then, the timeline and client history cut there), Step back / Step forward move one
 * event, and acting in the past forks a new future, said on screen. On the live engine: rewind over
 * the states the page kept, labelled as the past while the cluster runs on, and "Back to live".
 * Tests wait for states (the engine's position, the store), never for time.
 */

/** The simulated engine's place in its run, as the page holds it. */
function runOf(page: Page): Promise<{ at: number; endAt: number; step: number; endStep: number; inPast: boolean; forks: number } | null> {
  return page.evaluate(() => window.raftlab!.store.getState().run);
}

/** The nodes as the page shows them (the store's state), without what differs between two views of one moment only in identity. */
function shownNodes(page: Page): Promise<string> {
  return page.evaluate(() => JSON.stringify(window.raftlab!.store.getState().nodes));
}

/** Open the simulated engine with `seed` and run it forwards at once to `at` virtual ms (the engine pauses there). */
async function openSimAt(page: Page, seed: number, at: number): Promise<void> {
  await openApp(page, `?engine=sim&seed=${seed}&speed=1`);
  await page.waitForFunction(() => window.raftlab?.engine === 'sim');
  await seekForward(page, at);
}

async function seekForward(page: Page, at: number): Promise<void> {
  await page.evaluate((ms) => window.raftlab!.seek!(ms), at);
  await waitForRunAt(page, at);
}

/** Wait until the page shows the engine standing at `at` virtual ms. */
async function waitForRunAt(page: Page, at: number): Promise<void> {
  await page.waitForFunction((ms) => {
    const s = window.raftlab!.store.getState();
    return s.run?.at === ms && s.clock?.paused === true && s.nodes.every((v) => v.at <= ms);
  }, at);
}

/** The timeline as the store holds it: each row's time and title. */
function timelineRows(page: Page): Promise<string[]> {
  return page.evaluate(() => window.raftlab!.store.getState().timeline.map((row) => `${row.at} ${row.title}`));
}

/** Show the Timeline panel (a tab on narrow screens). */
async function openTimeline(page: Page): Promise<void> {
  await showPanel(page, 'Timeline');
}

const T1 = 4000;
const T2 = 9000;

test.describe('time travel on the simulated engine', () => {
  test('scrubbing back shows the moment as it was: nodes, logs, timeline and client history', async ({ page }) => {
    await openSimAt(page, 11, T1);
    const leader = await waitForLeader(page);
    // What the page showed at T1, the first time through.
    const seenAtT1 = await shownNodes(page);
    const leaderAtT1 = await view(page, leader);
    // A put after T1 (at the run's end: no fork), then on to T2: the logs grow past what they were.
    await seekForward(page, T1 + 500);
    await sendCommand(page, { op: 'put', key: 'later', value: 'v' });
    await seekForward(page, T2);
    await expect.poll(async () => (await view(page, leader)).log.lastIndex, { message: 'the put is in the leader\'s log by T2' })
      .toBeGreaterThan(leaderAtT1.log.lastIndex);
    const results = page.getByTestId('kv-results');
    await expect(results).toContainText('later');
    expect((await runOf(page))!.inPast).toBe(false);

    const rowsAtT2 = await timelineRows(page);
    const slider = page.getByRole('slider', { name: 'Run time' });
    await expect(slider).toHaveAttribute('max', String(T2));
    await slider.fill(String(T1));
    await waitForRunAt(page, T1);
    expect((await runOf(page))!.inPast).toBe(true);
    expect(await shownNodes(page)).toBe(seenAtT1);
    await expect(page.getByTestId(`node-${leader}`)).toHaveAttribute('data-term', String(leaderAtT1.term));
    await expect(page.getByRole('group', { name: `Log of node ${leader}` })).toBeVisible();
    await expect(page.getByTestId('time-status')).toHaveText(`Viewing the past at t = ${(T1 / 1000).toFixed(2)} s. Acting here forks a new future from this moment.`);
    await expect(slider).toHaveAttribute('aria-valuetext', `t = ${(T1 / 1000).toFixed(2)} s`);
    // The put sent after T1 is not in the client's list; nothing after T1 on the timeline.
    await expect(results.getByRole('listitem').filter({ hasText: 'later' })).toHaveCount(0);
    await openTimeline(page);
    const times = await page.getByRole('list', { name: 'Events, newest first' }).locator('time').allTextContents();
    expect(times.length).toBeGreaterThan(0);
    for (const time of times) expect(parseFloat(time) * 1000).toBeLessThanOrEqual(T1);
    await openClientPanel(page);
    // Just after the put was sent, before a majority had it: pending.
    await slider.fill(String(T1 + 500));
    await waitForRunAt(page, T1 + 500);
    await expect(results.getByRole('listitem').filter({ hasText: 'later' })).toContainText('pending');

    // Back to the end: the run as it was at T2.
    await slider.press('End');
    await waitForRunAt(page, T2);
    expect((await runOf(page))!.inPast).toBe(false);
    await expect(results.getByRole('listitem').filter({ hasText: 'later' })).toContainText('succ');
    // Going back and forth replayed the run: the timeline holds what it held, nothing twice.
    expect(await timelineRows(page)).toEqual(rowsAtT2);
  });

  test('Step back and Step forward move one event, and come back to the same state; acting in the past forks a new future, and says so', async ({ page }) => {
    await openSimAt(page, 13, T2);
    await waitForLeader(page);
    const slider = page.getByRole('slider', { name: 'Run time' });
    await slider.fill(String(T1));
    await waitForRunAt(page, T1);
    const at = await runOf(page);
    const nodesThen = await shownNodes(page);

    await page.getByRole('button', { name: 'Step back' }).click();
    await page.waitForFunction((step) => window.raftlab!.store.getState().run?.step === step - 1, at!.step);
    await expect(page.getByTestId('run-step')).toHaveText(`event ${at!.step - 1} of ${at!.endStep}`);
    expect((await runOf(page))!.at).toBeLessThanOrEqual(T1);

    await page.getByRole('button', { name: 'Step forward' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction((step) => window.raftlab!.store.getState().run?.step === step, at!.step);
    expect(await shownNodes(page)).toBe(nodesThen);
    expect((await runOf(page))!.inPast).toBe(true);

    // Acting in the past forks: back at T1 on the scrubber, a put sent there.
    await slider.fill(String(T1));
    await waitForRunAt(page, T1);
    const before = (await runOf(page))!;
    expect(before.forks).toBe(0);

    await sendCommand(page, { op: 'put', key: 'fork', value: 'here' });
    await page.waitForFunction((forks) => (window.raftlab!.store.getState().run?.forks ?? 0) > forks, before.forks);
    await expect(page.getByTestId('time-status')).toHaveText(`Forked at t = ${(T1 / 1000).toFixed(2)} s: the old future was dropped.`);
    const after = (await runOf(page))!;
    expect(after.endAt).toBeLessThan(T2);
    expect(after.inPast).toBe(false);
    // The old future's timeline rows are gone, not just hidden.
    const latest = await page.evaluate(() => Math.max(...window.raftlab!.store.getState().timeline.map((row) => row.at)));
    expect(latest).toBeLessThanOrEqual(after.endAt + 1);
  });
});

test.describe('rewind on the live engine', () => {
  test('shows a kept state, labelled as the past while the cluster runs on; Back to live returns', async ({ page }) => {
    await openApp(page, '?speed=1');
    const leader = await waitForLeader(page);
    const term = (await view(page, leader)).term;
    // A moment the leader was leading, with its term on screen.
    const moment = await page.evaluate(() => window.raftlab!.store.getState().liveAt);
    await page.waitForFunction((ms) => window.raftlab!.store.getState().liveAt > ms + 500, moment);
    expect((await view(page, leader)).role, 'the leader held through the moment').toBe('leader');

    await nodeAction(page, leader, `Crash node ${leader}`);
    await waitForLeader(page, { not: leader });
    await expect(page.getByTestId(`node-${leader}`)).toHaveAttribute('data-role', 'crashed');

    const slider = page.getByRole('slider', { name: 'Run time' });
    await slider.fill(String(Math.round(moment + 200)));
    const status = page.getByTestId('time-status');
    await expect(status).toContainText('Rewind: a view of the past');
    await expect(status).toContainText('the cluster keeps running');
    await expect(page.getByTestId(`node-${leader}`)).toHaveAttribute('data-role', 'leader');
    await expect(page.getByTestId(`node-${leader}`)).toHaveAttribute('data-term', String(term));
    // The cluster itself runs on: its clock moves while the page shows the past.
    const shown = await page.evaluate(() => window.raftlab!.store.getState().shownAt!);
    await page.waitForFunction((ms) => window.raftlab!.cluster.now() > ms + 1000, shown);
    expect(await page.evaluate(() => window.raftlab!.store.getState().shownAt)).toBe(shown);
    await expect(page.getByTestId(`node-${leader}`)).toHaveAttribute('data-role', 'leader');

    await page.getByRole('button', { name: 'Back to live' }).click();
    await expect(page.getByTestId(`node-${leader}`)).toHaveAttribute('data-role', 'crashed');
    await expect(status).toContainText('Live.');
    await expect(page.getByRole('button', { name: 'Back to live' })).toBeDisabled();
  });
});
