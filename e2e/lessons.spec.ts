import { LESSONS, lessonUrl } from '../src/lessons/catalog';
import { checkLesson, type Lesson } from '../src/lessons/format';
import { PROGRESS_KEY } from '../src/lessons/progress';
import { axeViolations, expect, nodeAction, openClientPanel, sendCommand, test, views, type Page } from './fixtures';

/**
 * Guided lessons (issue 12, item 2): each of the 8 lessons runs start to finish twice, once with
 * "Show me" doing every checkpoint's action and once with the learner's own action through the
 * page's controls (found by role and name); progress survives a reload; Start over goes back to
 * step 1; a corrupt saved record, an unknown lesson and a page built for another seed are handled.
 * Every lesson runs on the simulated engine from its fixed seed, paused unless the lesson lets
 * time run, so these wait for states, never for time.
 */

// Room for the lesson card, the cluster and the popovers above the network bar.
test.use({ viewport: { width: 1440, height: 1000 } });

async function lessonData(id: string): Promise<Lesson> {
  const entry = LESSONS.find((l) => l.id === id)!;
  return checkLesson((await entry.load()).lesson);
}

/** Open lesson `id` at its own address; resolves once its first step (or the saved one) is shown. Returns the ms it took. */
async function openLesson(page: Page, id: string, step = 1): Promise<number> {
  const lesson = await lessonData(id);
  const started = Date.now();
  await page.goto(lessonUrl('http://x/', lesson).replace('http://x', ''));
  // Generous: on a loaded machine the page itself can take seconds; the lesson is drawn as soon as its chunk arrives.
  await expect(page.getByTestId('lesson-step')).toHaveText(`Step ${step} of ${lesson.steps.length}`, { timeout: 30_000 });
  return Date.now() - started;
}

const panel = (page: Page) => page.getByRole('region', { name: 'Lesson' });
const checkpoint = (page: Page) => page.getByTestId('lesson-checkpoint');

async function expectStep(page: Page, n: number): Promise<void> {
  await expect(page.getByTestId('lesson-step')).toHaveText(new RegExp(`^Step ${n} of`));
  await expect(panel(page).getByRole('button', { name: 'Start over', exact: true })).toBeEnabled();
}

async function expectMet(page: Page): Promise<void> {
  await expect(checkpoint(page)).toHaveText('Done:', { timeout: 30_000 });
}

async function next(page: Page, to: number): Promise<void> {
  await panel(page).getByRole('button', { name: 'Next step', exact: true }).click();
  await expectStep(page, to);
}

async function finish(page: Page): Promise<void> {
  await panel(page).getByRole('button', { name: 'Finish lesson', exact: true }).click();
  await expect(panel(page).getByText('Lesson finished.')).toBeVisible();
}

/** Every step by "Show me", start to finish. */
async function showMeThrough(page: Page, id: string): Promise<void> {
  const lesson = await lessonData(id);
  for (const [i, step] of lesson.steps.entries()) {
    await expectStep(page, i + 1);
    if (step.checkpoint) {
      await expect(checkpoint(page)).toHaveText('Your turn:');
      await panel(page).getByRole('button', { name: 'Show me', exact: true }).click();
      await expectMet(page);
    }
    if (i + 1 < lesson.steps.length) await next(page, i + 2);
  }
  await finish(page);
}

async function leader(page: Page): Promise<number> {
  return (await views(page)).filter((v) => v.status === 'running' && v.role === 'leader').sort((a, b) => b.term - a.term)[0]!.id;
}

/** Resume, and wait until the checkpoint is met (meeting it pauses the clock, so the learner can read what happened). */
async function resumeUntilMet(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Resume', exact: true }).click();
  await expectMet(page);
  await expect(page.getByRole('button', { name: 'Resume', exact: true })).toBeVisible();
}

/** Press the top bar's Step (25 virtual ms, then paused) until the checkpoint is met. */
async function stepUntilMet(page: Page): Promise<void> {
  for (let i = 0; i < 80 && (await checkpoint(page).textContent()) !== 'Done: '; i++) {
    const at = await page.evaluate(() => window.raftlab!.cluster.now());
    await page.getByRole('button', { name: 'Step', exact: true }).click();
    await page.waitForFunction((at) => { const { clock } = window.raftlab!.cluster.getState(); return clock.paused && clock.anchorVirtualMs > at; }, at);
  }
  await expectMet(page);
}

