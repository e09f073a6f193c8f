import { axeViolations, expect, openApp, test, views, type Page } from './fixtures';

/**
 * Find a counterexample (issue 13, item 5 and its done-when): from the page, the model checker
 * finds the shortest trace for grantVoteWithoutUpToDate (§5.4.1 skipped: a leader without a
 * committed entry, Leader Completeness), explains each step, and opens it in the simulated engine,
 * where the user steps through it from its start, each step explained and taken anew, to the
 * violation: a leader of term 2 whose log lacks the entry another node knows committed in term 1 —
 * which the page's own invariant checker reports.
 * Choosing a bug switch fills in the search that finds it; bad bounds are refused with what is
 * allowed; a long search can be cancelled; the correct core at
 * small bounds is explored whole with nothing found.
 */

function menu(page: Page) {
  return page.getByRole('dialog', { name: 'Find a counterexample' });
}

async function openMenu(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Find a counterexample' }).click();
  await expect(menu(page)).toBeVisible();
}

test('refuses bounds out of range, naming what is allowed; a long search shows progress and can be cancelled; the correct core shows no violation', async ({ page }) => {
  await openApp(page, '?speed=1&size=3', { engine: 'sim', seed: 3 });
  await openMenu(page);
  const dialog = menu(page);
  // Choosing a bug switch fills in the search that finds it (src/model/bug-searches.ts): Figure 8's is directed, 16 in flight.
  await dialog.getByRole('combobox', { name: 'Bug switch' }).selectOption('commitPreviousTermByCount');
  await expect(dialog.getByRole('combobox', { name: 'Mode' })).toHaveValue('directed');
  await expect(dialog.getByRole('spinbutton', { name: 'Messages in flight' })).toHaveValue('16');
  await expect(dialog.getByRole('spinbutton', { name: 'Seed' })).toHaveValue('1');
  await dialog.getByRole('spinbutton', { name: 'Messages in flight' }).fill('17');
  await dialog.getByRole('spinbutton', { name: 'Nodes', exact: true }).fill('9');
  await dialog.getByRole('button', { name: 'Search' }).click();
  await expect(dialog.getByRole('alert')).toContainText('Nodes must be a whole number from 2 to 5 (got 9)');
  await expect(dialog.getByRole('alert')).toContainText('Messages in flight must be a whole number from 1 to 16 (got 17)');
  await expect(dialog.getByRole('status', { name: 'Search status' })).toHaveCount(0);

  await dialog.getByRole('spinbutton', { name: 'Nodes', exact: true }).fill('3');
  await dialog.getByRole('combobox', { name: 'Bug switch' }).selectOption('');
  await dialog.getByRole('spinbutton', { name: 'Highest term' }).fill('5');
  await dialog.getByRole('spinbutton', { name: 'Messages in flight' }).fill('8');
  await dialog.getByRole('spinbutton', { name: 'Client proposals' }).fill('3');
  await dialog.getByRole('button', { name: 'Search' }).click();
  await expect(dialog.getByRole('progressbar', { name: 'Search progress' })).toBeVisible();
  await expect(dialog.getByRole('status', { name: 'Search status' })).toContainText(/Searching… [\d,]+ states, [\d,]+ distinct, depth \d+/);
  await dialog.getByRole('button', { name: 'Cancel search' }).click();
  await expect(dialog.getByRole('status', { name: 'Search status' })).toContainText(/^Search cancelled after [\d,]+ states/);
  await expect(dialog.getByRole('button', { name: 'Search' })).toBeEnabled();

  // The correct core at small bounds: every state explored, nothing found, and the page says so.
  await dialog.getByRole('spinbutton', { name: 'Highest term' }).fill('1');
  await dialog.getByRole('spinbutton', { name: 'Messages in flight' }).fill('3');
  await dialog.getByRole('spinbutton', { name: 'Client proposals' }).fill('1');
  await dialog.getByRole('button', { name: 'Search' }).click();
  await expect(dialog.getByRole('status', { name: 'Search status' })).toContainText(/^No violation within these bounds: every reachable state was explored \([\d,]+ states, [\d,]+ distinct/);

  // A liveness bug found as a goal: choosing it fills in its goal too (well under a second of search).
  await dialog.getByRole('combobox', { name: 'Bug switch' }).selectOption('conflictBelowSnapshot');
  await expect(dialog.getByRole('combobox', { name: 'Look for' })).toHaveValue('rejects-committed-prefix');
  await dialog.getByRole('button', { name: 'Search' }).click();
  await expect(dialog.getByRole('status', { name: 'Search status' })).toContainText(/^Goal reached: a follower rejects an AppendEntries .* the shortest trace, \d+ steps/);
  expect(await axeViolations(page, '[role="dialog"][aria-label="Find a counterexample"]')).toEqual([]);
});

test('finds grantVoteWithoutUpToDate from the page, opens the trace in the simulator and steps through it to the violation', async ({ page }) => {
  await openApp(page, '?speed=1&size=3', { engine: 'sim', seed: 3 });
  await openMenu(page);
  const dialog = menu(page);
  await expect(dialog.getByRole('combobox', { name: 'Bug switch' })).toHaveValue('grantVoteWithoutUpToDate');
  await dialog.getByRole('button', { name: 'Search' }).click();
  const status = dialog.getByRole('status', { name: 'Search status' });
  await expect(status).toContainText(/Leader Completeness broken: leader of term 2 lacks entry 1 .* the shortest trace, \d+ steps/);
  const explained = await status.getByRole('listitem').allTextContents();
  expect(explained[0]).toMatch(/^node \d: election timer fires · .*start election for term 1 \(§5\.2\)/);
  expect(explained.some((step) => /client proposes command 1 to node \d/.test(step))).toBe(true);

  await status.getByRole('button', { name: 'Step through it in the simulator' }).click();
  await page.waitForURL(/engine=sim.*#run=/);
  await page.waitForFunction(() => window.raftlab?.engine === 'sim' && window.raftlab.cluster.getState().clock.paused);
  const steps = page.getByRole('region', { name: 'Counterexample steps' });
  const position = steps.getByTestId('trace-position');
  const count = explained.length;
  await expect(position).toHaveText(`After step ${count} of ${count}`);
  await expect(steps.getByRole('listitem')).toHaveText(explained.map((text) => text));

  // Opened at its end: the recorded run can be travelled through (no checker sees a stretch it only travels through).
  await steps.getByRole('button', { name: 'Previous step' }).click();
  await expect(position).toHaveText(`After step ${count - 1} of ${count}`);
  await expect(page.getByTestId('violation')).toHaveCount(0);
  await steps.getByRole('button', { name: 'Back to the start' }).click();
  await expect(position).toHaveText(`Before step 1 of ${count}`);
  expect((await views(page)).map((v) => `${v.role} t${v.term}`)).toEqual(['follower t0', 'follower t0', 'follower t0']);
  for (let step = 1; step <= count; step++) {
    await steps.getByRole('button', { name: 'Next step' }).click();
    await expect(position).toHaveText(`After step ${step} of ${count}`);
    await expect(steps.locator('[aria-current="step"]')).toHaveText(explained[step - 1]!);
    if (step === 1) expect((await views(page)).filter((v) => v.role === 'candidate').map((v) => v.term)).toEqual([1]);
  }
  await expect(steps.getByRole('button', { name: 'Next step' })).toBeDisabled();
  // Taken anew from the start, the steps are news to the page's own invariant checker: it reports the violation.
  await expect(page.getByTestId('violation')).toContainText('Leader Completeness violated');
  await expect(page.getByTestId('violation')).toContainText(/leader of term 2 lacks entry 1 \(term 1\)/);
  expect(await axeViolations(page, '[role="dialog"][aria-label="Find a counterexample"]')).toEqual([]);
  // The end: a leader of term 2 whose log lacks the entry another node knows committed (§5.4.1 skipped).
  const end = await views(page);
  const leader = end.find((v) => v.role === 'leader' && v.term === 2)!;
  expect(leader, 'a leader of term 2').toBeDefined();
  expect(leader.log.lastIndex).toBe(0);
  const committed = end.find((v) => v.commitIndex === 1)!;
  expect(committed, 'a node that knows entry 1 committed').toBeDefined();
  expect(committed.log.window.find((entry) => entry.index === 1)?.term).toBe(1);
});

/** Search for `bug` within `bounds` (field label → value), open the trace found, and take every step anew from the start. */
async function findAndWalk(page: Page, bug: string, bounds: Record<string, string>): Promise<string[]> {
  await openApp(page, '?speed=1&size=3', { engine: 'sim', seed: 3 });
  await openMenu(page);
  const dialog = menu(page);
  await dialog.getByRole('combobox', { name: 'Bug switch' }).selectOption(bug);
  for (const [label, value] of Object.entries(bounds)) await dialog.getByRole('spinbutton', { name: label }).fill(value);
  await dialog.getByRole('button', { name: 'Search' }).click();
  const status = dialog.getByRole('status', { name: 'Search status' });
  await expect(status.getByRole('button', { name: 'Step through it in the simulator' })).toBeVisible();
  const explained = await status.getByRole('listitem').allTextContents();
  await status.getByRole('button', { name: 'Step through it in the simulator' }).click();
  await page.waitForURL(/engine=sim.*#run=/);
  const steps = page.getByRole('region', { name: 'Counterexample steps' });
  const position = steps.getByTestId('trace-position');
  await expect(position).toHaveText(`After step ${explained.length} of ${explained.length}`);
  await steps.getByRole('button', { name: 'Back to the start' }).click();
  await expect(position).toHaveText(`Before step 1 of ${explained.length}`);
  for (let step = 1; step <= explained.length; step++) {
    await steps.getByRole('button', { name: 'Next step' }).click();
    await expect(position).toHaveText(`After step ${step} of ${explained.length}`);
  }
  return explained;
}

// With a crash, writes are steps of their own: walking these persists writes and restarts a node in the page.
const CRASH_BUGS = [
  { bug: 'ackBeforePersist', says: /^node \d: crash and restart \(loses 1 unwritten batch/ },
  { bug: 'forgetVoteOnRestart', says: /^node \d: write durable \(term 1, vote \d\)/ },
];
for (const { bug, says } of CRASH_BUGS) {
  test(`finds ${bug} (one crash) from the page and walks it to two leaders in one term, which the page's checker reports`, async ({ page }) => {
    const explained = await findAndWalk(page, bug, { 'Highest term': '1', 'Longest log': '0', 'Client proposals': '0', 'Messages in flight': '4', Crashes: '1' });
    expect(explained.some((step) => /^node \d: crash and restart/.test(step))).toBe(true);
    expect(explained.some((step) => says.test(step))).toBe(true);
    await expect(page.getByTestId('violation')).toContainText('Election Safety violated');
    await expect(page.getByTestId('violation')).toContainText('term 1 has two leaders');
  });
}
