import { axeViolations, expect, openApp, test } from './fixtures';

/**
 * Slides and talks (issue 12, item 4): `?embed` for an iframe, `?present` to step through a run
 * with the keyboard. On the simulated engine with a fixed seed.
 */

test('?embed=timeline shows the cluster and the timeline with a minimal bar, and links to the full page', async ({ page }) => {
  await openApp(page, '?speed=1&size=3&embed=timeline', { engine: 'sim', seed: 5, at: 2000 });
  await expect(page.getByRole('region', { name: 'Cluster' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Timeline' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Events, newest first' })).toContainText('becomes leader');
  // Minimal chrome: no top bar, no side panels, no logs.
  await expect(page.getByRole('banner')).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Client' })).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Logs' })).toHaveCount(0);
  const bar = page.getByRole('toolbar', { name: 'Embedded cluster' });
  await bar.getByRole('button', { name: 'Resume' }).click();
  await expect(bar.getByRole('button', { name: 'Pause' })).toBeVisible();
  const open = bar.getByRole('link', { name: 'Open in Raftlab ↗' });
  const href = new URL((await open.getAttribute('href'))!);
  expect(href.searchParams.has('embed')).toBe(false);
  expect(href.searchParams.get('seed')).toBe('5');
  expect(await axeViolations(page)).toEqual([]);
});

test('?present plays a shared run from its start, one event per key press, back and forth', async ({ page }) => {
  await openApp(page, '?speed=1&size=3', { engine: 'sim', seed: 5, at: 1500 });
  const link = new URL(await page.evaluate(() => window.raftlab!.shareLink()));
  link.searchParams.set('present', '1');
  await page.goto(link.toString());
  const where = page.getByTestId('present-where');
  await expect(where).toHaveText(/^event 0 of \d+ · t = 0\.00 s$/);
  const total = Number((await where.textContent())!.match(/of (\d+)/)![1]);
  expect(total, 'the shared run\'s events').toBeGreaterThan(10);
  await page.keyboard.press('ArrowRight');
  await expect(where).toHaveText(new RegExp(`^event 1 of ${total} `));
  await page.keyboard.press('PageDown');
  await expect(where).toHaveText(new RegExp(`^event 2 of ${total} `));
  await page.keyboard.press('ArrowLeft');
  await expect(where).toHaveText(new RegExp(`^event 1 of ${total} `));
  await page.keyboard.press('End');
  await expect(where).toHaveText(new RegExp(`^event ${total} of ${total} · t = 1\\.50 s$`));
  await page.keyboard.press('Home');
  await expect(where).toHaveText(/^event 0 of \d+ · t = 0\.00 s$/);
  // Stepped through, each event's rule is told as it happens: the first election's appears large.
  const caption = page.getByRole('region', { name: 'What just happened' });
  for (let step = 1; step <= total && (await caption.textContent())!.includes('Nothing explained yet'); step++) {
    await page.keyboard.press('ArrowRight');
    await expect(where).toHaveText(new RegExp(`^event ${step} of ${total} `));
  }
  await expect(caption).toContainText(/Node \d (starts an election for term 1|asks whether it could win term 1)/);
  await page.keyboard.press('Home');
  await expect(where).toHaveText(/^event 0 of \d+ · t = 0\.00 s$/);
  await page.getByRole('toolbar', { name: 'Presenter' }).getByRole('button', { name: 'Forward one event' }).click();
  await expect(where).toHaveText(new RegExp(`^event 1 of ${total} `));
  expect(await axeViolations(page)).toEqual([]);
});
