import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type BrowserContext, type ConsoleMessage, type Locator, type Page, type ViewportSize } from '@playwright/test';
import { CONTEXT_OPTIONS } from '../playwright.config';
import type { NodeView } from '../src/runtime';
import { MIN_SPEED } from '../src/runtime/clock';
import { TEACHING_SPEED } from '../src/ui/app/defaults';

/**
 * Shared steps for the end-to-end scenarios. Tests drive the page as a user does — by role and
 * accessible name ("Crash node 2", "Cut link 1–3", "Pause") — and read the truth from the
 * cluster's own state on `window.raftlab` (src/ui/app/boot.ts) to check what the page shows.
 */

/**
 * One browser context and page per Playwright worker, reused by its tests (a fresh context and
 * page cost about 0.8 s a test here, and a fresh HTTP cache made every test fetch and compile the
 * app again). Each test starts from a clean slate all the same: the page is on a blank document of
 * the origin, its IndexedDB, local and session storage are emptied, every other tab is closed, the
 * viewport and media are the test's own (test.use). A test that changes the page itself (init
 * scripts, exposed functions) asks for its own context: test.use({ freshContext: true }).
 */
interface Shared { readonly context: BrowserContext; readonly page: Page }

export const test = base.extend<{ pageErrors: string[]; freshContext: boolean }, { shared: Shared }>({
  shared: [async ({ browser }, use) => {
    const context = await browser.newContext(CONTEXT_OPTIONS);
    await use({ context, page: await context.newPage() });
    await context.close();
  }, { scope: 'worker' }],
  freshContext: [false, { option: true }],
  context: async ({ shared, freshContext, browser, viewport }, use) => {
    if (!freshContext) { await use(shared.context); return; }
    const context = await browser.newContext({ ...CONTEXT_OPTIONS, viewport });
    await use(context);
    await context.close();
  },
  page: async ({ context, shared, viewport, reducedMotion, colorScheme }, use, testInfo) => {
    const page = context === shared.context ? shared.page : await context.newPage();
    if (page === shared.page) await cleanSlate(page, viewport, reducedMotion, colorScheme);
    await use(page);
    if (testInfo.status !== testInfo.expectedStatus) {
      await testInfo.attach('screenshot', { body: await page.screenshot(), contentType: 'image/png' }).catch(() => {});
    }
    if (page === shared.page) {
      for (const other of context.pages()) if (other !== page) await other.close();
      // Stop the app (its workers, timers and locks) before the next test's page loads.
      await page.goto('about:blank');
    }
  },
  /** Every test fails if the page throws or logs an error (in the page or a worker's start-up). */
  pageErrors: [async ({ page }, use) => {
    const errors: string[] = [];
    const onError = (error: Error) => { errors.push(error.message); };
    const onConsole = (message: ConsoleMessage) => { if (message.type() === 'error') errors.push(message.text()); };
    page.on('pageerror', onError);
    page.on('console', onConsole);
    await use(errors);
    page.off('pageerror', onError);
    page.off('console', onConsole);
    expect(errors, 'errors in the page').toEqual([]);
  }, { auto: true }],
});

/** The shared page as a fresh context would give it: nothing stored for the origin, the test's viewport and media. */
async function cleanSlate(page: Page, viewport: ViewportSize | null, reducedMotion: 'reduce' | 'no-preference' | null | undefined, colorScheme: 'light' | 'dark' | 'no-preference' | null | undefined): Promise<void> {
  // (Other tabs were closed when the last test ended.) A static file of the origin: its storage can be emptied without starting the app.
  await page.goto('/favicon.svg');
  await page.evaluate(async () => {
    localStorage.clear();
    sessionStorage.clear();
    for (const { name } of await indexedDB.databases()) {
      if (!name) continue;
      await new Promise<void>((resolve, reject) => {
        const request = indexedDB.deleteDatabase(name);
        request.onsuccess = () => resolve();
        request.onerror = () => reject(new Error(`could not delete IndexedDB ${name}`));
        request.onblocked = () => reject(new Error(`IndexedDB ${name} is still open elsewhere`));
      });
    }
  });
  await page.goto('about:blank');
  if (viewport) await page.setViewportSize(viewport);
  await page.emulateMedia({ reducedMotion: reducedMotion ?? null, colorScheme: colorScheme ?? null });
}
export { expect };
export type { Page } from '@playwright/test';

