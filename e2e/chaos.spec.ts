import { expect, openApp, test, waitForLeader, type Page } from './fixtures';

/**
 * Autopilot chaos in the page (issue 9, item 8), on the simulated engine with a fixed seed: the
 * "Chaos" toggle runs the seeded nemesis; with a bug switched on it leads to an invariant
 * violation, which pauses the run, stops the autopilot and offers the run's export; switched off,
 * it heals what it broke and the cluster has a leader again with every node up.
 */

/**
 * A seed whose chaos runs into the bug's violation within seconds (the lab profile: no PreVote to
 * shield it): 14-17 virtual seconds, 3.0-3.4 s of wall time on a quiet machine over six tries (the
 * writes below come at real-time intervals, so runs differ a little); seed 2, used before, took
 * over 180 virtual seconds.
 */
const VIOLATION_SEED = 3;
const BUG = 'grantVoteWithoutUpToDate';
const HEAL_SEED = 3;

const chaosButton = (page: Page) => page.getByRole('button', { name: 'Chaos', exact: true });
const timeline = (page: Page) => page.getByRole('list', { name: 'Events, newest first' });

/**
 * Every timeline title so far, from the store (the list shows only the newest rows, and a busy
 * cluster's elections can push a note out of it before the test reads it).
 */
function titles(page: Page): Promise<string> {
  return page.evaluate(() => window.raftlab!.store.getState().timeline.map((row) => row.title).join('\n'));
}

/** Open the simulated engine and wait for its first leader, so that chaos starts from a working cluster. */
async function openSim(page: Page, query: string): Promise<void> {
  await openApp(page, `?engine=sim&speed=4&${query}`);
  await page.waitForFunction(() => window.raftlab?.engine === 'sim');
  await waitForLeader(page);
}

/** The network's loss, delay and duplication now (the page starts with its teaching delay). */
function policies(page: Page): Promise<string> {
  return page.evaluate(() => {
    const { requests, replies } = window.raftlab!.cluster.getState().network;
    return JSON.stringify([requests, replies]);
  });
}

/** What the chaos can leave broken, read from the engine's own state (empty: nothing). */
async function broken(page: Page, policiesBefore: string): Promise<string[]> {
  const now = await policies(page);
  return page.evaluate((lossy) => {
    const { nodes, network } = window.raftlab!.cluster.getState();
    return [
      ...nodes.filter((v) => v.status !== 'running').map((v) => `node ${v.id} ${v.status}`),
      ...(network.cut.some((row) => row.some(Boolean)) ? ['a cut'] : []),
      ...(network.isolated.some(Boolean) ? ['an isolation'] : []),
      ...(network.group ? ['a partition'] : []),
      ...(lossy ? ['loss, delay or duplication changed'] : []),
    ];
  }, now !== policiesBefore);
}

test('with a bug switched on, the autopilot leads to a violation: the run pauses, chaos stops, the run can be exported', async ({ page }) => {
  test.setTimeout(240_000); // virtual seconds of chaos: on a loaded machine the worker runs slower than the clock asks
  await openSim(page, `seed=${VIOLATION_SEED}&profile=lab&bugs=${BUG}`);
  // A steady stream of writes for the faults to act on: one to the leader every 250 ms, until the violation.
  await page.evaluate(() => {
    let i = 0;
    const writer = setInterval(() => {
      const { cluster, store } = window.raftlab!;
      if (store.getState().violation) return clearInterval(writer);
      const leader = cluster.getState().nodes.find((v) => v.status === 'running' && v.role === 'leader');
      if (leader) void cluster.propose(leader.id, { op: 'put', key: `k${i % 4}`, value: `v${i++}` });
    }, 250);
  });
  const chaos = chaosButton(page);
  await expect(chaos).toHaveAttribute('aria-pressed', 'false');
  await chaos.click();
  await expect(chaos).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('chaos-status')).toContainText(`seed ${VIOLATION_SEED}`);
  const banner = page.getByTestId('violation');
  await expect(banner).toBeVisible({ timeout: 200_000 });
  await expect(banner).toContainText('violated');
  await expect(chaos).toHaveAttribute('aria-pressed', 'false');
  // The toggle says how many faults led there, and the timeline that chaos stopped at the violation
  // (its first rows, "Chaos on" and the early faults, may have scrolled out of the kept window by
  // then: a run that takes long on a busy machine fills it with elections).
  await expect(page.getByTestId('chaos-status')).toHaveText(/^stopped: violation after [1-9]\d* faults?$/);
  await expect(timeline(page)).toContainText(/Chaos stopped: .* violated/);
  expect(await titles(page)).toMatch(/Chaos (on|stopped)/);
  expect(await page.evaluate(() => window.raftlab!.cluster.getState().clock.paused), 'the run is paused at the violation').toBe(true);
  // Export run where the engine can export (time travel, issue 9 item 3): a file that names the seed.
  const canExport = await page.evaluate(() => typeof (window.raftlab!.cluster as unknown as { exportRun?: unknown }).exportRun === 'function');
  const exportButton = banner.getByRole('button', { name: 'Export run' });
  await expect(exportButton).toHaveCount(canExport ? 1 : 0);
  if (canExport) {
    const [download] = await Promise.all([page.waitForEvent('download'), exportButton.click()]);
    expect(download.suggestedFilename()).toContain(`seed${VIOLATION_SEED}`);
  }
});

test('toggling Chaos off heals what it broke: every node up, the network whole, a leader again', async ({ page }) => {
  test.setTimeout(180_000);
  await openSim(page, `seed=${HEAL_SEED}`);
  const before = await policies(page);
  const chaos = chaosButton(page);
  await chaos.click();
  await expect(chaos).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('chaos-status')).toContainText(`seed ${HEAL_SEED}`);
  // Wait until the autopilot has broken two things at once, so that stopping has work to do.
  await expect.poll(async () => (await broken(page, before)).length, { message: 'chaos broke something', timeout: 120_000 }).toBeGreaterThanOrEqual(2);
  await chaos.click();
  await expect(chaos).toHaveAttribute('aria-pressed', 'false');
  await expect.poll(() => titles(page), { message: 'the timeline says what was healed' }).toMatch(/Chaos off: (restarted|healed|set)/);
  await expect.poll(() => broken(page, before), { message: 'every node up, no cut, isolation, partition or loss', timeout: 30_000 }).toEqual([]);
  const leader = await waitForLeader(page);
  await expect.poll(() => page.evaluate((leader) => window.raftlab!.cluster.getState().nodes.every((v) => v.status === 'running' && v.leaderId === leader), leader),
    { message: 'every node follows the leader', timeout: 30_000 }).toBe(true);
});
