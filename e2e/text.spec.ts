import { expect, openApp, openClientPanel, POLL_INTERVALS, sendCommand, test, waitForLeader, type Page } from './fixtures';

/**
 * Engine: the simulated one with a fixed seed (what is checked is how the page shows text, which
 * no engine touches).
 *
 * Untrusted text on screen (issue 8, 3e), typed into the form as a user would: a key with U+202E
 * must not reverse the rest of a row; a zero-width or whitespace-only key must not look empty or
 * like another key; a line break is kept (values) or refused (keys), never turned into a space.
 */

/** Seed 10 elects node 2 in term 1 within a second of virtual time. */
const SIM = { engine: 'sim', seed: 10 } as const;

const RLO = '\u202E';
const ZWSP = '\u200B';
const FSI_PDI = /[\u2068\u2069]/g;

/** The newest timeline row that mentions `text`, as the page renders it (isolates removed). */
async function timelineRowText(page: Page, text: string): Promise<string> {
  const row = page.getByRole('list', { name: 'Events, newest first' }).getByRole('listitem').filter({ hasText: text }).first();
  await expect(row).toBeVisible();
  return ((await row.textContent()) ?? '').replace(FSI_PDI, '');
}

async function typeKey(page: Page, key: string): Promise<void> {
  const field = page.getByLabel('Key', { exact: true });
  await field.fill('');
  await field.pressSequentially(key);
}

test('a key with U+202E is shown escaped and isolated: results, timeline, state machines, logs; a line break is kept in a value and shown as ⏎, refused in a pasted key, not turned into a space', async ({ page }) => {
  await openApp(page, '?speed=1', SIM);
  await waitForLeader(page);
  await openClientPanel(page);
  await typeKey(page, `ab${RLO}cd`);
  await page.getByLabel('Value', { exact: true }).fill('1');
  await page.getByRole('button', { name: 'Send put' }).click();
  const latest = page.getByTestId('kv-results').getByRole('listitem').first();
  await expect(latest).toContainText('succ: created ab⟨U+202E⟩cd = "1"');
  // The override character itself is nowhere in the page's text: nothing after it can be reversed.
  expect(await page.locator('body').textContent()).not.toContain(RLO);
  expect(await latest.locator('bdi').count()).toBeGreaterThan(0);
  await expect(latest.locator('bdi .esc').first()).toHaveText('⟨U+202E⟩');

  await page.getByRole('tab', { name: 'Timeline' }).click();
  expect(await timelineRowText(page, 'sends put')).toMatch(/Client A sends put ab⟨U\+202E⟩cd=1 to the leader$/);
  const row = page.getByRole('list', { name: 'Events, newest first' }).getByRole('listitem').filter({ hasText: 'sends put' }).first();
  await expect(row.locator('bdi')).toHaveCount(2); // the key and the value

  await openClientPanel(page);
  const machines = page.getByRole('table').filter({ hasText: 'key' }).last();
  await expect(machines.getByRole('rowheader')).toContainText(['ab⟨U+202E⟩cd']);
  const cell = page.getByTestId('log-0').locator('.log-cell', { hasText: 'ab⟨U+202E⟩cd=1' });
  await expect(cell).toHaveCount(1);
  expect(await cell.getAttribute('title')).not.toContain(RLO);

  // A line break, typed into the value as a user would (Shift+Enter), after the put above.
  await typeKey(page, 'poem');
  const value = page.getByLabel('Value', { exact: true });
  await value.fill('');
  await value.pressSequentially('roses');
  await value.press('Shift+Enter');
  await value.pressSequentially('violets');
  await value.press('Enter'); // Enter sends
  await expect(latest).toContainText('succ: created poem = "roses⏎violets"');
  await expect.poll(() => page.evaluate(() => window.raftlab!.cluster.getState().nodes.some((v) => v.machine?.entries.some(([k, val]) => k === 'poem' && val === 'roses\nviolets'))), { intervals: POLL_INTERVALS }).toBe(true);

  const key = page.getByLabel('Key', { exact: true });
  await key.fill('kept');
  await key.evaluate((input) => {
    const data = new DataTransfer();
    data.setData('text/plain', 'two\nlines');
    input.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  });
  await expect(page.getByRole('alert')).toHaveText('The key contains a control character (a line break, U+000A); a key is one line of text. Nothing was pasted.');
  await expect(key).toHaveValue('kept');
});

test('a zero-width key and a plain one look different; a whitespace-only key is refused; the form states the limits in the unit it counts: UTF-16 code units', async ({ page }) => {
  await openApp(page, '?speed=1', SIM);
  await waitForLeader(page);
  await openClientPanel(page);
  const latest = page.getByTestId('kv-results').getByRole('listitem').first();
  await sendCommand(page, { op: 'put', key: 'ab', value: 'plain' });
  await expect(latest).toContainText('succ: created ab = "plain"');
  await typeKey(page, `a${ZWSP}b`);
  await page.getByLabel('Value', { exact: true }).fill('hidden');
  await page.getByRole('button', { name: 'Send put' }).click();
  await expect(latest).toContainText('succ: created a⟨U+200B⟩b = "hidden"');
  const machines = page.getByRole('table').filter({ hasText: 'key' }).last();
  await expect(machines.getByRole('rowheader')).toHaveText(['ab', 'a⟨U+200B⟩b']);

  for (const key of ['   ', ZWSP]) {
    await typeKey(page, key);
    await page.getByRole('button', { name: 'Send put' }).click();
    await expect(page.getByRole('alert')).toHaveText('The key has no visible character (only spaces or invisible characters); use at least one letter, digit or symbol.');
  }
  await page.getByLabel('Key', { exact: true }).fill('😀'.repeat(129));
  await page.getByRole('button', { name: 'Send put' }).click();
  await expect(page.getByRole('alert')).toHaveText('The key is 258 UTF-16 code units long; at most 256 are allowed.');
  await expect(page.getByLabel('Key', { exact: true })).toHaveAttribute('title', /at most 256 UTF-16 code units/);
  await expect(page.getByTestId('kv-results').getByRole('listitem')).toHaveCount(2); // nothing refused was sent
});