/**
 * The simulated engine with a fixed seed (`?engine=sim&seed=N`): the same Raft core under virtual
 * time, so a seed gives the same run up to the first thing the test does. `at` (virtual ms) opens
 * the page paused at that instant, reached at once: what the seed did until then (who leads, in
 * which term) is the same on every run and every machine, and the test acts from there.
 */
export interface SimOptions {
  readonly engine: 'sim';
  readonly seed: number;
  readonly at?: number;
}


/**
 * Open the app and wait until its cluster exists. Tests run at 1× speed (`?speed=1`) unless they
 * are about the teaching speed; `query` adds parameters (e.g. "&size=3"). With `sim`, the page
 * runs the simulated engine with that seed (and, with `sim.at`, stands paused at that instant at
 * the query's speed); without it, the live engine (a Worker per node, IndexedDB, real time).
 */
export async function openApp(page: Page, query = '?speed=1', sim?: SimOptions): Promise<void> {
  if (!sim) {
    await page.goto(`/${query}`);
    await page.waitForFunction(() => window.raftlab !== undefined);
    return;
  }
  const params = new URLSearchParams(query);
  params.set('engine', 'sim');
  params.set('seed', String(sim.seed));
  // Loaded at the slowest clock, so that `at` is still ahead when the page is ready to seek.
  if (sim.at !== undefined) params.set('speed', String(MIN_SPEED));
  await page.goto(`/?${params}`);
  await page.waitForFunction(() => window.raftlab?.engine === 'sim');
  if (sim.at === undefined) return;
  await seekTo(page, sim.at);
  const speed = new URLSearchParams(query).get('speed');
  const wanted = speed === null ? TEACHING_SPEED : Number(speed);
  await page.evaluate((speed) => window.raftlab!.cluster.setSpeed(speed), wanted);
  await page.waitForFunction((speed) => window.raftlab!.cluster.getState().clock.speed === speed, wanted);
}

/** Simulated engine: run at once to virtual instant `ms` and pause there; resolves once the page's state stands there. */
export async function seekTo(page: Page, ms: number): Promise<void> {
  await page.evaluate((ms) => window.raftlab!.seek!(ms), ms);
  await page.waitForFunction((ms) => {
    const { clock } = window.raftlab!.cluster.getState();
    return clock.paused && clock.anchorVirtualMs === ms;
  }, ms);
}

/**
 * Simulated engine, paused: let `ms` of virtual time pass at once (as fast as the worker runs, no
 * animation) and stay paused; resolves once the page's state has reached the new instant.
 */
export async function advance(page: Page, ms: number): Promise<void> {
  const target = await page.evaluate((ms) => {
    const raftlab = window.raftlab!;
    if (!raftlab.cluster.getState().clock.paused) throw new Error('advance(page, ms) runs from a pause');
    const at = raftlab.cluster.now();
    (raftlab.cluster as unknown as { advance(ms: number): void }).advance(ms);
    return at + ms;
  }, ms);
  await page.waitForFunction((target) => window.raftlab!.cluster.getState().clock.anchorVirtualMs >= target, target);
}

export function views(page: Page): Promise<NodeView[]> {
  return page.evaluate(() => [...window.raftlab!.cluster.getState().nodes]);
}

export function view(page: Page, node: number): Promise<NodeView> {
  return page.evaluate((i) => window.raftlab!.cluster.getState().nodes[i]!, node);
}

