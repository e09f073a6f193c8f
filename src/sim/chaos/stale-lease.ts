import type { Prng } from '../../raft/prng';
import type { Group } from '../harness';
import type { Load } from './clients';
import { allNodes, cutBetween, healCuts, leaderIn, release, waitForLeader } from './scenario-kit';

/**
 * A lease read against an early election (thesis §6.4.1), played on purpose. Cut the leader off
 * from everyone and at once have a follower with an up-to-date log stand for election, as one whose
 * clock runs fast would; then write through the rest and read from the old leader. With CheckQuorum
 * the voters ignore that candidate until an election timeout after they last heard the old leader
 * (§4.2.3) — later than its lease ends — so the write cannot commit while the old leader still
 * answers from its lease. Without the voters' lease (the leaseWithoutCheckQuorum bug) a new leader
 * commits the write and the old one answers the read from its lease: the history check finds the
 * stale read.
 *
 * Standing "at once" breaks the candidate's own promise not to campaign within an election timeout,
 * so the candidate must be a node the leader's lease does not rest on: the one that answered the
 * oldest heartbeat round (the lease rests on the freshest answers). Seed 274 on 3 nodes with
 * Production Raft found the lease resting on the candidate alone.
 */
export async function staleLease(g: Group<unknown, unknown>, prng: Prng, log: (line: string) => void, load: Load): Promise<void> {
  if (!g.cluster.config?.features.leaseReads || !load.direct) return;
  const leader = leaderIn(g, allNodes(g));
  if (leader === undefined) return;
  load.quietUntil = g.now + 3000;
  const others = allNodes(g).filter((n) => n !== leader && g.reachable(n));
  const candidate = pickCandidate(g, leader, others);
  if (candidate === undefined) return release(load, g);
  const key = `k${prng.int(4)}`;
  cutBetween(g, [leader]);
  g.cluster.input(candidate, (n) => n.timeoutNow(g.now));
  log(`t=${g.now} stale lease: leader ${leader} cut off; node ${candidate} stands for election at once`);
  const next = await waitForLeader(g, others, 200);
  if (next !== undefined) {
    const wrote = await load.direct(next, { op: 'put', key, value: `lease.${g.now}` }, 100);
    await g.sleep(1); // the read starts strictly after the write returned (touching intervals are concurrent)
    const read = await load.direct(leader, { op: 'get', key }, 50);
    log(`t=${g.now} stale lease: ${key} written through node ${next}: ${wrote ? 'yes' : 'no'}; read from node ${leader}: ${read ? `'${read.value}'` : 'no answer'}`);
  }
  await g.sleep(200 + prng.int(300));
  healCuts(g);
  release(load, g);
  log(`t=${g.now} stale lease: links healed`);
}

/** Of `others`, the least recently confirming follower (its log up to date if such a one ties). */
function pickCandidate(g: Group<unknown, unknown>, leader: number, others: readonly number[]): number | undefined {
  const lead = g.cluster.node(leader).core;
  const progress = lead.status().progress;
  const acked = (n: number) => progress.find((p) => p.peer === n)?.ackedSeq ?? 0;
  const upToDate = (n: number) => (g.cluster.node(n).core.log.lastIndex >= lead.log.lastIndex ? 0 : 1);
  return [...others].sort((a, b) => acked(a) - acked(b) || upToDate(a) - upToDate(b))[0];
}
