import { expect, openApp, POLL_INTERVALS, test, views, type Page } from './fixtures';

/**
 * Explore mode (issue 9, item 6): paused on the simulated engine, the Explore panel lists what is
 * pending; the user fires a follower's election timer, lets its vote become durable (Step forward),
 * drops one RequestVote, delivers the other and its reply — and the follower leads, by the user's
 * ordering alone. The choices are part of the run: a share link replays them.
 */

/** Step forward one event at a time (from the panel) until the message named is in flight, then wait for its button. */
async function stepUntil(page: Page, type: string, from: number, to: number): Promise<void> {
  const panel = page.getByRole('dialog', { name: 'Explore' });
  for (let i = 0; i < 10; i++) {
    const inFlight = await page.evaluate(async ({ type, from, to }) => {
      const cluster = window.raftlab!.cluster as unknown as { pending(): Promise<{ kind: string; type?: string; from?: number; to?: number }[]> };
      return (await cluster.pending()).some((item) => item.kind === 'message' && item.type === type && item.from === from && item.to === to);
    }, { type, from, to });
    if (inFlight) break;
    const step = await page.evaluate(() => window.raftlab!.cluster.getState().run!.step);
    await panel.getByRole('button', { name: 'Step forward' }).click();
    await page.waitForFunction((step) => window.raftlab!.cluster.getState().run!.step > step, step);
  }
  await expect(panel.getByRole('button', { name: `Deliver ${type} ${from}→${to}` })).toBeVisible();
}

test('explore mode: fire a timer, drop a vote request, deliver the other and its reply: the follower leads; a share link replays the choices', async ({ page }) => {
  await openApp(page, '?speed=1&size=3&profile=lab', { engine: 'sim', seed: 11, at: 3000 });
  const before = await views(page);
  const leader = before.find((v) => v.role === 'leader')!;
  expect(leader, 'a leader at t = 3 s').toBeDefined();
  const me = before.find((v) => v.role === 'follower')!.id;
  const [dropped, voter] = [0, 1, 2].filter((n) => n !== me);

  await page.getByRole('button', { name: 'Explore' }).click();
  const panel = page.getByRole('dialog', { name: 'Explore' });
  await expect(panel).toContainText('Paused at t = ');
  await panel.getByRole('button', { name: `Fire Node ${me}'s election timer now` }).click();
  await expect.poll(async () => (await views(page))[me]!.role, { intervals: POLL_INTERVALS }).toBe('candidate');

  await stepUntil(page, 'RequestVote', me, dropped!);
  await panel.getByRole('button', { name: `Drop RequestVote ${me}→${dropped}` }).click();
  await expect(panel.getByRole('button', { name: `Drop RequestVote ${me}→${dropped}` })).toHaveCount(0);
  await panel.getByRole('button', { name: `Deliver RequestVote ${me}→${voter}` }).click();
  await stepUntil(page, 'RequestVoteReply', voter!, me);
  await panel.getByRole('button', { name: `Deliver RequestVoteReply ${voter}→${me}` }).click();
  await expect.poll(async () => (await views(page))[me]!.role, { intervals: POLL_INTERVALS }).toBe('leader');
  const term = (await views(page))[me]!.term;

  const run = await page.evaluate(() => window.raftlab!.exportRun());
  expect(run.actions.filter((a) => a.action.type === 'explore').map((a) => (a.action as { choice: { type: string } }).choice.type))
    .toEqual(['fire', 'drop', 'deliver', 'deliver']);
  const link = await page.evaluate(() => window.raftlab!.shareLink());
  const other = await page.context().newPage();
  await other.goto(link);
  await other.waitForFunction(() => window.raftlab?.engine === 'sim' && window.raftlab.cluster.getState().clock.paused);
  const replayed = await views(other);
  expect(replayed[me]!.role).toBe('leader');
  expect(replayed[me]!.term).toBe(term);
});