/** The running node that leads in the highest term, or -1. */
export function leaderNow(page: Page): Promise<number> {
  return page.evaluate(() => {
    let best = { id: -1, term: -1 };
    for (const v of window.raftlab!.cluster.getState().nodes) {
      if (v.status === 'running' && v.role === 'leader' && v.term > best.term) best = { id: v.id, term: v.term };
    }
    return best.id;
  });
}

/** Whether `node` has applied everything the current leader has committed (false while there is no leader). */
export function caughtUp(page: Page, node: number): Promise<boolean> {
  return page.evaluate((node) => {
    const nodes = window.raftlab!.cluster.getState().nodes;
    const leader = nodes.filter((v) => v.status === 'running' && v.role === 'leader').sort((a, b) => b.term - a.term)[0];
    const me = nodes[node]!;
    return !!leader && me.lastApplied > 0 && me.lastApplied === leader.commitIndex && me.log.lastIndex === leader.log.lastIndex;
  }, node);
}

/**
 * For expect.poll: look again every 100 ms. Its default backs off to once a second after 850 ms, so
 * a state reached at 0.9 s was seen at 1.85 s; each look is one page.evaluate, cheap beside that.
 */
export const POLL_INTERVALS = [50, 100];

/** Wait until the page shows a leader (other than `not`), and return it. */
export async function waitForLeader(page: Page, options: { not?: number; timeout?: number } = {}): Promise<number> {
  let leader = -1;
  await expect.poll(async () => {
    leader = await leaderNow(page);
    if (leader === -1 || leader === options.not) return false;
    return (await page.getByTestId(`node-${leader}`).getAttribute('data-role')) === 'leader';
  }, { message: 'a leader is elected and shown', timeout: options.timeout ?? 30_000, intervals: POLL_INTERVALS }).toBe(true);
  return leader;
}

/**
 * Pause with a leader in place, and return it. Between seeing a leader and pausing, a busy machine
 * can start another election (a timer fires late): then resume and try again, until the pause
 * holds the leader that was seen. Tests that act on "the leader" or "a follower" start from here.
 */
export async function pauseWithLeader(page: Page): Promise<number> {
  for (let attempt = 0; ; attempt++) {
    const leader = await waitForLeader(page);
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    await expect(page.getByRole('button', { name: 'Resume', exact: true })).toBeVisible();
    if ((await leaderNow(page)) === leader || attempt === 4) {
      expect(await leaderNow(page), 'a leader held by the pause').toBe(leader);
      return leader;
    }
    await page.getByRole('button', { name: 'Resume', exact: true }).click();
  }
}

/** The node in the cluster picture (its accessible name starts "Node 2:"). */
export function nodeButton(page: Page, node: number): Locator {
  return page.getByRole('button', { name: new RegExp(`^Node ${node}:`) });
}

/** Click a node so the inspector shows its actions. */
export async function selectNode(page: Page, node: number): Promise<void> {
  const button = nodeButton(page, node);
  if ((await button.getAttribute('aria-pressed')) !== 'true') await button.click();
  await expect(page.getByRole('region', { name: `Node ${node}` })).toBeVisible();
}

/** Select a node and press one of its actions ("Crash node 2", …). */
export async function nodeAction(page: Page, node: number, name: string): Promise<void> {
  await selectNode(page, node);
  await page.getByRole('button', { name, exact: true }).click();
}

/** Put keys `${prefix}0..n-1` through the cluster, pipelined; resolves when all are acknowledged. */
export function putMany(page: Page, prefix: string, n: number): Promise<void> {
  return page.evaluate(async ({ prefix, n }) => {
    const client = window.raftlab!.client;
    // A generous time-out: on a busy machine an election can take a few seconds to settle.
    await Promise.all(Array.from({ length: n }, (_, i) => client.put(`${prefix}${i}`, `value-${prefix}${i}`, { timeoutMs: 20_000 })));
  }, { prefix, n });
}

