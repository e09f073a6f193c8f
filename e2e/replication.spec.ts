import { expect, getMany, leaderNow, openApp, putMany, test, view, views, waitForLeader } from './fixtures';

/** Replication and the KV store through real workers (§5.3, §5.4; the lab's KV results). */

test('KV put, get and delete through the cluster give the lab\'s results', async ({ page }) => {
  await openApp(page);
  await waitForLeader(page);
  const results = await page.evaluate(async () => {
    const client = window.raftlab!.client;
    return [
      await client.put('fruit', 'apple'), // new key: succ, the new value
      await client.put('fruit', 'pear'), // replaced: not succ, the old value
      await client.get('fruit'),
      await client.del('fruit'), // was present: succ, the old value
      await client.get('fruit'), // absent: not succ, ""
    ];
  });
  expect(results).toEqual([
    { succ: true, key: 'fruit', value: 'apple' },
    { succ: false, key: 'fruit', value: 'apple' },
    { succ: true, key: 'fruit', value: 'pear' },
    { succ: true, key: 'fruit', value: 'pear' },
    { succ: false, key: 'fruit', value: '' },
  ]);
  // Through the page's form too.
  await page.getByLabel('key').fill('color');
  await page.getByLabel('value').fill('blue');
  await page.getByRole('button', { name: 'put' }).click();
  await expect(page.getByTestId('kv-results')).toContainText('put color=blue → succ=true key=color value="blue"');
});

test('a minority partition cannot commit while the majority does; logs converge after healing', async ({ page }) => {
  await openApp(page);
  const oldLeader = await waitForLeader(page);
  await putMany(page, 'base', 3);
  const minority = [oldLeader, (oldLeader + 1) % 5];
  const majority = [0, 1, 2, 3, 4].filter((i) => !minority.includes(i));
  await page.evaluate((groups) => window.raftlab!.cluster.partition(groups), [minority, majority]);

  // The old leader still believes it leads and accepts a command; it can never commit it.
  const placed = await page.evaluate(async (leader) => {
    const proposal = await window.raftlab!.cluster.propose(leader, { op: 'put', key: 'lost', value: 'minority' });
    (window as unknown as { lostOutcome: unknown }).lostOutcome = 'pending';
    void proposal.outcome?.then((o) => { (window as unknown as { lostOutcome: unknown }).lostOutcome = o; });
    return proposal.placed;
  }, oldLeader);
  expect(placed).not.toBeNull();

  const newLeader = await waitForLeader(page, { not: oldLeader });
  expect(majority).toContain(newLeader);
  await putMany(page, 'majority', 5);
  const minorityView = await view(page, oldLeader);
  expect(minorityView.commitIndex).toBeLessThan(placed!.index);
  expect(await page.evaluate(() => (window as unknown as { lostOutcome: unknown }).lostOutcome)).toBe('pending');

  await page.evaluate(() => window.raftlab!.cluster.healPartition());
  // §5.3: the minority's uncommitted entry is overwritten and its proposer told so.
  await expect.poll(() => page.evaluate(() => (window as unknown as { lostOutcome: { ok?: boolean } }).lostOutcome), { timeout: 20_000 })
    .toMatchObject({ ok: false });
  await putMany(page, 'healed', 1); // a new entry lets the leader commit everything before it (§5.4.2)
  await expect.poll(async () => {
    const all = await views(page);
    const logs = all.map((v) => JSON.stringify([v.log.lastIndex, v.commitIndex, v.log.window]));
    return new Set(logs).size === 1 && all[0]!.commitIndex === all[0]!.log.lastIndex;
  }, { message: 'all five logs are identical and committed', timeout: 20_000 }).toBe(true);
  expect(await getMany(page, ['lost', 'majority4', 'healed0'])).toEqual([null, 'value-majority4', 'value-healed0']);
  expect(await leaderNow(page)).not.toBe(-1);
});

test('after a snapshot, a lagging node catches up by InstallSnapshot', async ({ page }) => {
  await openApp(page);
  const leader = await waitForLeader(page);
  const lagging = (leader + 2) % 5;
  await page.evaluate((i) => window.raftlab!.cluster.isolate(i), lagging);
  await putMany(page, 'snap', 30);
  const others = [0, 1, 2, 3, 4].filter((i) => i !== lagging);
  // Followers learn the commit index with the next AppendEntries; wait until all four applied 30.
  await expect.poll(async () => (await views(page)).filter((v) => others.includes(v.id) && v.lastApplied >= 30).length).toBe(4);
  // Every node but the lagging one compacts its log into a snapshot (§7).
  const snapshotted = await page.evaluate((others) => Promise.all(others.map((i) => window.raftlab!.cluster.saveSnapshot(i))), others);
  expect(snapshotted).toEqual([true, true, true, true]);
  await expect.poll(async () => (await views(page)).filter((v) => others.includes(v.id) && v.log.snapshotIndex >= 30 && v.durable.snapshotIndex >= 30).length).toBe(4);

  await page.evaluate((lagging) => {
    const seen: string[] = [];
    (window as unknown as { installs: string[] }).installs = seen;
    window.raftlab!.cluster.subscribeTraffic((batch) => {
      for (const e of batch.events) if (e.kind === 'InstallSnapshot' && e.to === lagging && e.type === 'deliver') seen.push(e.key);
    });
    window.raftlab!.cluster.rejoin(lagging);
  }, lagging);

  await expect.poll(async () => (await page.evaluate(() => (window as unknown as { installs: string[] }).installs.length)), { timeout: 20_000 }).toBeGreaterThan(0);
  await expect.poll(async () => {
    const [lag, lead] = [await view(page, lagging), await view(page, await leaderNow(page))];
    return lag.log.snapshotIndex >= 30 && lag.durable.snapshotIndex >= 30 && lag.lastApplied >= 30 && lag.lastApplied === lead.commitIndex;
  }, { timeout: 20_000 }).toBe(true);
});
