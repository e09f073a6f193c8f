import { advance, axeViolations, crash, expect, leaderNow, nodeAction, nodeButton, openApp, openClientPanel, selectNode, sendCommand, showPanel, test } from './fixtures';

/**
 * What newcomers tripped on (issue 12), each fixed and checked here, on the simulated engine with
 * a fixed seed.
 */

test('item 1: with the leader cut off and a node of the other side down, the headline says no new leader is possible; item 7: once the other side elects, the old leader is named stale in the picture and in its log row alike', async ({ page }) => {
  await openApp(page, '?speed=1&size=5&profile=lab', { engine: 'sim', seed: 5, at: 3000 });
  const leader = await leaderNow(page);
  expect(leader, 'a leader at t = 3 s').toBeGreaterThanOrEqual(0);
  const others = [0, 1, 2, 3, 4].filter((n) => n !== leader);
  const [mate, ...rest] = others;
  await page.evaluate(({ minority, majority }) => window.raftlab!.cluster.partition([minority, majority]), { minority: [leader, mate!], majority: rest });
  await crash(page, rest[0]!);
  const headline = page.getByTestId('headline');
  await expect(headline).toContainText(`Node ${leader} leads term`);
  await expect(headline).toContainText('no other group of running nodes that reach each other holds a majority (at most 2 of 5, 3 needed)');
  await expect(headline).not.toContainText('will elect a new leader');
  // Restart the crashed node: now the majority side can elect, and the headline says so.
  await page.evaluate((node) => window.raftlab!.cluster.restart(node), rest[0]!);
  await expect(headline).toContainText(`nodes ${rest.join(', ').replace(/, (\d)$/, ' and $1')} reach each other, a majority: they will elect a new leader`);
  // Item 7: the majority elects a leader of a later term; the old one, cut off with its mate, does not hear of it.
  await advance(page, 3000);
  await expect(nodeButton(page, leader)).toHaveAttribute('data-role', 'stale-leader');
  await expect(page.getByTestId(`log-${leader}`)).toContainText('stale leader (term');
  await expect(page.getByTestId(`log-${leader}`)).not.toContainText(/(^|[^e] )leader$/);
});

test('item 2: a minority\'s repeated elections fold into one expandable timeline line; the partition and the crash stay in view', async ({ page }) => {
  await openApp(page, '?speed=1&size=5&profile=lab', { engine: 'sim', seed: 5, at: 3000 });
  const leader = await leaderNow(page);
  const others = [0, 1, 2, 3, 4].filter((n) => n !== leader);
  const [mate, ...rest] = others;
  // As the newcomer did, with the page's controls: the partition editor, then the node's Crash button.
  await page.getByRole('button', { name: 'Partition…', exact: true }).click();
  for (let node = 0; node < 5; node++) await page.getByRole('radio', { name: `Node ${node} on side ${node === leader || node === mate ? 'A' : 'B'}` }).click();
  await page.getByRole('button', { name: 'Apply partition', exact: true }).click();
  await nodeAction(page, rest[0]!, `Crash node ${rest[0]}`);
  await advance(page, 20_000); // the two running nodes of the larger side time out again and again (§5.2)
  await showPanel(page, 'Timeline');
  const events = page.getByRole('list', { name: 'Events, newest first' });
  const group = events.getByRole('button', { name: /\d+ elections in terms \d+–\d+ by nodes? [\d, ]+ won no majority: at most 2 of the 3 votes needed/ });
  await expect(group).toHaveAttribute('aria-expanded', 'false');
  const count = Number((await group.textContent())!.match(/(\d+) elections/)![1]);
  expect(count, 'elections folded into the line').toBeGreaterThanOrEqual(5);
  // What explains them is not buried: the crash and the partition are a few lines below.
  await expect(events.getByRole('button', { name: new RegExp(`crash.*node ${rest[0]}|node ${rest[0]}.*crash`, 'i') })).toBeVisible();
  await expect(events.getByRole('button', { name: /partition/i })).toBeVisible();
  await group.click();
  await expect(group).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByRole('list', { name: /^The \d+ rows of these elections/ }).getByRole('button', { name: /starts an election for term/ })).toHaveCount(count);
});

