import { expect, test } from './fixtures';

/**
 * The lab's own scenarios (src/lab/tests), unchanged, over real workers in real time: the harness
 * of shared/lab-tests.md implemented on the worker cluster (src/runtime/lab-group.ts). The page's
 * own cluster is off so that the scenario has the machine to itself.
 */
// Run by the project 'lab-on-workers': after every other test, one at a time (playwright.config.ts).

const LAB_TESTS = ['part1.leader_election', 'part2.basic_agree', 'part3.persist1', 'part5.basic_kv'];

for (const name of LAB_TESTS) {
  test(`lab ${name} passes against the workers`, async ({ page }) => {
    await page.goto('/?cluster=off');
    await page.waitForFunction(() => window.raftlabLab !== undefined);
    const result = await page.evaluate((name) => window.raftlabLab!.run(name), name);
    expect(result.error ?? '', `${name} failed`).toBe('');
    expect(result.ok).toBe(true);
  });
}
