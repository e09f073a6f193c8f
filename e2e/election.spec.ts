import { caughtUp, expect, getMany, nodeAction, nodeButton, openApp, pauseWithLeader, POLL_INTERVALS, putMany, snap, test, view, views, waitForLeader } from './fixtures';

/**
 * Engine: the simulated one with a fixed seed (an election is the core's, and a seed fixes who wins
 * it), except the crash-and-restart test, which is about what a worker killed mid-run gets back
 * from IndexedDB: it runs on the live engine.
 *
 * Leader election and recovery (§5.2), driven by clicks as a newcomer would.
 */

test.describe('with motion', () => {
  // The one test about motion itself: every other test runs with reduced motion (playwright.config.ts).
  test.use({ reducedMotion: 'no-preference' });
  test('five nodes start by themselves at the teaching speed; a leader is shown and named, messages move', async ({ page }) => {
    // The page as it opens, at the teaching speed (no ?speed); seed 2 elects node 4 in term 1.
    await openApp(page, '', { engine: 'sim', seed: 2 });
    expect(await page.evaluate(() => window.raftlab!.cluster.getState().clock.speed)).toBe(0.15);
    await expect(page.getByRole('button', { name: /^Node \d:/ })).toHaveCount(5);
    // Messages in flight are drawn as dots moving along the links.
    await expect.poll(() => page.locator('.messages .dot[style*="inline"]').count(), { intervals: POLL_INTERVALS, timeout: 15_000 }).toBeGreaterThan(0);
    const leader = await waitForLeader(page, { timeout: 30_000 });
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(new RegExp(`^Node ${leader} leads term \\d+$`));
    await expect(page.getByTestId('headline')).toContainText('majority of 5');
    await expect(nodeButton(page, leader)).toHaveAccessibleName(/leader, term \d+/);
    await expect(page.getByRole('button', { name: /^Node \d: follower/ })).toHaveCount(4);
    await snap(page, 'elected');
  });
});

test('crash the leader: it looks crashed, a new leader is elected; restarted, it comes back from IndexedDB and catches up', async ({ page }) => {
  await openApp(page);
  await waitForLeader(page);
  await putMany(page, 'before', 10);
  // Crashed while paused, on the leader the pause holds, its log read once written: on a busy
  // machine an election during the puts once made the leader read before them a follower, which
  // took the new leader's no-op between the read and the crash (restored 12 entries, read 11).
  const first = await pauseWithLeader(page);
  await expect.poll(async () => {
    const v = await view(page, first);
    return v.log.lastIndex === v.durable.lastIndex;
  }, { message: 'the paused leader has written its whole log', intervals: POLL_INTERVALS }).toBe(true);
  const lastBefore = (await view(page, first)).log.lastIndex;

  await nodeAction(page, first, `Crash node ${first}`);
  await expect(nodeButton(page, first)).toHaveAttribute('data-role', 'crashed');
  await expect(nodeButton(page, first)).toHaveAccessibleName(`Node ${first}: crashed`);
  await page.getByRole('button', { name: 'Resume', exact: true }).click();
  await waitForLeader(page, { not: first });
  await putMany(page, 'after', 10);

  // Restart the old leader cut off from the others: all it can have is what IndexedDB kept.
  await nodeAction(page, first, `Isolate node ${first}`);
  await page.getByRole('button', { name: `Restart node ${first}`, exact: true }).click();
  await expect.poll(async () => (await view(page, first)).status, { intervals: POLL_INTERVALS }).toBe('running');
  const restored = await view(page, first);
  expect(restored.log.lastIndex).toBe(lastBefore);
  expect(restored.durable.lastIndex).toBe(lastBefore);
  expect(restored.commitIndex).toBe(0); // volatile (Figure 2): relearned from the leader

  await page.getByRole('button', { name: `Reconnect node ${first}`, exact: true }).click();
  await expect.poll(() => caughtUp(page, first), { intervals: POLL_INTERVALS, timeout: 20_000 }).toBe(true);
  expect(await getMany(page, ['before0', 'after9'])).toEqual(['value-before0', 'value-after9']);
  const timeline = page.getByRole('list', { name: 'Events, newest first' });
  // The list shows the newest 120 rows; on a busy machine elections churn (votes, refusals), and
  // the crash scrolled out of them. Hide the minor rows, as a reader looking for it would.
  await page.getByRole('checkbox', { name: 'votes, rejections, commits' }).uncheck();
  await expect(timeline).toContainText(`You crashed node ${first}`);
  // Selecting an event highlights the nodes it concerns, and shows the rule behind it.
  const elected = timeline.getByRole('button', { name: /becomes leader of term/ }).first();
  const who = Number((await elected.textContent())!.match(/Node (\d+) becomes leader/)![1]);
  await elected.click();
  await expect(elected).toHaveAttribute('aria-pressed', 'true');
  await expect(nodeButton(page, who)).toHaveClass(/highlighted/);
  await expect(timeline.getByText(/votes from a majority .* \(§5\.2\)/).first()).toBeVisible();
});

test('a leader has no election timer: forcing its timeout explains why nothing happens; forced on a follower while paused, the node becomes a candidate at once, and step and resume finish the election', async ({ page }) => {
  // The lab's Raft: with PreVote (Production Raft) the node first becomes a pre-candidate, its term unchanged.
  // Opened paused at 1.5 s of virtual time: seed 8 has node 4 leading term 1 there (lab Raft), and
  // nothing but the clicks can change who leads.
  await openApp(page, '?speed=1&profile=lab', { engine: 'sim', seed: 8, at: 1500 });
  const leader = await waitForLeader(page);
  // The leader first: the page says why nothing happens, and it still leads.
  await nodeAction(page, leader, `Force election timeout on node ${leader}`);
  await expect(page.getByRole('list', { name: 'Events, newest first' })).toContainText('nothing happens');
  await expect(nodeButton(page, leader)).toHaveAttribute('data-role', 'leader');

  const follower = (leader + 1) % 5;
  const termBefore = (await view(page, follower)).term;
  await nodeAction(page, follower, `Force election timeout on node ${follower}`);
  await expect(nodeButton(page, follower)).toHaveAttribute('data-role', 'candidate');
  expect((await view(page, follower)).term).toBe(termBefore + 1);
  // Time is paused: its RequestVotes wait on the links until a step lets them travel.
  const at = await page.evaluate(() => window.raftlab!.cluster.now());
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  // The simulated engine's clock is in its worker: the page sees the step once the worker reports it.
  await page.waitForFunction((at) => {
    const { clock } = window.raftlab!.cluster.getState();
    return clock.paused && clock.anchorVirtualMs > at;
  }, at);
  expect(await page.evaluate(() => window.raftlab!.cluster.now())).toBeCloseTo(at + 25, 0);
  await page.getByRole('button', { name: 'Resume', exact: true }).click();
  await expect.poll(async () => (await views(page)).some((v) => v.role === 'leader' && v.term > termBefore), { intervals: POLL_INTERVALS }).toBe(true);
});