test('three nodes at t = 2 s: item 6, the log legend explains the n / m badges (the leader\'s next and match index, also the "next · match" line); item 8, a refusal names who leads and the client history runs on the timeline\'s clock; item 4, the client form keeps what was typed when the side panel switches tabs, and item 8, the load\'s clients can be picked', async ({ page }) => {
  await openApp(page, '?speed=1&size=3', { engine: 'sim', seed: 5, at: 2000 });
  const legend = page.locator('.log-legend');
  await expect(legend).toContainText("leader's next / match index (§5.3)");
  expect(await axeViolations(page, '.log-legend')).toEqual([]);
  await page.getByRole('button', { name: 'Dark theme' }).click();
  expect(await axeViolations(page, '.log-legend')).toEqual([]);
  // Item 8: a refusal, and one clock.
  const leader = await leaderNow(page);
  const follower = (leader + 1) % 3;
  await sendCommand(page, { op: 'put', key: 'k', value: 'v', to: `node ${follower} only` });
  await expect(page.getByTestId('kv-results').getByRole('listitem').filter({ hasText: 'put k=v' }))
    .toContainText(new RegExp(`refused: node ${follower} is not the leader \\((it points to node ${leader}, the leader of term \\d+|it knows of no leader; node ${leader} leads term \\d+)\\)`));
  // One clock: the chart's axis reads in the timeline's virtual seconds, and ends at the cluster's now.
  const now = await page.evaluate(() => window.raftlab!.cluster.now());
  const chart = page.getByRole('img', { name: /Client history: 1 operations/ });
  await expect(chart.locator('text.axis').last()).toHaveText(`${(now / 1000).toFixed(2)} s (now)`);
  await expect(chart.locator('text.axis').first()).toHaveText(/^\d+\.\d\d s$/);
  // Item 4: a draft survives switching tabs.
  await openClientPanel(page);
  await page.getByRole('radio', { name: 'put', exact: true }).click();
  await page.getByLabel('Key', { exact: true }).fill('draft-key');
  await page.getByLabel('Value', { exact: true }).fill('draft value');
  await page.getByLabel('Send to').selectOption({ label: 'node 2 only' });
  await page.getByLabel('As client').selectOption('D');
  await page.getByRole('tab', { name: 'Timeline' }).click();
  await expect(page.getByLabel('Key', { exact: true })).toBeHidden();
  await page.getByRole('tab', { name: 'Client' }).click();
  await expect(page.getByLabel('Key', { exact: true })).toHaveValue('draft-key');
  await expect(page.getByLabel('Value', { exact: true })).toHaveValue('draft value');
  await expect(page.getByLabel('Send to')).toHaveValue('2');
  await expect(page.getByLabel('As client')).toHaveValue('D');
  await expect(page.getByRole('button', { name: /Run 10 s of load \(clients B, C, D\)/ })).toBeVisible();
});

test('items 3 and 8: a log entry opens a card that says whether it is committed and why it waits; a crashed node\'s row shows what it stored', async ({ page }) => {
  await openApp(page, '?speed=1&size=5&profile=lab', { engine: 'sim', seed: 5, at: 1500 });
  const leader = await leaderNow(page);
  const follower = (leader + 1) % 5;
  await sendCommand(page, { op: 'put', key: 'kept', value: '1' });
  await advance(page, 1000);
  await expect(page.getByTestId('kv-results').getByRole('listitem').filter({ hasText: 'put kept=1' })).toContainText('succ: created');
  // Item 8: the crashed follower's row shows its stored entry, not one grey "disk" cell.
  await nodeAction(page, follower, `Crash node ${follower}`);
  const stored = page.getByTestId(`log-${follower}`).getByRole('button', { name: /put kept=1.*the node is down/ });
  await expect(stored).toContainText('kept=1');
  await stored.click();
  const card = page.getByRole('region', { name: 'Entry' });
  await expect(card).toContainText(`Node ${follower}, index`);
  await expect(card).toContainText('restarts from what it wrote');

  // Item 3: an entry the leader cannot commit says why, at the entry (a click, not a tooltip).
  await page.getByRole('button', { name: 'Partition…', exact: true }).click();
  for (let node = 0; node < 5; node++) await page.getByRole('radio', { name: `Node ${node} on side ${node === leader ? 'A' : 'B'}` }).click();
  await page.getByRole('button', { name: 'Apply partition', exact: true }).click();
  await sendCommand(page, { op: 'put', key: 'waits', value: '2', to: `node ${leader} only` });
  await advance(page, 200);
  const pending = page.getByTestId(`log-${leader}`).getByRole('button', { name: /put waits=2/ });
  await pending.click();
  await expect(card).toContainText(`Node ${leader}, index`);
  await expect(card).toContainText('Committed');
  await expect(card).toContainText('not yet: on 1 of 5 nodes as far as the leader knows: it commits once a majority (3) stores it (§5.3)');
  await expect(card).toContainText(`node ${leader}: 1 of 5`);
  for (const theme of ['light', 'dark']) {
    if (theme === 'dark') await page.getByRole('button', { name: 'Dark theme' }).click();
    expect(await axeViolations(page, ['.logs', '.inspector']), `the log grid and the entry card, ${theme}`).toEqual([]);
  }
  await card.getByRole('button', { name: 'Close entry' }).click();
  await expect(card).toBeHidden();
});

test('item 5: a chosen node\'s "why it acted" is in view without scrolling, and "How to read this" is one click away', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await openApp(page, '?speed=1&size=5', { engine: 'sim', seed: 5, at: 3000 });
  const leader = await leaderNow(page);
  await selectNode(page, (leader + 1) % 5);
  const inspector = page.getByRole('region', { name: `Node ${(leader + 1) % 5}` });
  await expect(inspector.getByRole('heading', { name: 'Why it acted' })).toBeInViewport();
  await expect(inspector.locator('.why-list li').first()).toBeInViewport();
  await inspector.getByText('How to read this').click();
  await expect(inspector.getByText(/Rings\s+are election timers/)).toBeVisible();
});
