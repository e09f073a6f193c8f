import type { Prng } from '../../raft/prng';
import type { Group } from '../harness';
import type { Load } from './clients';
import { allNodes, cutBetween, everyoneBack, healCuts, leaderIn, proposeMarker, release, waitForLeader } from './scenario-kit';

/**
 * Figure 8 of the paper, played on purpose. (a) A leader A takes an entry that reaches at most one
 * follower; (b) A crashes, C is elected in a later term and takes an entry of its own at the same
 * index, then is cut off; (c) A comes back, a leader of a still later term replicates A's old entry
 * to a majority — correct Raft must not count it committed (§5.4.2); (d) that leader is cut off and
 * C returns, able to win with its newer last term and overwrite the old entry. Client load pauses
 * meanwhile, since a current-term entry riding along would hide the mistake.
 */
export async function figure8(g: Group<unknown, unknown>, prng: Prng, log: (line: string) => void, load: Load): Promise<void> {
  load.quietUntil = g.now + 4000;
  await g.sleep(100);
  const a = leaderIn(g, allNodes(g));
  if (a === undefined) return release(load, g);
  const b = (a + 1 + prng.int(g.size - 1)) % g.size;
  const minority = g.size >= 5 ? [a, b] : [a];
  cutBetween(g, minority);
  proposeMarker(g, a);
  log(`t=${g.now} figure 8: leader ${a} takes an entry cut off with {${minority.join(',')}}`);
  await g.sleep(20);
  g.cluster.restart(a);
  g.disable(a);
  const rest = allNodes(g).filter((n) => !minority.includes(n));
  const c = await waitForLeader(g, rest, 1500);
  if (c === undefined) return everyoneBack(g, load, log, 'figure 8');
  proposeMarker(g, c);
  g.disable(c); // its new entry never leaves
  log(`t=${g.now} figure 8: leader ${c} of term ${g.cluster.node(c).term()} takes an entry and is cut off`);
  healCuts(g);
  g.enable(a);
  const l = await waitForLeader(g, allNodes(g).filter((n) => n !== c), 2000);
  if (l !== undefined && minority.includes(l)) {
    await g.sleep(60 + prng.int(100)); // long enough to replicate the old entry to a majority
    g.disable(l);
    g.enable(c);
    log(`t=${g.now} figure 8: leader ${l} cut off after replicating the old entry; ${c} returns`);
    await g.sleep(1500);
  }
  everyoneBack(g, load, log, 'figure 8');
}
