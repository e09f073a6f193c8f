import type { Prng } from '../../raft/prng';
import type { Group } from '../harness';
import { allNodes, waitForLeader } from './scenario-kit';

/**
 * The stranded follower (issue #8, 1a), played on purpose. Right after a leader change, cut only
 * the follower → leader direction: the follower keeps taking entries and commits them, the leader
 * never hears it and keeps its old nextIndex, below entries of the new term. The follower snapshots,
 * then the link heals. Correct Raft answers the leader's old request with a success through its
 * commit index; with the conflictBelowSnapshot bug the follower stays behind until the next leader
 * change, which the liveness phase at the end of a run catches.
 */
export async function strand(g: Group<unknown, unknown>, prng: Prng, log: (line: string) => void): Promise<void> {
  const old = allNodes(g).find((n) => g.reachable(n) && g.cluster.node(n).isLeader());
  if (old === undefined) return;
  g.cluster.restart(old);
  const leader = await waitForLeader(g, allNodes(g).filter((n) => n !== old), 1500);
  if (leader === undefined) return;
  const followers = allNodes(g).filter((n) => n !== leader && g.reachable(n) && g.cluster.storageErrors[n] === null);
  if (followers.length === 0) return;
  const follower = followers[prng.int(followers.length)]!;
  g.cluster.network.setLinkCut(follower, leader, true);
  log(`t=${g.now} strand: new leader ${leader} of term ${g.cluster.node(leader).term()}; cut ${follower}->${leader} one way`);
  await g.sleep(300 + prng.int(700));
  g.cluster.input(follower, (n) => n.saveSnapshot());
  g.cluster.network.setLinkCut(follower, leader, false);
  log(`t=${g.now} strand: node ${follower} snapshots through ${g.cluster.node(follower).core.log.snapshotIndex}; ${follower}->${leader} healed`);
}
