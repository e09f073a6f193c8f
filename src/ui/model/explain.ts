import type { RaftFeatures } from '../../raft/config';
import type { NetworkConfig, NodeView } from '../../runtime';
import { linkDown } from '../../shared/network';
import { currentLeader, displayRole, listNodes, newestTerm, quorum } from './roles';

/**
 * Sentences a newcomer reads first: who leads and why, and what each node is doing. Built from
 * the nodes' reports only; the rules they cite are the paper's.
 */
export interface Headline {
  readonly title: string;
  readonly detail: string;
  readonly tone: 'calm' | 'electing' | 'warning';
}

export function clusterHeadline(nodes: readonly NodeView[], network: NetworkConfig, features?: RaftFeatures): Headline {
  const size = nodes.length;
  const need = quorum(size);
  const term = newestTerm(nodes);
  const leader = currentLeader(nodes);
  const stale = nodes.filter((v) => displayRole(v, term) === 'stale-leader');
  const up = nodes.filter((v) => v.status === 'running').length;
  if (leader && leader.term === term) {
    const votes = leader.votes.length > 0 ? `It won votes from nodes ${listNodes(leader.votes)}, a majority of ${size} (§5.2).` : `It won a majority of votes (§5.2).`;
    const staleNote = stale.length > 0 ? ` Node ${listNodes(stale.map((v) => v.id))} still believes it leads an older term: it is stale and can commit nothing.` : '';
    const cutOff = !isCutOff(network, leader.id) ? '' : cutOffSentence(nodes, network, leader.id, features);
    if (leader.transferee !== undefined) {
      return { title: `Node ${leader.id} hands leadership to node ${leader.transferee}`, tone: 'electing',
        detail: `Leadership transfer (thesis §3.10): it takes no proposals, brings node ${leader.transferee} up to date, then tells it to campaign at once (TimeoutNow).${cutOff}` };
    }
    return { title: `Node ${leader.id} leads term ${leader.term}`, detail: `${votes}${staleNote}${cutOff}`, tone: stale.length > 0 || cutOff ? 'warning' : 'calm' };
  }
  if (up < need) {
    return { title: 'No leader possible', detail: `Only ${up} of ${size} nodes are running; a leader needs votes from ${need} (a majority).`, tone: 'warning' };
  }
  const together = largestGroup(nodes, network);
  if (together.length < need) {
    return { title: 'No leader possible', tone: 'warning',
      detail: `Only ${together.length} of ${size} nodes can reach each other (running, and connected both ways): a leader needs votes from ${need} (a majority), so elections fail until you heal the network or restart nodes.` };
  }
  const candidates = nodes.filter((v) => v.status === 'running' && v.role === 'candidate');
  if (candidates.length > 0) {
    const best = candidates.reduce((a, b) => (b.term > a.term || (b.term === a.term && b.votes.length > a.votes.length) ? b : a));
    const split = candidates.filter((c) => c.term === best.term).length > 1 ? ' Several candidates split the votes; each retries after a random timeout (§5.2).' : '';
    return { title: `Electing a leader for term ${best.term}`, detail: `Node ${best.id} asks for votes: ${best.votes.length} of ${need} so far.${split}`, tone: 'electing' };
  }
  const old = stale[0];
  if (old) return { title: 'No leader in the newest term', detail: `Node ${old.id} still leads term ${old.term}, but term ${term} has begun; a follower's timer will start the next election.`, tone: 'warning' };
  return { title: 'No leader yet', detail: 'Followers wait for a heartbeat. The first whose election timer runs out becomes a candidate and asks for votes (§5.2).', tone: 'electing' };
}

/**
 * What becomes of a leader cut off in a minority, computed from what can actually happen: the
 * other nodes elect a new leader only if a majority of them are running and reach each other.
 */