/**
 * Explore: deliver the message `type from→to` (with entries, if asked): Step forward (one event at
 * a time) until the engine has it in flight — asked of the engine, not read from the panel, whose
 * list is re-read after each move — then press its Deliver button in the panel.
 */
async function exploreDeliver(page: Page, type: string, from: number, to: number, withEntries = false): Promise<void> {
  const dialog = page.getByRole('dialog', { name: 'Explore' });
  if (!(await dialog.isVisible())) await page.getByRole('button', { name: 'Explore', exact: true }).click();
  const inFlight = () => page.evaluate(async ({ type, from, to, withEntries }) => {
    const cluster = window.raftlab!.cluster as unknown as { pending(): Promise<{ kind: string; type?: string; from?: number; to?: number; size?: number }[]> };
    return (await cluster.pending()).some((p) => p.kind === 'message' && p.type === type && p.from === from && p.to === to && (!withEntries || (p.size ?? 0) > 0));
  }, { type, from, to, withEntries });
  for (let i = 0; i < 30 && !(await inFlight()); i++) {
    const step = await page.evaluate(() => window.raftlab!.cluster.getState().run!.step);
    await dialog.getByRole('button', { name: 'Step forward' }).click();
    await page.waitForFunction((step) => window.raftlab!.cluster.getState().run!.step > step, step);
  }
  const name = `${type} ${from}→${to}`;
  const row = dialog.getByRole('listitem').filter({ hasText: name }).filter({ hasText: withEntries ? /[1-9]\d* entr/ : '' });
  await row.first().getByRole('button', { name: `Deliver ${name}` }).click();
}

