import type { Page } from '@playwright/test';
import { crash, expect, getMany, nodeAction, nodeButton, openApp, putMany, showPanel, restart, snap, test, view, views, waitForLeader, POLL_INTERVALS } from './fixtures';

/** Durability in IndexedDB (Figure 2 persistent state, thesis §3.8), crash and reload as a user does them. */

test('a page reload brings the cluster back from IndexedDB with every committed key; the storage view agrees; nodes killed while writing lose no acknowledged entry', async ({ page }) => {
  // No message delay: the second part's writes race the kills (the first part's keys do not mind).
  await openApp(page, '?speed=1&delay=0');
  await waitForLeader(page);
  await putMany(page, 'k', 20);
  const keys = Array.from({ length: 20 }, (_, i) => `k${i}`);

  await page.reload();
  await page.waitForFunction(() => window.raftlab !== undefined);
  await expect.poll(async () => (await views(page)).filter((v) => v.status === 'running' && v.durable.lastIndex >= 20).length, { intervals: POLL_INTERVALS }).toBe(5);
  await waitForLeader(page);
  expect(await getMany(page, keys)).toEqual(keys.map((k) => `value-${k}`));
  await showPanel(page, 'Storage');
  // Memory and IndexedDB agree on node 0's log: the 20 puts and each leader's no-op (Production
  // Raft serves the gets by ReadIndex, with no entry). Fewer than 40: the gets added none.
  await expect(page.getByTestId('storage-0').getByRole('cell').nth(2)).toHaveText(/^(2\d|3\d) \/ \1$/);

  // Killed while writing: the leader and a follower of the reloaded cluster.
  const leader = await waitForLeader(page);
  const follower = (leader + 1) % 5;
  // 300 puts in flight. When the 20th is acknowledged, kill a follower and the leader at once:
  // 280 puts are still being proposed, written and replicated, and their unfinished writes die.
  await page.evaluate(({ leader, follower }) => {
    const acked: string[] = [];
    const w = window as unknown as { acked: string[]; settled: Promise<unknown> };
    w.acked = acked;
    const { client, cluster } = window.raftlab!;
    w.settled = Promise.allSettled(Array.from({ length: 300 }, (_, i) => client.put(`w${i}`, `v${i}`, { timeoutMs: 20_000 }).then(() => {
      acked.push(`w${i}`);
      if (acked.length === 20) {
        cluster.crash(follower);
        cluster.crash(leader);
      }
    })));
  }, { leader, follower });
  await page.evaluate(() => (window as unknown as { settled: Promise<unknown> }).settled);
  expect((await view(page, leader)).status).toBe('crashed');
  await restart(page, follower);
  await restart(page, leader);
  const acked = await page.evaluate(() => (window as unknown as { acked: string[] }).acked);
  expect(acked.length).toBeGreaterThan(20);

  // Everything comes back from IndexedDB alone.
  await page.reload();
  await page.waitForFunction(() => window.raftlab !== undefined);
  await waitForLeader(page);
  const values = await getMany(page, acked);
  const missing = acked.filter((key, i) => values[i] !== `v${key.slice(1)}`);
  expect(missing, 'acknowledged puts missing after the crash and the reload').toEqual([]);
});

/** Overwrite one record of a node's IndexedDB store, as a disk fault would. */
async function corrupt(page: Page, node: number, key: string | number, value: 'garbled' | 'future-version'): Promise<void> {
  await page.evaluate(async ({ node, key, value }) => {
    const name = window.raftlab!.cluster.databaseName(node);
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open(name);
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const tx = db.transaction('raft', 'readwrite');
    tx.objectStore('raft').put(value === 'garbled' ? new Uint8Array([0xde, 0xad, 0xbe, 0xef]) : { v: 99, term: 1, votedFor: null }, key);
    await new Promise((resolve) => { tx.oncomplete = resolve; });
    db.close();
  }, { node, key, value });
}