function cutOffSentence(nodes: readonly NodeView[], network: NetworkConfig, leader: number, features?: RaftFeatures): string {
  const need = quorum(nodes.length);
  const others = largestGroup(nodes.filter((v) => v.id !== leader), network);
  const stepsDown = features?.checkQuorum
    ? ' with CheckQuorum it steps down by itself once an election timeout passes without word from a majority (thesis §6.2)'
    : '';
  if (others.length >= need) {
    const elect = `nodes ${listNodes(others.map((v) => v.id))} reach each other, a majority: they will elect a new leader once their timers run out`;
    return ` It is cut off from the others:${stepsDown ? `${stepsDown}, and` : ''} ${elect}.`;
  }
  return ` It is cut off from the others:${stepsDown ? `${stepsDown};` : ''} no other group of running nodes that reach each other holds a majority (at most ${others.length} of ${nodes.length}, ${need} needed), so no new leader is possible until you heal the network or restart nodes.`;
}

/**
 * The largest set of running nodes that can all talk to each other both ways (a candidate needs
 * its requests to arrive and the votes to come back): connected components over two-way links.
 */
export function largestGroup(nodes: readonly NodeView[], network: NetworkConfig): NodeView[] {
  const running = nodes.filter((v) => v.status === 'running');
  const talk = (a: number, b: number): boolean => linkDown(network, a, b) === null && linkDown(network, b, a) === null;
  const seen = new Set<number>();
  let best: NodeView[] = [];
  for (const start of running) {
    if (seen.has(start.id)) continue;
    const group: NodeView[] = [];
    const queue = [start];
    seen.add(start.id);
    while (queue.length > 0) {
      const v = queue.pop()!;
      group.push(v);
      for (const w of running) if (!seen.has(w.id) && talk(v.id, w.id)) { seen.add(w.id); queue.push(w); }
    }
    if (group.length > best.length) best = group.sort((a, b) => a.id - b.id);
  }
  return best;
}

function isCutOff(network: NetworkConfig, node: number): boolean {
  if (network.isolated[node]) return true;
  if (network.group) {
    const side = network.group[node];
    const same = network.group.filter((g) => g === side).length;
    return same < quorum(network.size);
  }
  return false;
}

/** One line on what a node is doing; `storage` names where its promises live (IndexedDB, or the simulated disk). */
export function nodeSentence(view: NodeView, nodes: readonly NodeView[], storage = 'IndexedDB'): string {
  const term = newestTerm(nodes);
  const size = nodes.length;
  switch (displayRole(view, term)) {
    case 'crashed':
      return `Crashed: memory is gone. ${storage === 'IndexedDB' ? 'IndexedDB' : `Its ${storage}`} still holds term ${view.durable.term}, ${view.durable.votedFor === null ? 'no vote' : `its vote for node ${view.durable.votedFor}`} and ${view.durable.lastIndex} log entries; restart brings them back.`;
    case 'storage-error':
      return `Stopped on a storage error: ${view.error ?? 'unknown'}. Reset the node to wipe its store and let it catch up.`;
    case 'starting':
      return `Starting: loading its term, vote and log from ${storage === 'IndexedDB' ? 'IndexedDB' : `its ${storage}`}.`;
    case 'leader':
      return `Leader of term ${view.term}: sends heartbeats and replicates entries; commits an entry once a majority (${quorum(size)}) holds it (§5.3).`;
    case 'stale-leader':
      return `Stale leader: still leads term ${view.term}, but term ${term} has begun elsewhere. Without a majority it commits nothing; the first message from the newer term makes it step down.`;
    case 'candidate':
      return `Candidate in term ${view.term}: has ${view.votes.length} of ${quorum(size)} votes (${view.votes.length ? `from ${listNodes(view.votes)}` : 'none yet'}).`;
    case 'follower':
      return view.leaderId !== null
        ? `Follower of node ${view.leaderId} in term ${view.term}. Each heartbeat refills its election timer.`
        : `Follower in term ${view.term}${view.votedFor !== null ? `, voted for node ${view.votedFor}` : ''}. If its timer runs out it starts an election.`;
  }
}
