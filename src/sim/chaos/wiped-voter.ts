import type { Prng } from '../../raft/prng';
import type { Group } from '../harness';
import type { Load } from './clients';
import { allNodes, cutBetween, everyoneBack, healCuts, leaderIn, mayImpairOneMore, proposeMarker, release } from './scenario-kit';

/**
 * A wiped node's vote, played on purpose (issue #8, 1c). Leader A commits an entry with the help of
 * a bare majority while the other nodes are cut off; one of A's helpers loses its disk and comes
 * back empty; A crashes. Now the nodes that lack the entry plus the wiped node make a majority: if
 * the wiped node votes before it has caught up, a leader without a committed entry is elected
 * (Leader Completeness, §5.4). A recovering node refuses, and no such leader can win.
 */
export async function wipedVoter(g: Group<unknown, unknown>, prng: Prng, log: (line: string) => void, load: Load): Promise<void> {
  if (!mayImpairOneMore(g)) return;
  load.quietUntil = g.now + 5000;
  await g.sleep(100);
  const a = leaderIn(g, allNodes(g));
  if (a === undefined) return release(load, g);
  const quorum = Math.floor(g.size / 2) + 1;
  const others = shuffled(allNodes(g).filter((n) => n !== a), prng);
  const lacking = others.slice(0, g.size - quorum);
  const helpers = others.slice(g.size - quorum);
  cutBetween(g, lacking);
  const index = proposeMarker(g, a);
  await g.sleep(60);
  if (index === undefined || g.cluster.node(a).core.commitIndex < index || !g.cluster.node(a).isLeader()) {
    return everyoneBack(g, load, log, 'wiped voter');
  }
  const wiped = helpers[prng.int(helpers.length)]!;
  log(`t=${g.now} wiped voter: leader ${a} committed entry ${index} with {${[a, ...helpers].join(',')}}; {${lacking.join(',')}} lack it`);
  g.cluster.wipe(wiped);
  g.cluster.restart(a);
  g.disable(a);
  healCuts(g);
  log(`t=${g.now} wiped voter: node ${wiped} wiped, leader ${a} down; node ${lacking[0]} runs`);
  g.cluster.input(lacking[0]!, (n) => n.timeoutNow(g.now));
  await g.sleep(2500);
  everyoneBack(g, load, log, 'wiped voter');
}

function shuffled<T>(items: T[], prng: Prng): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = prng.int(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
