import { expect, nodeAction, nodeButton, openApp, putMany, selectNode, sendCommand, snap, test, waitForLeader } from './fixtures';



/**
 * Live invariant checking in the page. With "vote without the up-to-date check" injected, a node
 * that missed committed entries wins an election (§5.4.1 skipped) and the page flags Leader
 * Completeness, then a read misses a committed write (not linearizable); without the bug the same
 * scenario elects no such leader and the history stays linearizable.
 */

/**
 * A follower misses committed entries while isolated, then runs for leader. The bug (if any) is
 * injected only then: on a busy machine, a spurious election with the bug on could break an
 * invariant anywhere, and the scenario is about this node.
 */
async function staleNodeRunsForLeader(page: import('@playwright/test').Page, bug: boolean): Promise<number> {
  const leader = await waitForLeader(page);
  const follower = (leader + 1) % 5;
  await nodeAction(page, follower, `Isolate node ${follower}`);
  // Through the form, so the client history holds it: x is set, and committed.
  await sendCommand(page, { op: 'put', key: 'x', value: '1' });
  await expect(page.getByTestId('kv-results').getByRole('listitem').first()).toContainText('succ: created x = "1"');
  await putMany(page, 'k', 4);
  if (bug) {
    await page.getByRole('button', { name: 'Inject a bug', exact: true }).click();
    await page.getByLabel('Bug: Vote without the up-to-date check').check();
    await expect.poll(() => page.evaluate(() => window.raftlab!.cluster.getConfig().bugs.grantVoteWithoutUpToDate)).toBe(true);
    await page.keyboard.press('Escape');
    await expect(page.getByRole('button', { name: 'Inject a bug', exact: true })).toContainText('1 bug on');
  }
  await selectNode(page, follower);
  await page.getByRole('button', { name: `Reconnect node ${follower}`, exact: true }).click();
  await page.getByRole('button', { name: `Force election timeout on node ${follower}`, exact: true }).click();
  return follower;
}

test('an injected bug is caught: the cluster pauses and shows which invariant broke, on which node, after what', async ({ page }) => {
  await openApp(page);
  const stale = await staleNodeRunsForLeader(page, true);
  const alert = page.getByTestId('violation');
  await expect(alert).toContainText('Leader Completeness violated', { timeout: 20_000 });
  await expect(alert).toContainText(`on node ${stale}`);
  await expect(page.getByRole('button', { name: 'Resume', exact: true })).toBeVisible(); // paused
  await alert.getByText(/What happened just before/).click();
  await expect(alert.getByRole('listitem').filter({ hasText: `You reconnected node ${stale}` })).toHaveCount(1);
  await expect(nodeButton(page, stale)).toHaveAttribute('data-role', 'leader');
  await snap(page, 'violation');

  await page.getByRole('button', { name: 'Dismiss and keep checking', exact: true }).click();
  await expect(alert).toBeHidden();

  // Carry on: the new leader lacks x = 1 and overwrites it. A read it serves misses a committed
  // write, and the client history shows it: checkKvHistory marks the read. (Sent while paused, to
  // the stale leader itself, so no other election can get in between.)
  await sendCommand(page, { op: 'get', key: 'x', to: `node ${stale} only` });
  await page.getByRole('button', { name: 'Resume', exact: true }).click();
  await expect(page.getByTestId('kv-results').getByRole('listitem').first()).toContainText('x is not set', { timeout: 20_000 });
  await expect(page.getByTestId('linearizability')).toContainText('Not linearizable', { timeout: 20_000 });
  await expect(page.locator('.op-bar.bad')).not.toHaveCount(0);
  await snap(page, 'not-linearizable');
});

test('without the bug, the same scenario elects no stale leader and no invariant breaks', async ({ page }) => {
  await openApp(page);
  const stale = await staleNodeRunsForLeader(page, false);
  // Voters refuse the stale node, citing §5.4.1; whoever leads next holds every committed entry.
  await expect.poll(() => page.evaluate((stale) => window.raftlab!.store.getState().timeline
    .some((row) => row.title.endsWith(`refuses its vote to node ${stale}`) && row.why?.includes('§5.4.1')), stale), { timeout: 20_000 }).toBe(true);
  await expect.poll(() => page.evaluate(() => {
    const nodes = window.raftlab!.cluster.getState().nodes;
    const top = Math.max(...nodes.map((n) => n.term));
    return nodes.some((n) => n.role === 'leader' && n.term === top && n.log.lastIndex >= 5);
  }), { timeout: 20_000 }).toBe(true);
  await sendCommand(page, { op: 'get', key: 'x' });
  await expect(page.getByTestId('kv-results').getByRole('listitem').first()).toContainText('succ: x = "1"', { timeout: 20_000 });
  await expect(page.getByTestId('linearizability')).toContainText(/^Linearizable/, { timeout: 20_000 });
  await expect(page.getByTestId('violation')).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: 'Invariants hold' })).toBeVisible();
});
