import type { Prng } from '../../raft/prng';
import type { Group } from '../harness';
import { RELIABLE } from '../network';
import { catchUp } from './liveness';
import type { ScenarioFailure } from './rejoin';
import { allNodes, healCuts, impairedNodes, waitForLeader } from './scenario-kit';

/**
 * The stranded follower (issue #8, 1a), played on purpose and checked at once. Over a reliable
 * network with every node back, right after a leader change, cut only the follower → leader
 * direction: the follower keeps taking entries and commits them, the leader never hears it and
 * keeps its old nextIndex, below entries of the new term. The follower snapshots, then the link
 * heals, and the liveness (catch-up) check runs: under a leader that stays in office, every
 * follower must hold its log within 3 s. Correct Raft answers the leader's old request with a
 * success through its commit index; with the conflictBelowSnapshot bug the follower stays behind.
 */
export async function strand(g: Group<unknown, unknown>, prng: Prng, log: (line: string) => void, fail: ScenarioFailure): Promise<void> {
  if (impairedNodes(g).length > 0) return;
  const requests = g.cluster.network.requestPolicy;
  const replies = g.cluster.network.replyPolicy;
  g.cluster.network.requestPolicy = RELIABLE;
  g.cluster.network.replyPolicy = RELIABLE;
  healCuts(g);
  for (const n of allNodes(g)) g.enable(n);
  try {
    const old = await waitForLeader(g, allNodes(g), 3000);
    if (old === undefined) return;
    g.cluster.restart(old);
    const leader = await waitForLeader(g, allNodes(g).filter((n) => n !== old), 3000);
    if (leader === undefined) return;
    const followers = allNodes(g).filter((n) => n !== leader);
    const follower = followers[prng.int(followers.length)]!;
    g.cluster.network.setLinkCut(follower, leader, true);
    log(`t=${g.now} strand: new leader ${leader} of term ${g.cluster.node(leader).term()}; cut ${follower}->${leader} one way`);
    await g.sleep(300 + prng.int(700));
    g.cluster.input(follower, (n) => n.saveSnapshot());
    g.cluster.network.setLinkCut(follower, leader, false);
    log(`t=${g.now} strand: node ${follower} snapshots through ${g.cluster.node(follower).core.log.snapshotIndex}; ${follower}->${leader} healed`);
    const laggard = await catchUp(g);
    if (laggard) fail('liveness (catch-up)', `liveness (catch-up): ${laggard}`);
  } finally {
    g.cluster.network.requestPolicy = requests;
    g.cluster.network.replyPolicy = replies;
  }
}
