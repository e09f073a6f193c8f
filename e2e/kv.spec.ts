import { caughtUp, expect, nodeAction, openApp, openClientPanel, putMany, sendCommand, snap, test, view, views, waitForLeader, POLL_INTERVALS } from './fixtures';

/**
 * Engine: the simulated one with a fixed seed (the form, the client and its history are the page's;
 * a seed gives the same leader and the same run of load every time).
 *
 * The KV client through the form: the lab's results, pending until committed, validation, history.
 */

/** Seed 5 elects node 4 in term 1 within a second of virtual time. */
const SIM = { engine: 'sim', seed: 5 } as const;

test('the form refuses an empty key and an oversized value with a clear message, sending nothing; put, get and del from it give the lab\'s results; a command shows pending until committed; the client history shows each operation as an interval per client and says it is linearizable', async ({ page }) => {
  await openApp(page, '?speed=1', SIM);
  // Refused before anything is sent: no result at all yet.
  await openClientPanel(page);
  await page.getByLabel('Key', { exact: true }).fill('');
  await page.getByRole('button', { name: 'Send put' }).click();
  await expect(page.getByRole('alert')).toHaveText('Enter a key.');
  await page.getByLabel('Key', { exact: true }).fill('big');
  await page.getByLabel('Value', { exact: true }).fill('v'.repeat(70_000));
  await page.getByRole('button', { name: 'Send put' }).click();
  await expect(page.getByRole('alert')).toHaveText('The value is 70,000 UTF-16 code units long; at most 65,536 are allowed.');
  await expect(page.getByTestId('kv-results')).toHaveCount(0);

  await waitForLeader(page);
  const latest = page.getByTestId('kv-results').getByRole('listitem').first();
  await sendCommand(page, { op: 'put', key: 'fruit', value: 'apple' });
  await expect(latest).toContainText('succ: created fruit = "apple"');
  await sendCommand(page, { op: 'put', key: 'fruit', value: 'pear' });
  await expect(latest).toContainText('not succ: replaced fruit (was "apple")');
  await sendCommand(page, { op: 'get', key: 'fruit' });
  await expect(latest).toContainText('succ: fruit = "pear"');
  await sendCommand(page, { op: 'del', key: 'fruit' });
  await expect(latest).toContainText('succ: deleted fruit (was "pear")');
  await sendCommand(page, { op: 'get', key: 'fruit' });
  await expect(latest).toContainText('not succ: fruit is not set');

  // Paused, a command cannot commit: it shows pending, then its result once time runs.
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await sendCommand(page, { op: 'put', key: 'slow', value: 'poke' });
  await expect(latest).toContainText('pending');
  await page.getByRole('button', { name: 'Resume', exact: true }).click();
  await expect(latest).toContainText('succ: created slow = "poke"');

  // Every node's state machine holds it, and every log shows the entry with its term and command.
  const machines = page.getByRole('table').filter({ hasText: 'key' }).last();
  await expect(machines.getByRole('row', { name: /slow/ })).toContainText('poke');
  await expect.poll(async () => (await views(page)).every((v) => v.machine?.entries.some(([k, val]) => k === 'slow' && val === 'poke')), { intervals: POLL_INTERVALS }).toBe(true);
  const cell = page.getByTestId('log-0').locator('.log-cell', { hasText: 'slow=poke' });
  // The command is user text: isolated (FSI … PDI) in the tooltip too.
  await expect(cell).toHaveAttribute('title', /term \d+\n\u2068put slow=poke\u2069\ncommitted/);
  await snap(page, 'kv');

  // The client history: the form's client and the load's, each operation an interval.
  await openClientPanel(page);
  const linearizability = page.getByTestId('linearizability');
  const checked = async () => Number((await linearizability.textContent())?.match(/^Linearizable: (\d+) operations/)?.[1] ?? -1);
  await expect(linearizability).toContainText(/^Linearizable: \d+ operations/);
  const checkedBefore = await checked();
  await page.getByRole('button', { name: /Run 10 s of load/ }).click();
  await sendCommand(page, { op: 'put', key: 'k0', value: 'mine' });
  await expect(page.getByRole('img', { name: /Client history: \d+ operations by [2-4] client/ })).toBeVisible();
  await expect(linearizability).toContainText(/Linearizable: \d+ operations/, { timeout: 20_000 });
  // The verdict covers the load's operations too, not only the form's from before it.
  await expect.poll(checked, { intervals: POLL_INTERVALS, timeout: 20_000 }).toBeGreaterThan(checkedBefore + 1);
  await expect(page.locator('.op-bar.bad')).toHaveCount(0);
});

test('save a snapshot from the inspector; a node that was away catches up by InstallSnapshot', async ({ page }) => {
  // Opened paused at 1.5 s of virtual time with the seed's leader; a follower is isolated, then time runs.
  await openApp(page, '?speed=1', { ...SIM, at: 1500 });
  const leader = await waitForLeader(page);
  const lagging = (leader + 2) % 5;
  await nodeAction(page, lagging, `Isolate node ${lagging}`);
  await page.getByRole('button', { name: 'Resume', exact: true }).click();
  await putMany(page, 'snap', 30);
  const others = [0, 1, 2, 3, 4].filter((i) => i !== lagging);
  await expect.poll(async () => (await views(page)).filter((v) => others.includes(v.id) && v.lastApplied >= 30).length, { intervals: POLL_INTERVALS }).toBe(4);
  for (const node of others) await nodeAction(page, node, `Save snapshot on node ${node}`);
  await expect.poll(async () => (await views(page)).filter((v) => others.includes(v.id) && v.durable.snapshotIndex >= 30).length, { intervals: POLL_INTERVALS }).toBe(4);
  await expect(page.getByTestId(`log-${leader}`).locator('.log-snapshot, .snapshot-note')).toContainText(/snapshot ≤\d+/);

  await page.evaluate((lagging) => {
    const seen: string[] = [];
    (window as unknown as { installs: string[] }).installs = seen;
    window.raftlab!.cluster.subscribeTraffic((batch) => {
      for (const e of batch.events) if (e.kind === 'InstallSnapshot' && e.to === lagging && e.type === 'deliver') seen.push(e.key);
    });
  }, lagging);
  await nodeAction(page, lagging, `Reconnect node ${lagging}`);
  await expect.poll(() => page.evaluate(() => (window as unknown as { installs: string[] }).installs.length), { intervals: POLL_INTERVALS, timeout: 20_000 }).toBeGreaterThan(0);
  await expect.poll(async () => (await caughtUp(page, lagging)) && (await view(page, lagging)).durable.snapshotIndex >= 30, { intervals: POLL_INTERVALS, timeout: 20_000 }).toBe(true);
  await expect(page.getByRole('list', { name: 'Events, newest first' })).toContainText(`Node ${lagging} installs the leader's snapshot`);
});
