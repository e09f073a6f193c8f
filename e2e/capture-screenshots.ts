/**
 * The README's screenshots: `npx tsx e2e/capture-screenshots.ts [baseURL]` against a running
 * `vite preview` of the built app (default http://127.0.0.1:4173). Writes docs/screenshots/
 * {light,dark}-{1280x800,1920x1080}.png, each showing the page in a state worth explaining.
 * Not a test (Playwright runs only *.spec.ts); the specs keep their own screenshots as artifacts.
 */
import { resolve } from 'node:path';
import { chromium, type Page } from '@playwright/test';

const BASE = process.argv[2] ?? 'http://127.0.0.1:4173';
const OUT = resolve(import.meta.dirname ?? '.', '..', 'docs', 'screenshots');
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

async function leader(page: Page): Promise<number> {
  await page.waitForFunction(() => document.querySelector('[data-role="leader"]') !== null, null, { timeout: 30_000 });
  return Number((await page.getAttribute('[data-role="leader"]', 'data-testid'))!.split('-')[1]);
}

async function send(page: Page, op: 'put' | 'get' | 'del', key: string, value = '', to = 'the leader (retries)'): Promise<void> {
  const tab = page.getByRole('tab', { name: 'Client' });
  if (await tab.isVisible()) await tab.click();
  await page.getByRole('radio', { name: op, exact: true }).click();
  await page.getByLabel('Key', { exact: true }).fill(key);
  if (op === 'put') await page.getByLabel('Value', { exact: true }).fill(value);
  await page.getByLabel('Send to').selectOption({ label: to });
  await page.getByRole('button', { name: `Send ${op}` }).click();
}

/** Wait until a few messages are in flight, so the picture shows them moving. */
async function messagesInFlight(page: Page, count = 3): Promise<void> {
  await page.waitForFunction((n) => document.querySelectorAll('.messages .dot[style*="inline"]').length >= n, count, { timeout: 20_000 });
}

/** Light, 1280×800: a cluster at the teaching speed, a few commands sent, a follower selected. */
async function lightSmall(page: Page): Promise<void> {
  await page.goto(`${BASE}/?theme=light`);
  const lead = await leader(page);
  for (const [key, value] of [['color', 'blue'], ['fruit', 'pear'], ['city', 'Oslo']] as const) {
    await send(page, 'put', key, value);
    await page.getByTestId('kv-results').getByRole('listitem').first().filter({ hasText: 'succ' }).waitFor({ timeout: 30_000 });
  }
  await page.getByRole('tab', { name: 'Timeline' }).click();
  await page.getByRole('button', { name: new RegExp(`^Node ${(lead + 2) % 5}:`) }).click();
  await messagesInFlight(page);
}

/** Dark, 1280×800: the leader cut off with one follower; a command it took can never commit. */
async function darkSmall(page: Page): Promise<void> {
  await page.goto(`${BASE}/?theme=dark&speed=0.5`);
  const lead = await leader(page);
  await send(page, 'put', 'x', '1');
  await page.getByTestId('kv-results').getByRole('listitem').first().filter({ hasText: 'succ' }).waitFor({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Partition…', exact: true }).click();
  await page.getByRole('button', { name: /\(minority\) \| the rest/ }).click();
  await send(page, 'put', 'x', 'stale', `node ${lead} only`);
  await page.waitForFunction((old) => window.raftlab!.cluster.getState().nodes.some((n) => n.role === 'leader' && n.id !== old && n.status === 'running'), lead, { timeout: 30_000 });
  await send(page, 'put', 'y', 'fresh');
  await page.getByTestId('kv-results').getByRole('listitem').first().filter({ hasText: 'created y' }).waitFor({ timeout: 30_000 });
  await page.getByRole('tab', { name: 'Timeline' }).click();
  await page.getByRole('button', { name: new RegExp(`^Node ${lead}:`) }).click();
  await page.getByRole('button', { name: 'Speed', exact: false }).count(); // settle
  await page.getByLabel('Speed', { exact: true }).selectOption('0.15');
  await messagesInFlight(page, 2);
}

/** Light, 1920×1080: seven nodes after a burst of concurrent clients, every panel open. */
async function lightLarge(page: Page): Promise<void> {
  await page.goto(`${BASE}/?theme=light&size=7&speed=1`);
  await leader(page);
  await page.getByRole('button', { name: /Run 10 s of load/ }).click();
  await send(page, 'put', 'k1', 'mine');
  // A busy picture: wait for the load to have finished some operations, not for a time.
  await page.waitForFunction(() => window.raftlab!.store.getState().ops.filter((op) => op.status !== 'pending').length >= 30, undefined, { timeout: 30_000 });
  await page.getByLabel('Speed', { exact: true }).selectOption('0.15');
  await page.getByTestId('linearizability').waitFor({ timeout: 30_000 });
  await messagesInFlight(page);
}

/** Dark, 1920×1080: a bug injected and caught — the cluster paused on a Leader Completeness violation. */
async function darkLarge(page: Page): Promise<void> {
  await page.goto(`${BASE}/?theme=dark&speed=1`);
  const lead = await leader(page);
  const stale = (lead + 1) % 5;
  await page.getByRole('button', { name: 'Inject a bug', exact: true }).click();
  await page.getByLabel('Bug: Vote without the up-to-date check').check();
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: new RegExp(`^Node ${stale}:`) }).click();
  await page.getByRole('button', { name: `Isolate node ${stale}`, exact: true }).click();
  for (const key of ['a', 'b', 'c']) {
    await send(page, 'put', key, key.toUpperCase());
    await page.getByTestId('kv-results').getByRole('listitem').first().filter({ hasText: 'succ' }).waitFor({ timeout: 30_000 });
  }
  await page.getByRole('button', { name: `Reconnect node ${stale}`, exact: true }).click();
  await page.getByRole('button', { name: `Force election timeout on node ${stale}`, exact: true }).click();
  await page.getByTestId('violation').waitFor({ timeout: 30_000 });
  await page.getByTestId('violation').getByText(/What happened just before/).click();
}

const SHOTS: readonly [string, number, number, (page: Page) => Promise<void>][] = [
  ['light-1280x800', 1280, 800, lightSmall],
  ['dark-1280x800', 1280, 800, darkSmall],
  ['light-1920x1080', 1920, 1080, lightLarge],
  ['dark-1920x1080', 1920, 1080, darkLarge],
];

async function main(): Promise<void> {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
  try {
    for (const [name, width, height, stage] of SHOTS) {
      const context = await browser.newContext({ viewport: { width, height } });
      const page = await context.newPage();
      await stage(page);
      await page.mouse.move(0, height - 1);
      await page.screenshot({ path: `${OUT}/${name}.png` });
      console.log(`${OUT}/${name}.png`);
      await context.close();
    }
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