/** Every record of a node's store, serialised for comparison. */
function dumpStore(page: Page, node: number): Promise<string> {
  return page.evaluate(async (node) => {
    const name = window.raftlab!.cluster.databaseName(node);
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open(name);
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const store = db.transaction('raft').objectStore('raft');
    const [keys, values] = await Promise.all([store.getAllKeys(), store.getAll()].map((r) => new Promise<unknown[]>((resolve) => { r.onsuccess = () => resolve(r.result as unknown[]); })));
    db.close();
    return JSON.stringify([keys, values!.map((v) => (v instanceof Uint8Array ? [...v] : v))], (_k, v: unknown) => (v instanceof Uint8Array ? [...v] : v));
  }, node);
}

test('a malformed message on a port is dropped and counted, and the node carries on; a corrupted IndexedDB record shows a storage error on the node and destroys nothing; wiping it lets it catch up', async ({ page }) => {
  await openApp(page);
  await waitForLeader(page);
  // Bad input on a MessagePort: node 1 drops it, counts it, and goes on.
  await page.evaluate(() => {
    const cluster = window.raftlab!.cluster;
    cluster.injectRaw(0, 1, { v: 1, inc: 1, seq: 1, sentAt: 0, deliverAt: 0, msg: { type: 'AppendEntries', from: 0, to: 1, term: 'NaN' } });
    cluster.injectRaw(0, 1, 'not a message');
    cluster.injectRaw(0, 1, { v: 1, inc: 1, seq: 2, sentAt: 0, deliverAt: 0, msg: { type: 'RequestVote', from: 3, to: 1, term: 99, lastLogIndex: 0, lastLogTerm: 0 } });
  });
  await expect.poll(async () => (await view(page, 1)).counters.dropped.malformed, { intervals: POLL_INTERVALS }).toBe(3);
  const node1 = await view(page, 1);
  expect(node1.status).toBe('running');
  expect(node1.term).toBeLessThan(99); // the forged RequestVote never reached the core
  await putMany(page, 'still', 3);
  expect(await getMany(page, ['still2'])).toEqual(['value-still2']);

  // Bad records in IndexedDB.
  await putMany(page, 'c', 5);
  await expect.poll(async () => (await views(page)).every((v) => v.durable.lastIndex >= 5), { intervals: POLL_INTERVALS }).toBe(true);
  // Node 1: a hard state from a future format version. Node 2: garbled bytes in its first log segment.
  for (const node of [1, 2]) await crash(page, node);
  await corrupt(page, 1, 'hardState', 'future-version');
  await corrupt(page, 2, 1, 'garbled');
  const before = [await dumpStore(page, 1), await dumpStore(page, 2)];
  for (const node of [1, 2]) await restart(page, node);

  await expect(nodeButton(page, 1)).toHaveAttribute('data-role', 'storage-error');
  await expect(nodeButton(page, 2)).toHaveAccessibleName('Node 2: storage error');
  await nodeButton(page, 1).click();
  await expect(page.getByRole('region', { name: 'Node 1' })).toContainText(/hardState.*unknown format version 99/);
  await nodeButton(page, 2).click();
  await expect(page.getByRole('region', { name: 'Node 2' })).toContainText(/log segment 1.*must be an object, got Uint8Array/);
  await expect(page.getByRole('list', { name: 'Events, newest first' })).toContainText('Node 2 stopped on a storage error');

  // The other three are a majority and go on; the broken nodes write nothing meanwhile.
  await putMany(page, 'more', 5);
  expect([await dumpStore(page, 1), await dumpStore(page, 2)]).toEqual(before);
  await snap(page, 'storage-error');

  // Only the user's wipe clears it: the node starts empty and catches up.
  await nodeAction(page, 2, 'Wipe storage of node 2');
  await expect.poll(async () => {
    const v = await view(page, 2);
    return v.status === 'running' && v.lastApplied >= 10;
  }, { intervals: POLL_INTERVALS, timeout: 20_000 }).toBe(true);
  expect(await dumpStore(page, 1)).toEqual(before[0]);
});