const byHand: Record<string, (page: Page) => Promise<void>> = {
  'first-election': async (page) => {
    await page.getByRole('button', { name: 'Resume', exact: true }).click();
    await expectMet(page);
    await next(page, 2);
    const follower = (await views(page)).find((v) => v.role === 'follower')!.id;
    await nodeAction(page, follower, `Force election timeout on node ${follower}`);
    await expectMet(page);
    await next(page, 3);
  },
  'split-votes': async (page) => {
    for (const node of [0, 1, 2]) await nodeAction(page, node, `Force election timeout on node ${node}`);
    await expectMet(page);
    await next(page, 2);
    await page.getByRole('button', { name: 'Resume', exact: true }).click();
    await expectMet(page);
    await next(page, 3);
  },
  replication: async (page) => {
    await sendCommand(page, { op: 'put', key: 'x', value: '1' });
    await expectMet(page);
    await next(page, 2);
    await sendCommand(page, { op: 'put', key: 'y', value: '2' });
    await expectMet(page);
    await next(page, 3);
    for (const v of (await views(page)).filter((v) => v.status === 'crashed')) await nodeAction(page, v.id, `Restart node ${v.id}`);
    await expectMet(page);
    await next(page, 4);
  },
  'leader-crash': async (page) => {
    await sendCommand(page, { op: 'put', key: 'x', value: '1' });
    await expectMet(page);
    await next(page, 2);
    const old = await leader(page);
    await nodeAction(page, old, `Crash node ${old}`);
    await expectMet(page);
    await next(page, 3);
    const behind = (await views(page)).find((v) => v.status === 'running' && v.log.lastIndex === 0)!.id;
    await nodeAction(page, behind, `Force election timeout on node ${behind}`);
    await page.getByRole('button', { name: 'Resume', exact: true }).click();
    await expectMet(page);
    expect((await views(page)).find((v) => v.role === 'leader' && v.status === 'running')!.id, 'the node that missed entry 1 cannot win (§5.4.1)').not.toBe(behind);
    await next(page, 4);
  },
  'stale-leader': async (page) => {
    await page.getByRole('button', { name: 'Partition…' }).click();
    await page.getByRole('button', { name: /^Leader \d \+ node \d \(minority\) \| the rest$/ }).click();
    await expectMet(page);
    await next(page, 2);
    await page.getByRole('button', { name: 'Resume', exact: true }).click();
    await expectMet(page);
    await next(page, 3);
    await page.getByRole('button', { name: 'Heal all' }).click();
    await expectMet(page);
    await next(page, 4);
  },
  'figure-8': async (page) => {
    const put = async (node: number, key: string) => {
      await sendCommand(page, { op: 'put', key, value: `S${node + 1}`, to: `node ${node} only` });
      await page.waitForFunction(({ node, key }) => window.raftlab!.cluster.getState().nodes[node]!.log.window.some((e) => e.command.includes(key)), { node, key });
    };
    // The first election of the two is in a term already taken; the second, right after, wins.
    const forceTwice = async (node: number) => {
      await nodeAction(page, node, `Force election timeout on node ${node}`);
      await expect.poll(async () => (await views(page))[node]!.role).toBe('candidate');
      await nodeAction(page, node, `Force election timeout on node ${node}`);
    };
    await stepUntilMet(page); // the top bar's Step: 25 virtual ms a press, paused after; then Resume, paused again when each checkpoint is met
    await next(page, 2);
    await put(0, 'a');
    await resumeUntilMet(page);
    await next(page, 3);
    await nodeAction(page, 4, 'Force election timeout on node 4');
    await resumeUntilMet(page);
    await next(page, 4);
    await put(4, 'a');
    await resumeUntilMet(page);
    await next(page, 5);
    await forceTwice(0);
    await resumeUntilMet(page);
    await next(page, 6);
    await put(0, 'b');
    await resumeUntilMet(page);
    await next(page, 7);
    await forceTwice(4);
    await resumeUntilMet(page);
    await next(page, 8);
    await resumeUntilMet(page);
    await next(page, 9);
  },
  durability: async (page) => {
    await exploreDeliver(page, 'AppendEntries', 0, 2, true);
    await expectMet(page);
    await next(page, 2);
    await nodeAction(page, 2, 'Crash node 2');
    await expectMet(page);
    await next(page, 3);
    await page.getByRole('button', { name: 'Inject a bug' }).click();
    await page.getByRole('checkbox', { name: 'Bug: Acknowledge before persisting' }).check();
    await expectMet(page);
    await page.keyboard.press('Escape');
    await next(page, 4);
    await exploreDeliver(page, 'AppendEntries', 0, 2, true);
    await exploreDeliver(page, 'AppendEntriesReply', 2, 0);
    await expectMet(page);
    await next(page, 5);
    await nodeAction(page, 2, 'Crash node 2');
    await expectMet(page);
    await next(page, 6);
  },
  snapshots: async (page) => {
    for (const key of ['a', 'b', 'c']) {
      await sendCommand(page, { op: 'put', key, value: key });
      await page.waitForFunction((key) => window.raftlab!.cluster.getState().nodes.some((v) => v.log.window.some((e) => e.command.includes(`${key}=`))), key);
    }
    await expectMet(page);
    await next(page, 2);
    const l = await leader(page);
    await nodeAction(page, l, `Save snapshot on node ${l}`);
    await expectMet(page);
    await next(page, 3);
    const down = (await views(page)).find((v) => v.status === 'crashed')!.id;
    await nodeAction(page, down, `Restart node ${down}`);
    await expectMet(page);
    await next(page, 4);
  },
};