/** Read keys back through the cluster: the values found (null if absent). */
export function getMany(page: Page, keys: string[]): Promise<(string | null)[]> {
  return page.evaluate(async (keys) => {
    const client = window.raftlab!.client;
    const results = await Promise.all(keys.map((k) => client.get(k, { timeoutMs: 20_000 })));
    return results.map((r) => (r.succ ? r.value : null));
  }, keys);
}

export function crash(page: Page, node: number): Promise<void> {
  return page.evaluate((i) => window.raftlab!.cluster.crash(i), node);
}

export function restart(page: Page, node: number): Promise<void> {
  return page.evaluate((i) => window.raftlab!.cluster.restart(i), node);
}

/**
 * Show a side panel: a tab below 1600 px, a panel of its own above. The side panels load just after
 * the cluster (a chunk of their own): wait until the tab or the panel is there before deciding.
 */
export async function showPanel(page: Page, name: 'Client' | 'Timeline' | 'Storage'): Promise<void> {
  const tab = page.getByRole('tab', { name });
  await expect(tab.or(page.getByRole('region', { name })).first()).toBeVisible();
  if (await tab.isVisible()) await tab.click();
}

/** Open the Client panel (a tab on narrow screens). */
export async function openClientPanel(page: Page): Promise<void> {
  await showPanel(page, 'Client');
  await expect(page.getByRole('button', { name: /^Send (put|get|del)$/ })).toBeVisible();
}

/** Send a KV command through the form. */
export async function sendCommand(page: Page, command: { op: 'put' | 'get' | 'del'; key: string; value?: string; to?: string }): Promise<void> {
  await openClientPanel(page);
  await page.getByRole('radio', { name: command.op, exact: true }).click();
  await page.getByLabel('Key', { exact: true }).fill(command.key);
  if (command.op === 'put') await page.getByLabel('Value', { exact: true }).fill(command.value ?? '');
  await page.getByLabel('Send to').selectOption({ label: command.to ?? 'the leader (retries)' });
  await page.getByRole('button', { name: `Send ${command.op}` }).click();
}

/** Reset the cluster from the top bar: the button asks first, in the page; confirm there. */
export async function resetCluster(page: Page): Promise<void> {
  await page.getByRole('banner').getByRole('button', { name: 'Reset cluster', exact: true }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Reset the cluster?' });
  await dialog.getByRole('button', { name: 'Reset cluster', exact: true }).click();
  await expect(dialog).toBeHidden();
}

/**
 * Save a screenshot as a test artifact, when RAFTLAB_SNAPS=1 (to look at the page a scenario
 * reached). Off by default: a full-page screenshot is slow on a software-rendered page, and a
 * failing test saves its own (playwright.config.ts).
 */
export async function snap(page: Page, name: string): Promise<void> {
  if (process.env.RAFTLAB_SNAPS !== '1') return;
  await page.screenshot({ path: test.info().outputPath(`${name}.png`) });
}

/**
 * What axe-core (WCAG rules, colour contrast included) finds wrong on the page as it is now, one
 * line each; with `within` (CSS selectors), in those parts of the page only.
 *
 * Axe runs in the page itself (AxeBuilder's legacy mode: axe.run): the default runs axe.runPartial
 * in every frame and then axe.finishRun in a new blank page, a page opened and closed per scan,
 * which made each scan cost seconds. The page has no frames, so nothing is lost. Only violations
 * are collected (resultTypes), not every node that passed.
 */
export async function axeViolations(page: Page, within?: string | readonly string[]): Promise<string[]> {
  let builder = new AxeBuilder({ page }).setLegacyMode().options({ resultTypes: ['violations'] });
  for (const selector of typeof within === 'string' ? [within] : within ?? []) builder = builder.include(selector);
  const result = await builder.analyze();
  return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} — ${(n.any[0]?.message ?? n.failureSummary ?? '').slice(0, 160)}`));
}
