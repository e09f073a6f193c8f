import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { RunFile } from '../src/engine/run';
import { advance, expect, leaderNow, nodeAction, openApp, seekTo, test, waitForLeader, type Page } from './fixtures';

/**
 * Runs as data (issue 9, item 5): a run exported from the simulated engine, imported in a fresh page,
 * reaches the same node states at the same virtual time; a malformed file is refused with its reason
 * and the page carries on unchanged; a share link opened twice gives identical states; a live
 * session is re-run in the simulator. Everything is checked on the states window.raftlab reports.
 */

/** The simulated runs: seed 11, opened paused at 1500 virtual ms (a leader by then), moved on with advance(). */
const SIM = { engine: 'sim', seed: 11, at: 1500 } as const;
const SEED = SIM.seed;

async function waitForEngine(page: Page, engine: 'live' | 'sim'): Promise<void> {
  await page.waitForFunction((engine) => window.raftlab?.engine === engine, engine);
}

/** The Runs menu, opened. */
async function runsMenu(page: Page) {
  const menu = page.getByRole('dialog', { name: 'Runs' });
  if (!(await menu.isVisible())) await page.getByRole('button', { name: 'Runs', exact: true }).click();
  await expect(menu).toBeVisible();
  return menu;
}

/** Wait until the page stands paused at virtual ms `at` (a replayed run stops at its end). */
async function pausedAt(page: Page, at: number): Promise<void> {
  await page.waitForFunction((at) => {
    const { clock } = window.raftlab!.cluster.getState();
    return clock.paused && clock.anchorVirtualMs === at;
  }, at);
}

/** Show the run at `at`, paused, and say what every node holds then. */
async function nodesAt(page: Page, at: number): Promise<{ full: string; summary: unknown }> {
  await seekTo(page, at);
  return page.evaluate(() => {
    const nodes = window.raftlab!.cluster.getState().nodes;
    return {
      full: JSON.stringify(nodes),
      // What a reader compares first: each node's role, term, log, commit and the KV machine's contents.
      summary: nodes.map((v) => ({
        id: v.id, status: v.status, role: v.role, term: v.term, lastIndex: v.log.lastIndex, commitIndex: v.commitIndex, kv: v.machine?.entries ?? null,
      })),
    };
  });
}

/**
 * A simulated run with something in it, from a pause with a leader: three puts through the
 * console's client (virtual time moved on at once until they commit), then a follower crashed from
 * its inspector. It stays paused: nothing depends on how fast the machine is.
 */
async function runSomething(page: Page): Promise<{ crashed: number }> {
  const leader = await leaderNow(page);
  expect(leader, `seed ${SEED} has a leader at ${SIM.at} ms`).toBeGreaterThanOrEqual(0);
  await page.evaluate(() => {
    (window as unknown as { puts: Promise<unknown> }).puts = Promise.all(['apple', 'pear', 'plum'].map((fruit) => window.raftlab!.client.put(fruit, `${fruit}s`, { timeoutMs: 60_000 })));
  });
  await advance(page, 500);
  await page.evaluate(() => (window as unknown as { puts: Promise<unknown> }).puts);
  const crashed = (leader + 1) % 5;
  await nodeAction(page, crashed, `Crash node ${crashed}`);
  await page.waitForFunction((node) => window.raftlab!.cluster.getState().nodes[node]!.status === 'crashed', crashed);
  await advance(page, 200);
  return { crashed };
}

/** Tests that load the page two or three times (each a worker and a replay): generous on a busy machine. */
const PAGE_LOADS_TIMEOUT = 180_000;