test('progress survives a reload; Start over goes back to step 1; a corrupt record is ignored with a notice', async ({ page }) => {
  await openLesson(page, 'replication');
  // The lesson begins its run at t = 0: the time bar says so, not that a future was dropped.
  await expect(page.getByTestId('time-status')).toHaveText('A new run from the start (t = 0.00 s).');
  // The card folds to its title line, to uncover the logs it sits on, and unfolds where it was.
  await panel(page).getByRole('button', { name: 'Hide lesson' }).click();
  await expect(panel(page).getByRole('button', { name: 'Show me', exact: true })).toBeHidden();
  await expect(page.getByTestId('lesson-step')).toHaveText('Step 1 of 4');
  // Folded, it covers no node's log row (at 1280×720 it had covered the last one).
  await page.setViewportSize({ width: 1280, height: 720 });
  const card = (await panel(page).boundingBox())!;
  for (const row of await page.locator('.log-row').all()) {
    const box = (await row.boundingBox())!;
    const overlaps = box.x < card.x + card.width && card.x < box.x + box.width && box.y < card.y + card.height && card.y < box.y + box.height;
    expect(overlaps, `the folded card over the log row of node ${await row.getAttribute('data-node') ?? '(header)'}`).toBe(false);
  }
  // The run slider's tick labels, squeezed beside the status line, do not run into one another.
  const ticks = await page.locator('.run-tick').evaluateAll((spans) => spans
    .map((span) => span.getBoundingClientRect()).filter((box) => box.width > 0 && getComputedStyle(spans[0]!.parentElement!).visibility === 'visible'));
  for (let i = 1; i < ticks.length; i++) expect(ticks[i]!.left, `run tick ${i + 1} starts after tick ${i} ends`).toBeGreaterThanOrEqual(ticks[i - 1]!.right);
  await page.setViewportSize({ width: 1440, height: 1000 });
  await panel(page).getByRole('button', { name: 'Show lesson' }).click();
  await expect(panel(page).getByRole('button', { name: 'Hide lesson' })).toHaveAttribute('aria-expanded', 'true');
  await panel(page).getByRole('button', { name: 'Show me', exact: true }).click();
  await expectMet(page);
  await next(page, 2);
  await page.reload();
  // The saved place: step 2, replayed on the same seed (entry 1 committed again).
  await expectStep(page, 2);
  await expect(checkpoint(page)).toHaveText('Your turn:');
  await expect.poll(async () => (await views(page)).some((v) => v.role === 'leader' && v.commitIndex === 1)).toBe(true);
  await panel(page).getByRole('button', { name: 'Start over', exact: true }).click();
  await expectStep(page, 1);
  await expect.poll(async () => (await views(page)).every((v) => v.log.lastIndex === 0)).toBe(true);
  await page.evaluate((key) => localStorage.setItem(key, '{"version":1,"lessons":{"replication":{"step":"two"}}}'), PROGRESS_KEY);
  await page.reload();
  await expectStep(page, 1);
  await expect(panel(page).getByRole('status').filter({ hasText: 'could not be read and was ignored' })).toBeVisible();
});

test('an unknown lesson says which exist; the lessons menu opens one; a bare ?lesson= reopens the page on the lesson\'s seed; the panel and the menu have no accessibility violations in either theme', async ({ page }) => {
  await page.goto('/?engine=sim&seed=1&lesson=no-such-lesson');
  await expect(panel(page).getByRole('alert')).toContainText('there is no lesson "no-such-lesson"; the lessons are first-election');
  await page.getByRole('button', { name: 'Lessons', exact: true }).click();
  expect(await axeViolations(page, '.lessons-menu')).toEqual([]);
  await page.getByRole('dialog', { name: 'Lessons' }).getByRole('button', { name: /^Open lesson: Snapshots and InstallSnapshot/ }).click();
  await expect(page.getByTestId('lesson-step')).toHaveText('Step 1 of 4');
  await openClientPanel(page);
  for (const theme of ['light', 'dark'] as const) {
    if ((await page.evaluate(() => document.documentElement.dataset.theme)) !== theme) await page.getByRole('button', { name: theme === 'dark' ? 'Dark theme' : 'Light theme', exact: true }).click();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
    expect(await axeViolations(page, '.lesson-panel'), `the lesson panel, ${theme}`).toEqual([]);
  }
  await page.goto('/?lesson=split-votes');
  await expect(page.getByTestId('lesson-step')).toHaveText('Step 1 of 3');
  expect(new URL(page.url()).searchParams.get('seed')).toBe('2');
});

/**
 * Each lesson twice on one page load: by the learner's own actions to the end, then Start over and
 * every checkpoint again by "Show me" (one page load per lesson keeps the suite within its budget,
 * and checks that Start over after a finished lesson gives the lesson back as it began).
 */
for (const { id, title } of LESSONS) {
  test(`lesson "${title}": every checkpoint met by the learner's own actions, then after Start over by Show me`, async ({ page }) => {
    test.setTimeout(id === 'figure-8' ? 240_000 : 90_000); // Figure 8 is nine steps of waiting for states
    const ms = await openLesson(page, id);
    test.info().annotations.push({ type: 'first step shown', description: `${ms} ms` });
    await byHand[id]!(page);
    await finish(page);
    await panel(page).getByRole('button', { name: 'Start over', exact: true }).click();
    await expectStep(page, 1);
    await expect(panel(page).getByText('Lesson finished.')).toBeHidden();
    await showMeThrough(page, id);
  });
}
