import type { Prng } from '../../raft/prng';
import type { Group } from '../harness';
import { RELIABLE } from '../network';
import { allNodes, healCuts, impairedNodes, leaderIn, waitForLeader } from './scenario-kit';

/** A check a scenario makes itself, reported as the run's failure. */
export type ScenarioFailure = (check: 'no disruption' | 'liveness (catch-up)', text: string) => void;

/**
 * The no-disruption check of PreVote (thesis §9.6), played on purpose: with a stable leader that
 * every other node hears over a reliable network, isolate one follower for a few election
 * timeouts, then bring it back. Its failed campaigns must not have raised any term: the leader
 * keeps its term. Runs only with PreVote on (without it, the disruption is Raft as the paper has it).
 */
export async function rejoin(g: Group<unknown, unknown>, prng: Prng, log: (line: string) => void, fail: ScenarioFailure): Promise<void> {
  if (!g.cluster.config?.features.preVote || impairedNodes(g).length > 0) return;
  const requests = g.cluster.network.requestPolicy;
  const replies = g.cluster.network.replyPolicy;
  g.cluster.network.requestPolicy = RELIABLE;
  g.cluster.network.replyPolicy = RELIABLE;
  healCuts(g);
  for (const n of allNodes(g)) if (!g.reachable(n)) g.restart(n);
  const leader = await waitForLeader(g, allNodes(g), 3000);
  await g.sleep(500);
  if (leader === undefined || leaderIn(g, allNodes(g)) !== leader || impairedNodes(g).length > 0) return restore();
  const term = g.cluster.node(leader).term();
  // The leader's configuration (thesis §4.1): a server added but not yet in it, or removed from it, does not hear it.
  const followers = [...g.cluster.node(leader).core.peers];
  const follower = followers[prng.int(followers.length)]!;
  g.disable(follower);
  log(`t=${g.now} rejoin: node ${follower} isolated under leader ${leader} of term ${term}`);
  await g.sleep(1000 + prng.int(2000));
  g.enable(follower);
  await g.sleep(1000);
  const raised = [leader, ...followers].filter((n) => n !== follower && g.cluster.node(n).term() !== term);
  if (raised.length > 0) {
    fail('no disruption', `no disruption: node ${follower} rejoined after being cut off, and the term of leader ${leader} (${term}), heard by every other node, went to ${g.cluster.node(leader).term()} (PreVote, thesis §9.6)`);
  }
  log(`t=${g.now} rejoin: node ${follower} back; leader ${leader} ${raised.length ? 'was deposed' : `still leads term ${term}`}`);
  restore();

  function restore(): void {
    g.cluster.network.requestPolicy = requests;
    g.cluster.network.replyPolicy = replies;
  }
}
