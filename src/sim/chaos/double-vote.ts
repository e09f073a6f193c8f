import type { Prng } from '../../raft/prng';
import type { NodeId } from '../../raft/types';
import type { Group } from '../harness';
import type { Load } from './clients';

/**
 * Two candidates in one term, and voters that crash between the two requests. Figure 2 makes
 * votedFor persistent for exactly this: a voter that forgot its vote on restart would elect both,
 * two leaders in one term (§5.2, Election Safety). X and Y stand for the same term while cut off
 * from each other; X reaches the voters first; the voters restart; then Y reaches them.
 */
export async function doubleVote(g: Group<unknown, unknown>, prng: Prng, log: (line: string) => void, load: Load): Promise<void> {
  load.quietUntil = g.now + 3000;
  await g.sleep(300); // let client operations in flight finish, so logs agree
  const nodes = Array.from({ length: g.size }, (_, i) => i);
  const x = prng.int(g.size);
  const y = (x + 1 + prng.int(g.size - 1)) % g.size;
  const voters = nodes.filter((n) => n !== x && n !== y);
  setCuts(g, nodes, () => true); // nobody hears anybody
  for (const n of nodes) g.enable(n);
  for (const candidate of [x, y]) g.cluster.input(candidate, (node) => node.timeoutNow(g.now));
  log(`t=${g.now} double vote: ${x} and ${y} stand in terms ${g.cluster.node(x).term()} and ${g.cluster.node(y).term()}`);
  setCuts(g, nodes, (a, b) => !(link(a, b, x) && voters.includes(other(a, b, x))));
  await g.sleep(40 + prng.int(60));
  for (const v of voters) g.cluster.restart(v);
  log(`t=${g.now} double vote: voters ${voters.join(',')} restart; ${y} may now reach them`);
  setCuts(g, nodes, (a, b) => !(link(a, b, y) && voters.includes(other(a, b, y))));
  await g.sleep(400);
  setCuts(g, nodes, () => false);
  load.quietUntil = g.now;
  log(`t=${g.now} double vote: all links healed`);
}

function link(a: NodeId, b: NodeId, end: NodeId): boolean {
  return a === end || b === end;
}

function other(a: NodeId, b: NodeId, end: NodeId): NodeId {
  return a === end ? b : a;
}

/** Cut every directed link a→b for which `cut(a, b)` holds, heal the rest. */
function setCuts(g: Group<unknown, unknown>, nodes: NodeId[], cut: (a: NodeId, b: NodeId) => boolean): void {
  for (const a of nodes) for (const b of nodes) if (a !== b) g.cluster.network.setLinkCut(a, b, cut(a, b));
}
