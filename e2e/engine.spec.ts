import { expect, openApp, sendCommand, test, waitForLeader, type Page } from './fixtures';

/**
 * The two engines behind one page (issue 9, item 2): the header's "Engine" switch reopens the page
 * on the simulated engine with its seed, and the KV client works there; and a seed fixes the run, so
 * two openings seeked to one virtual instant show the same nodes.
 */

/** Wait until the page runs the engine named (window.raftlab exists once the cluster does). */
async function waitForEngine(page: Page, engine: 'live' | 'sim'): Promise<void> {
  await page.waitForFunction((engine) => window.raftlab?.engine === engine, engine);
}

test('the engine switch reopens the page on the simulated engine, its seed shown, and it elects a leader; a put and a get from the form work there', async ({ page }) => {
  await openApp(page, '?speed=1&seed=7');
  const engines = page.getByRole('radiogroup', { name: 'Engine' });
  await expect(engines.getByRole('radio', { name: 'Live' })).toHaveAttribute('aria-checked', 'true');
  // One tab stop; the arrow keys move to the other engine (the WAI-ARIA radio pattern).
  await expect(engines.getByRole('radio', { name: 'Simulated' })).toHaveAttribute('tabindex', '-1');
  await engines.getByRole('radio', { name: 'Live' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(engines.getByRole('radio', { name: 'Simulated' })).toBeFocused();
  await engines.getByRole('radio', { name: 'Simulated' }).click();
  await page.waitForURL(/[?&]engine=sim\b/);
  await waitForEngine(page, 'sim');
  expect(new URL(page.url()).searchParams.get('seed')).toBe('7');
  await expect(engines.getByRole('radio', { name: 'Simulated' })).toHaveAttribute('aria-checked', 'true');
  await expect(page.getByRole('textbox', { name: 'Seed' })).toHaveValue('7');
  await expect(page.getByTestId('engine-note')).toContainText('Simulated engine, seed 7');
  await waitForLeader(page);
  // The KV client works on the simulated engine: a put, then a get of what it wrote, from the form.
  const latest = page.getByTestId('kv-results').getByRole('listitem').first();
  await sendCommand(page, { op: 'put', key: 'fruit', value: 'apple' });
  await expect(latest).toContainText('succ: created fruit = "apple"');
  await sendCommand(page, { op: 'get', key: 'fruit' });
  await expect(latest).toContainText('succ: fruit = "apple"');
});

test('two openings of ?engine=sim&seed=7 show identical nodes at the same virtual time', async ({ page }) => {
  const SEEK_MS = 4000; // the teaching speed (0.15×) is far from it when the page has loaded
  const nodesAt = async (): Promise<string> => {
    await openApp(page, '?engine=sim&seed=7');
    await waitForEngine(page, 'sim');
    await page.evaluate((ms) => window.raftlab!.seek!(ms), SEEK_MS);
    await page.waitForFunction((ms) => {
      const { clock } = window.raftlab!.cluster.getState();
      return clock.paused && clock.anchorVirtualMs === ms;
    }, SEEK_MS);
    return page.evaluate(() => JSON.stringify(window.raftlab!.cluster.getState().nodes));
  };
  const first = await nodesAt();
  const second = await nodesAt();
  expect(JSON.parse(first).some((v: { role: string }) => v.role === 'leader'), 'a leader by then').toBe(true);
  expect(second).toBe(first);
});
