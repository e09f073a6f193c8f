import { expect, openApp, openClientPanel, test, waitForLeader } from './fixtures';

/**
 * Long runs stay bounded (issue 8, 3d): the client history is checked for linearizability in a
 * worker of its own, incrementally, over the whole run, while the page keeps only a window of
 * recent operations for display and the operations still in flight. On the simulated engine at 4×
 * (a fixed seed): what is tested is the page's checker worker and window, not the node workers.
 */
test('the linearizability check runs in a worker over every operation, and the page keeps only a window of them', async ({ page }) => {
  test.setTimeout(180_000); // 320 operations through the cluster, on a busy machine
  // No message delay: each operation commits in fewer frames of the page, and what is tested is the
  // checker and the window, not the network.
  await openApp(page, '?speed=4&delay=0', { engine: 'sim', seed: 5 });
  await waitForLeader(page);
  await openClientPanel(page);
  // More operations than the page shows: four clients, one operation each at a time.
  const issued = await page.evaluate(async () => {
    const clients = window.raftlab!.commands.clients;
    let n = 0;
    await Promise.all(['B', 'C', 'D', 'E'].map(async (client) => {
      for (let i = 0; i < 80; i++) await clients.submit(client, i % 2 ? { op: 'put', key: `k${i % 3}`, value: `${client}${++n}` } : { op: 'get', key: `k${i % 3}` }, 'leader', { quiet: true });
    }));
    return 320;
  });
  await expect(page.getByTestId('linearizability')).toHaveText(new RegExp(`^Linearizable: ${issued} operations checked in total`), { timeout: 30_000 });
  expect(page.workers().some((worker) => worker.url().includes('linearizability.worker'))).toBe(true);
  const kept = await page.evaluate(() => ({
    shown: window.raftlab!.store.getState().ops.length,
    inFlight: window.raftlab!.commands.clients.history().inFlightCount,
    unchecked: window.raftlab!.commands.clients.history().takeFinished().length,
  }));
  expect(kept).toEqual({ shown: 300, inFlight: 0, unchecked: 0 });
});
