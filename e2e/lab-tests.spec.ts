import { runLabTest } from '../src/lab/run';
import { selectTests } from '../src/lab/suite';
import { axeViolations, expect, test } from './fixtures';

/**
 * The lab's tests in the page (issue 9, item 7): a test runs in the simulated engine's worker
 * exactly as `npm run lab` runs it with the same seed, then plays from its start with its steps
 * and checks in the timeline; the outcome is shown at its end with the terminal's command.
 */

const timeline = (page: import('@playwright/test').Page) => page.getByRole('list', { name: 'Events, newest first' });

test('a lab test plays in the page with its checks in the timeline, and ends as it does in the terminal', async ({ page }) => {
  const terminal = await runLabTest(selectTests('part2', 'fail_agree')[0]!, 7);
  await page.goto('/?engine=sim&lab=part2.fail_agree&seed=7&speed=4');
  const status = page.getByRole('region', { name: 'Lab test' });
  await expect(status).toContainText('Lab test part2.fail_agree');
  await expect(status.getByText('npm run lab -- part2 fail_agree --seed 7')).toBeVisible();
  // It plays from its start: the first check appears as the run reaches it.
  await expect(timeline(page)).toContainText(/Check passed: one leader, node \d in term \d/);
  await expect(timeline(page)).toContainText('The test disconnects node');
  await expect(status.getByTestId('lab-result')).toHaveText(terminal.ok ? 'Passed: every check held.' : /Failed/, { timeout: 60_000 });
  expect(terminal.ok).toBe(true);
  // The run pauses where the terminal's ended, in virtual time.
  await page.waitForFunction((end) => {
    const { clock, run } = window.raftlab!.cluster.getState();
    return clock.paused && run?.at === end;
  }, terminal.virtualMs);
  await expect(timeline(page)).toContainText('Pass (part2.fail_agree)');
  expect(await axeViolations(page, 'section[aria-label="Lab test"]'), 'the lab status (light)').toEqual([]);
  await page.getByRole('button', { name: 'Dark theme' }).click();
  expect(await axeViolations(page, 'section[aria-label="Lab test"]'), 'the lab status (dark)').toEqual([]);
});

test('the Lab tests menu opens a chosen test and seed; Skip to the end shows the outcome; an unknown test is said so', async ({ page }) => {
  await page.goto('/?engine=sim&seed=1&speed=0.25');
  await page.waitForFunction(() => window.raftlab?.engine === 'sim');
  await page.getByRole('button', { name: 'Lab tests' }).click();
  const menu = page.getByRole('dialog', { name: 'Lab tests' });
  await menu.getByLabel('Test').selectOption('part1.re_election');
  await expect(menu).toContainText('Election after network failure');
  await menu.getByLabel('Seed').fill('x');
  await expect(menu.getByRole('alert')).toContainText('integer');
  await expect(menu.getByRole('button', { name: 'Watch' })).toBeDisabled();
  await menu.getByLabel('Seed').fill('3');
  await menu.getByRole('button', { name: 'Watch' }).click();
  await page.waitForURL(/lab=part1\.re_election/);
  expect(new URL(page.url()).searchParams.get('seed')).toBe('3');
  const status = page.getByRole('region', { name: 'Lab test' });
  await expect(status.getByTestId('lab-result')).toContainText('Running');
  await status.getByRole('button', { name: 'Skip to the end' }).click();
  await expect(status.getByTestId('lab-result')).toHaveText('Passed: every check held.');
  await expect(status.getByText('npm run lab -- part1 re_election --seed 3')).toBeVisible();

  await page.goto('/?engine=sim&lab=part1.no_such_test&seed=3');
  await page.waitForFunction(() => window.raftlab?.engine === 'sim');
  await expect(page.getByText(/\?lab=.*part1\.no_such_test.* ignored: no lab test named/)).toBeVisible();
  await expect(page.getByRole('region', { name: 'Lab test' })).toHaveCount(0);
});
