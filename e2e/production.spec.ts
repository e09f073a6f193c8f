import { advance, expect, leaderNow, nodeAction, openApp, putMany, sendCommand, test, view, views, waitForLeader, type Page } from './fixtures';

/**
 * Engine: the simulated one, seed 6 (node 0 leads term 1 by 1 s of virtual time): each mechanism is
 * the core's, and virtual time lets a test run "several election timeouts" at once and then check
 * the state they lead to, instead of waiting for it in real time.
 *
 * Production Raft (issue 10), the page's default preset: what a newcomer sees differ from the
 * lab's bare paper. Each test waits for states, never for time.
 */

test.describe.configure({ timeout: 60_000 });

const OPEN = '?speed=1&size=3&profile=production';
const SIM = { engine: 'sim', seed: 6 } as const;
/** Opened paused at 1.5 s of virtual time, the seed's leader in place. */
const PAUSED = { ...SIM, at: 1500 } as const;

/** Offer a put to one node without waiting for its outcome; the index it was placed at. */
function placeAt(page: Page, node: number, key: string): Promise<number> {
  return page.evaluate(async ({ node, key }) => {
    const proposal = await window.raftlab!.cluster.propose(node, { op: 'put', key, value: 'v', session: { client: 'e2e-stale', seq: 1 } });
    return proposal.placed?.index ?? -1;
  }, { node, key });
}

test('§8: after the stale leader is cut off, its entry on a majority commits at once under the new leader (the no-op), with no client write', async ({ page }) => {
  await openApp(page, OPEN, PAUSED);
  const stale = await waitForLeader(page);
  const followers = [0, 1, 2].filter((n) => n !== stale);
  // Its followers store what it sends, but their answers never reach it: it cannot commit.
  await page.evaluate(({ stale, followers }) => { for (const f of followers) window.raftlab!.cluster.cutLink(f, stale, { oneWay: true }); }, { stale, followers });
  const index = await placeAt(page, stale, 'stale');
  expect(index).toBeGreaterThan(0);
  await advance(page, 200); // a heartbeat interval and a message delay
  expect((await views(page)).filter((v) => v.log.lastIndex >= index).length, 'the entry is on all three nodes').toBe(3);
  expect((await view(page, stale)).commitIndex, 'the stale leader cannot commit it').toBeLessThan(index);
  await page.evaluate((stale) => window.raftlab!.cluster.isolate(stale), stale);
  await advance(page, 2000); // a few election timeouts: the other two elect one of them
  const next = await waitForLeader(page, { not: stale });
  expect((await view(page, next)).commitIndex, 'the new leader commits the old entry with its no-op').toBeGreaterThanOrEqual(index);
  expect((await view(page, next)).log.window.find((e) => e.index === index + 1)?.kind).toBe('noop');
});

test('thesis §3.10: "Transfer leadership to node N" moves leadership to that node; thesis §9.6: a node cut off for several election timeouts rejoins without deposing the leader (PreVote); thesis §6.2: a leader cut off in a minority steps down (CheckQuorum), and the timeline names the rule', async ({ page }) => {
  await openApp(page, OPEN, PAUSED);
  // One page, three mechanisms in turn: each needs only a leader in place with its followers, and
  // finds it afresh (after the transfer, the leader is the node it went to).
  // §3.10 leadership transfer.
  {
    const leader = await waitForLeader(page);
    const target = (leader + 2) % 3;
    await nodeAction(page, target, `Transfer leadership to node ${target}`);
    await advance(page, 500); // catch up, TimeoutNow, one election: a few message delays
    expect(await leaderNow(page), `node ${target} leads`).toBe(target);
  }

  // §9.6 PreVote, under the leader the transfer made.
  {
    const leader = await waitForLeader(page);
    const { term } = await view(page, leader);
    const lonely = (leader + 1) % 3;
    const sentBefore = (await view(page, lonely)).counters.sent;
    await page.evaluate((n) => window.raftlab!.cluster.isolate(n), lonely);
    // Several election timeouts (300–500 ms each) at once.
    await advance(page, 2500);
    // At least two rounds of pre-votes to its two peers: it would have raised its term twice without PreVote.
    expect((await view(page, lonely)).counters.sent - sentBefore, 'the cut-off node keeps asking for pre-votes').toBeGreaterThanOrEqual(4);
    expect((await view(page, lonely)).term).toBe(term);
    await page.evaluate((n) => window.raftlab!.cluster.rejoin(n), lonely);
    await advance(page, 500); // a few heartbeats
    expect((await view(page, lonely)).leaderId, 'it follows the leader again').toBe(leader);
    expect(await leaderNow(page)).toBe(leader);
    expect((await view(page, leader)).term).toBe(term);
  }

  // §6.2 CheckQuorum: now the leader is cut off.
  {
    const leader = await waitForLeader(page);
    await page.evaluate((n) => window.raftlab!.cluster.isolate(n), leader);
    await advance(page, 1500); // longer than an election timeout (300–500 ms) and its check
    expect((await view(page, leader)).role, 'the isolated leader steps down').toBe('follower');
    await expect(page.getByText(`Node ${leader} steps down: it heard from no majority within an election timeout (CheckQuorum, thesis §6.2)`).first()).toBeVisible();
  }
});

test('thesis §6.4: a get served by ReadIndex adds no log entry, and the client panel says how it was served', async ({ page }) => {
  await openApp(page, OPEN, SIM);
  await waitForLeader(page);
  await page.evaluate(() => window.raftlab!.cluster.setFeatures({ leaseReads: false })); // ReadIndex alone
  await putMany(page, 'r', 1);
  const leader = await leaderNow(page);
  const before = (await view(page, leader)).log.lastIndex;
  await sendCommand(page, { op: 'get', key: 'r0' });
  await expect(page.getByTestId('kv-results').getByText('by ReadIndex, no log entry').first()).toBeVisible();
  await expect(page.getByTestId('kv-results').getByText(/value-r0/).first()).toBeVisible();
  expect((await view(page, leader)).log.lastIndex).toBe(before);
});
