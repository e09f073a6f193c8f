import type { Page } from '@playwright/test';
import { crash, expect, getMany, nodeAction, nodeButton, openApp, pauseWithLeader, POLL_INTERVALS, putMany, restart, test, view, views, waitForLeader } from './fixtures';

/**
 * Issue 8, 3c and 1c in the browser. Storage that decodes but is wrong stops only its node, with
 * the reason and nothing overwritten; Wipe always recovers it; and a wiped node comes back
 * "recovering (not voting)" until it has caught up. A remembered cluster shape this build cannot
 * run is said so, with a reset offered, instead of crashing the page.
 */

/** Run `body` against node `node`'s database, opened (and closed) in the page. */
async function withDatabase(page: Page, node: number, body: 'drop-store' | { key: string; value: unknown }): Promise<void> {
  await page.evaluate(async ({ node, body }) => {
    const name = window.raftlab!.cluster.databaseName(node);
    const open = (version?: number) => new Promise<IDBDatabase>((resolve, reject) => {
      const request = version === undefined ? indexedDB.open(name) : indexedDB.open(name, version);
      request.onupgradeneeded = () => { if (body === 'drop-store') request.result.deleteObjectStore('raft'); };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    let db = await open();
    if (body === 'drop-store') {
      const version = db.version + 1;
      db.close();
      db = await open(version);
    } else {
      const tx = db.transaction('raft', 'readwrite');
      tx.objectStore('raft').put(body.value, body.key);
      await new Promise((resolve) => { tx.oncomplete = resolve; });
    }
    db.close();
  }, { node, body });
}

test('a store without its object store, or with a term past the largest, stops only that node; Wipe recovers it, recovering until caught up', async ({ page }) => {
  test.setTimeout(120_000); // two wiped nodes catch up one after the other
  await openApp(page);
  const leader = await waitForLeader(page);
  await putMany(page, 's', 5);
  const [a, b] = [1, 2, 3, 4, 0].filter((n) => n !== leader);
  for (const node of [a!, b!]) await crash(page, node);
  await withDatabase(page, a!, 'drop-store');
  await withDatabase(page, b!, { key: 'hardState', value: { v: 1, term: Number.MAX_SAFE_INTEGER, votedFor: null } });
  for (const node of [a!, b!]) await restart(page, node);

  await expect(nodeButton(page, a!)).toHaveAccessibleName(`Node ${a}: storage error`);
  await expect(nodeButton(page, b!)).toHaveAccessibleName(`Node ${b}: storage error`);
  await nodeButton(page, a!).click();
  await expect(page.getByRole('region', { name: `Node ${a}` })).toContainText(/has no object store "raft"/);
  await nodeButton(page, b!).click();
  await expect(page.getByRole('region', { name: `Node ${b}` })).toContainText(/term 9007199254740991 is above the largest term a node can reach/);

  // The other three carry on.
  await putMany(page, 'more', 3);

  // Wipe recovers both (it threw NotFoundError forever on the store-less database).
  for (const node of [a!, b!]) {
    await nodeAction(page, node, `Wipe storage of node ${node}`);
    await expect.poll(async () => {
      const v = await view(page, node);
      return v.status === 'running' && v.lastApplied >= 8 && !v.recovering;
    }, { intervals: POLL_INTERVALS, message: `node ${node} runs again and has caught up`, timeout: 30_000 }).toBe(true);
  }
  expect(await getMany(page, ['s0', 'more2'])).toEqual(['value-s0', 'value-more2']);
});

test('a wiped node shows "recovering (not voting)" until it has caught up, then votes again; when a majority is recovering the page says the cluster cannot safely go on, and Reset gets it going', async ({ page }) => {
  await openApp(page);
  const leader = await waitForLeader(page);
  await putMany(page, 'r', 5);
  const node = (leader + 1) % 5;
  // Paused, the wiped node cannot catch up yet: what it shows can be read at leisure.
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await nodeAction(page, node, `Wipe storage of node ${node}`);
  await expect(nodeButton(page, node)).toHaveAccessibleName(new RegExp(`^Node ${node}: follower, term \\d+, recovering \\(not voting\\)$`));
  await expect(page.getByRole('region', { name: `Node ${node}` })).toContainText('Recovering (not voting). Its storage was wiped');
  expect(await view(page, node)).toMatchObject({ recovering: true, durable: { recovering: true, lastIndex: 0 } });

  await page.getByRole('button', { name: 'Resume', exact: true }).click();
  await expect(nodeButton(page, node)).not.toHaveAccessibleName(/recovering/, { timeout: 30_000 });
  const caughtUp = await view(page, node);
  expect(caughtUp.durable.recovering).toBe(false); // the core cleared the flag in its store too
  expect(caughtUp.log.lastIndex).toBeGreaterThanOrEqual(5);

  // A majority wiped: paused again, on whoever leads now, and three of the others wiped.
  await putMany(page, 'm', 3);
  const leaderThen = await pauseWithLeader(page);
  const wiped = [0, 1, 2, 3, 4].filter((n) => n !== leaderThen).slice(0, 3);
  for (const node of wiped) await nodeAction(page, node, `Wipe storage of node ${node}`);
  const banner = page.getByTestId('no-voting-majority');
  await expect(banner).toContainText('The cluster cannot safely go on');
  await expect(banner).toContainText('cannot make the majority of 3 a leader needs');

  // It asks first, as the header's Reset does: Cancel keeps the cluster as it is.
  await banner.getByRole('button', { name: 'Reset cluster', exact: true }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Reset the cluster?' });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(banner).toContainText('The cluster cannot safely go on');
  await banner.getByRole('button', { name: 'Reset cluster', exact: true }).click();
  await dialog.getByRole('button', { name: 'Reset cluster', exact: true }).click();
  await expect(banner).toHaveCount(0);
  await page.getByRole('button', { name: 'Resume', exact: true }).click();
  await waitForLeader(page);
  expect((await views(page)).some((v) => v.recovering)).toBe(false);
});

test('a remembered cluster shape this build cannot run is said so, with a reset, instead of a crash', async ({ page }) => {
  await openApp(page);
  await waitForLeader(page);
  await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('raftlab-meta');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const tx = db.transaction('clusters', 'readwrite');
    tx.objectStore('clusters').put({ v: 1, size: 12, machine: 'kv' }, 'app');
    await new Promise((resolve) => { tx.oncomplete = resolve; });
    db.close();
  });
  await page.reload();
  await page.waitForFunction(() => window.raftlab !== undefined);
  await expect(page.getByRole('heading', { name: 'The remembered cluster cannot be run' })).toBeVisible();
  await expect(page.getByTestId('standby')).toContainText('size number 12 is not one this build runs (1 to 9 nodes)');
  expect(page.workers()).toHaveLength(0);

  await page.getByRole('button', { name: 'Reset cluster and start a new one' }).click();
  await page.getByRole('alertdialog', { name: 'Reset the cluster?' }).getByRole('button', { name: 'Reset cluster', exact: true }).click();
  await waitForLeader(page);
  await expect(page.getByRole('button', { name: /^Node \d:/ })).toHaveCount(5);
});