test('an exported run, imported in a fresh page, reaches the same node states at its end', async ({ page }) => {
  test.setTimeout(PAGE_LOADS_TIMEOUT);
  await openApp(page, '?speed=1', SIM);
  const { crashed } = await runSomething(page);
  const menu = await runsMenu(page);
  const download = page.waitForEvent('download');
  await menu.getByRole('button', { name: 'Export run' }).click();
  const saved = await download;
  expect(saved.suggestedFilename()).toMatch(new RegExp(`^raftlab-run-seed${SEED}-.*\\.json$`));
  const file = await saved.path();
  const run = JSON.parse(await readFile(file, 'utf8')) as RunFile;
  expect(run.start.seed).toBe(SEED);
  expect(run.actions.map((a) => a.action.type)).toContain('crash');
  expect(run.actions.filter((a) => a.action.type === 'propose').length).toBeGreaterThanOrEqual(3);
  const original = await nodesAt(page, run.endAt);
  expect(original.summary).toEqual(expect.arrayContaining([expect.objectContaining({ id: crashed, status: 'crashed' })]));

  const fresh = await page.context().newPage();
  await openApp(fresh, '?engine=sim&seed=1&speed=1');
  await waitForEngine(fresh, 'sim');
  await (await runsMenu(fresh)).getByLabel('Import run').setInputFiles(file);
  await fresh.waitForURL(/#run=/);
  await waitForEngine(fresh, 'sim');
  await pausedAt(fresh, run.endAt);
  await expect(fresh.getByRole('textbox', { name: 'Seed' })).toHaveValue(String(SEED));
  const imported = await nodesAt(fresh, run.endAt);
  expect(imported.summary).toEqual(original.summary);
  expect(imported.full, 'byte-identical node views').toBe(original.full);
  await fresh.close();
});

test('a share link opened twice reaches identical node states', async ({ page }) => {
  test.setTimeout(PAGE_LOADS_TIMEOUT);
  await openApp(page, '?speed=1', SIM);
  await runSomething(page);
  const menu = await runsMenu(page);
  await menu.getByRole('button', { name: 'Copy share link' }).click();
  const link = await menu.getByRole('textbox', { name: 'Share link' }).inputValue();
  expect(new URL(link).hash).toMatch(/^#run=[\w-]+$/);
  expect(link).toBe(await page.evaluate(() => window.raftlab!.shareLink()));
  const endAt = await page.evaluate(async () => (await window.raftlab!.exportRun()).endAt);

  /** Open the link in a new tab; or paste it into a tab already open on the page (only the fragment changes). */
  const opening = async (how: 'new tab' | 'pasted'): Promise<{ full: string; summary: unknown }> => {
    const tab = await page.context().newPage();
    if (how === 'pasted') {
      const url = new URL(link);
      url.hash = '';
      await tab.goto(url.toString());
      await waitForEngine(tab, 'sim');
      await tab.evaluate((link) => {
        (window as unknown as { samePage: boolean }).samePage = true;
        window.location.href = link;
      }, link);
      await tab.waitForFunction(() => !(window as unknown as { samePage?: boolean }).samePage && window.raftlab?.engine === 'sim');
    } else {
      await tab.goto(link);
      await waitForEngine(tab, 'sim');
    }
    await pausedAt(tab, endAt);
    const nodes = await nodesAt(tab, endAt);
    await tab.close();
    return nodes;
  };
  const first = await opening('new tab');
  const second = await opening('pasted');
  expect(second.full).toBe(first.full);
  expect(first.full).toBe((await nodesAt(page, endAt)).full);
});

test('a broken share link is named, and the page starts its own cluster instead', async ({ page }) => {
  await page.goto(`/?engine=sim&seed=${SEED}&speed=1#run=this-is-not-a-run`);
  await waitForEngine(page, 'sim');
  await expect(page.getByRole('status', { name: 'Ignored URL parameters' })).toContainText('the run in the link cannot be opened');
  // Its own cluster, from the URL's seed, running.
  await expect(page.getByRole('textbox', { name: 'Seed' })).toHaveValue(String(SEED));
  await page.waitForFunction(() => window.raftlab!.cluster.getState().nodes.every((v) => v.at > 0));
  expect(await page.evaluate(async () => (await window.raftlab!.exportRun()).actions)).toEqual([]);
});

test('a live session is re-run in the simulator: its actions at the same virtual times', async ({ page }) => {
  test.setTimeout(PAGE_LOADS_TIMEOUT);
  await openApp(page, '?speed=1&seed=5');
  await waitForEngine(page, 'live');
  const leader = await waitForLeader(page, { timeout: 60_000 });
  await page.evaluate(async () => { await window.raftlab!.client.put('fruit', 'apple', { timeoutMs: 20_000 }); });
  const crashed = (leader + 1) % 5;
  await nodeAction(page, crashed, `Crash node ${crashed}`);
  await page.waitForFunction((node) => window.raftlab!.cluster.getState().nodes[node]!.status === 'crashed', crashed);
  const live = await page.evaluate(() => window.raftlab!.exportRun());
  expect(live.note).toMatch(/^live session/);
  expect(live.actions.every((a) => a.step === null)).toBe(true);
  expect(live.actions.map((a) => a.action)).toEqual(expect.arrayContaining([
    expect.objectContaining({ type: 'propose', command: expect.objectContaining({ op: 'put', key: 'fruit', value: 'apple' }) }),
    { type: 'crash', node: crashed },
  ]));

  await (await runsMenu(page)).getByRole('button', { name: 'Replay in the simulator' }).click();
  await page.waitForURL(/[?&]engine=sim\b.*#run=/);
  await waitForEngine(page, 'sim');
  await page.waitForFunction(() => window.raftlab!.cluster.getState().clock.paused);
  const replay = await page.evaluate(() => window.raftlab!.exportRun());
  expect(replay.start).toEqual(live.start);
  // The live session's actions, at the virtual ms they were taken (the simulator pins each to its step).
  const actions = (run: RunFile) => run.actions.map((a) => ({ at: a.at, action: a.action }));
  expect(actions(replay).slice(0, live.actions.length)).toEqual(actions(live));
  expect(replay.endAt).toBeGreaterThanOrEqual(live.actions.at(-1)!.at);
  expect(await page.evaluate((node) => window.raftlab!.cluster.getState().nodes[node]!.status, crashed)).toBe('crashed');
});

test('a malformed run file is refused with its reason, and the page keeps its cluster; a run too large for a link opens from its file by the tab\'s session storage; Copy share link says to share the file', async ({ page }) => {
  await openApp(page, '?speed=1', SIM);
  const base = await page.evaluate(() => window.raftlab!.exportRun());
  const url = page.url();
  const before = await page.evaluate(() => {
    (window as unknown as { samePage: boolean }).samePage = true; // gone if the page reloads
    return JSON.stringify(window.raftlab!.cluster.getState().nodes);
  });
  const menu = await runsMenu(page);
  const input = menu.getByLabel('Import run');
  await input.setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"format": "raftlab-run", "version": 1,') });
  await expect(menu.getByRole('alert')).toContainText('not a Raftlab run: the file is not JSON');
  await input.setInputFiles({ name: 'future.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ format: 'raftlab-run', version: 99 })) });
  await expect(menu.getByRole('alert')).toContainText('unsupported version 99');

  expect(page.url()).toBe(url);
  expect(await page.evaluate(() => (window as unknown as { samePage?: boolean }).samePage)).toBe(true);
  expect(await page.evaluate(() => JSON.stringify(window.raftlab!.cluster.getState().nodes))).toBe(before);
  // And it still runs: resumed, its clock moves on.
  const pausedAtMs = await page.evaluate(() => window.raftlab!.now());
  await page.getByRole('button', { name: 'Resume', exact: true }).click();
  await page.waitForFunction((t) => window.raftlab!.cluster.getState().nodes.every((v) => v.at > t), pausedAtMs);

  // A run too large for a link, imported into the same page (its run's start: seed 11).
  // 160 puts of 16,000 random characters: more than 2 million characters of link once deflated
  // (random text does not compress). Few and large: a replay of thousands of small puts took seconds.
  const actions = Array.from({ length: 160 }, (_, i) => ({ at: 2000 + i, step: null, action: { type: 'propose' as const, node: 0, command: { op: 'put', key: `k${i}`, value: randomBytes(12_000).toString('base64url') } } }));
  const big: RunFile = { ...base, actions, endAt: 10_000 };
  delete (big as { endStep?: number }).endStep;
  await (await runsMenu(page)).getByLabel('Import run').setInputFiles({ name: 'big.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(big)) });
  await page.waitForURL(/#run=session:[a-z0-9]+$/);
  await waitForEngine(page, 'sim');
  await pausedAt(page, big.endAt);
  await expect(page.getByRole('textbox', { name: 'Seed' })).toHaveValue(String(SEED));
  const reopened = await runsMenu(page);
  await reopened.getByRole('button', { name: 'Copy share link' }).click();
  await expect(reopened.getByRole('alert')).toContainText('this run is too large for a link');
  await expect(reopened.getByRole('alert')).toContainText('use Export run and share the file');
});
