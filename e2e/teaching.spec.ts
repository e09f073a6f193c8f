import { crash, expect, leaderNow, openApp, test } from './fixtures';

/**
 * What newcomers tripped on (issue 12), each fixed and checked here, on the simulated engine with
 * a fixed seed.
 */

test('item 1: with the leader cut off and a node of the other side down, the headline says no new leader is possible', async ({ page }) => {
  await openApp(page, '?speed=1&size=5&profile=lab', { engine: 'sim', seed: 5, at: 3000 });
  const leader = await leaderNow(page);
  expect(leader, 'a leader at t = 3 s').toBeGreaterThanOrEqual(0);
  const others = [0, 1, 2, 3, 4].filter((n) => n !== leader);
  const [mate, ...rest] = others;
  await page.evaluate(({ minority, majority }) => window.raftlab!.cluster.partition([minority, majority]), { minority: [leader, mate!], majority: rest });
  await crash(page, rest[0]!);
  const headline = page.getByTestId('headline');
  await expect(headline).toContainText(`Node ${leader} leads term`);
  await expect(headline).toContainText('no other group of running nodes that reach each other holds a majority (at most 2 of 5, 3 needed)');
  await expect(headline).not.toContainText('will elect a new leader');
  // Restart the crashed node: now the majority side can elect, and the headline says so.
  await page.evaluate((node) => window.raftlab!.cluster.restart(node), rest[0]!);
  await expect(headline).toContainText(`nodes ${rest.join(', ').replace(/, (\d)$/, ' and $1')} reach each other, a majority: they will elect a new leader`);
});
