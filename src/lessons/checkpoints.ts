import type { NodeView } from '../runtime/protocol';
import type { ClusterConfig } from '../runtime/cluster';
import type { NetworkConfig } from '../shared/network';
import type { Checkpoint, NodeRef } from './format';

/**
 * A checkpoint's predicate, over the cluster as the page already has it (the store's nodes,
 * network and config). Pure: the lesson panel asks it at every state, tests ask it of hand-made
 * views. `begin` is the cluster when the step opened ("crash the leader" means the leader then).
 */
export interface LessonView {
  readonly nodes: readonly NodeView[];
  readonly network: NetworkConfig | null;
  readonly config: ClusterConfig | null;
}

const running = (node: NodeView): boolean => node.status === 'running';

/** The running leader of the highest term (a deposed one may not know it yet), or null. */
export function newestLeader(nodes: readonly NodeView[]): NodeView | null {
  let best: NodeView | null = null;
  for (const node of nodes) if (running(node) && node.role === 'leader' && (!best || node.term > best.term)) best = node;
  return best;
}

/** A node named by number, or by role as the cluster stands; null when no node has that role. */
export function resolveNode(ref: NodeRef, nodes: readonly NodeView[]): number | null {
  if (typeof ref === 'number') return ref < nodes.length ? ref : null;
  const leader = newestLeader(nodes);
  if (ref === 'leader') return leader?.id ?? null;
  if (ref === 'crashed') return nodes.find((node) => node.status === 'crashed')?.id ?? null;
  return nodes.find((node) => running(node) && node.id !== leader?.id)?.id ?? null;
}

/** The terms of a node's log entries, as far as the view's window shows them (after its snapshot). */
export function logTerms(node: NodeView): number[] {
  return node.log.window.filter((entry) => entry.index > node.log.snapshotIndex).map((entry) => entry.term);
}

export function checkpointMet(checkpoint: Checkpoint, now: LessonView, begin: LessonView): boolean {
  const { nodes } = now;
  switch (checkpoint.kind) {
    case 'leaderElected': {
      // §5.2: a candidate that wins a majority of votes in its term leads.
      const leader = newestLeader(nodes);
      return leader !== null && (checkpoint.node === undefined || leader.id === checkpoint.node) && leader.term >= (checkpoint.minTerm ?? 1)
        && leader.log.lastIndex >= (checkpoint.hasIndex ?? 0);
    }
    case 'oneLeader': {
      const leaders = nodes.filter((node) => running(node) && node.role === 'leader');
      return leaders.length === 1 && isHealed(now.network) && nodes.every((node) => !running(node) || node.term === leaders[0]!.term);
    }
    case 'candidates': {
      const perTerm = new Map<number, number>();
      for (const node of nodes) if (running(node) && node.role === 'candidate') perTerm.set(node.term, (perTerm.get(node.term) ?? 0) + 1);
      return [...perTerm.values()].some((count) => count >= checkpoint.count);
    }
    case 'nodeCrashed': {
      const target = checkpoint.role === 'leader' ? newestLeader(begin.nodes)?.id : checkpoint.node;
      return target !== undefined && nodes[target] !== undefined && nodes[target].status === 'crashed';
    }
    case 'nodeRunning': return nodes[checkpoint.node]?.status === 'running';
    case 'committed': {
      const leader = newestLeader(nodes);
      if (!leader || leader.commitIndex < checkpoint.index) return false;
      return !checkpoint.everywhere || nodes.every((node) => running(node) && node.commitIndex >= checkpoint.index);
    }
    case 'leaderInMinority': return leaderInMinority(now);
    case 'twoLeaders': {
      const leaders = nodes.filter((node) => running(node) && node.role === 'leader');
      return new Set(leaders.map((node) => node.term)).size >= 2;
    }
    case 'healed': return isHealed(now.network);
    case 'logs': return Object.entries(checkpoint.terms).every(([id, terms]) => {
      // Stored: on disk too (a crash right after would otherwise lose what the picture shows).
      const node = nodes[Number(id)];
      return node !== undefined && node.log.lastIndex === terms.length && logTerms(node).join() === terms.join()
        && (node.status !== 'running' || node.log.stableIndex >= node.log.lastIndex);
    });
    case 'bug': return (now.config?.bugs[checkpoint.bug] ?? false) === checkpoint.on;
    case 'notDurable': {
      const node = nodes[checkpoint.node];
      return node !== undefined && running(node) && node.log.lastIndex >= checkpoint.index && node.log.stableIndex < checkpoint.index;
    }
    case 'ackedNotDurable': {
      // Figure 2 and §5.3: a follower answers an append only for what it stores; with the bug it answers first.
      const node = nodes[checkpoint.node];
      if (!node) return false;
      const durable = node.status === 'running' ? node.log.stableIndex : node.durable.lastIndex;
      return nodes.some((leader) => running(leader) && leader.role === 'leader'
        && leader.progress.some((p) => p.peer === checkpoint.node && p.matchIndex > durable));
    }
    case 'snapshot': {
      const id = resolveNode(checkpoint.node, nodes);
      return id !== null && running(nodes[id]!) && nodes[id]!.log.snapshotIndex >= checkpoint.index;
    }
    case 'applied': return (nodes[checkpoint.node]?.lastApplied ?? 0) >= checkpoint.index;
  }
}

function isHealed(network: NetworkConfig | null): boolean {
  if (!network) return false;
  return network.group === null && !network.isolated.some(Boolean) && !network.cut.some((row) => row.some(Boolean));
}

/** The newest leader sits on a side of a partition (or alone, isolated) that holds no majority (§5.2). */
function leaderInMinority({ nodes, network }: LessonView): boolean {
  const leader = newestLeader(nodes);
  if (!leader || !network) return false;
  const majority = Math.floor(nodes.length / 2) + 1;
  if (network.isolated[leader.id]) return true;
  if (!network.group) return false;
  const side = network.group[leader.id];
  return network.group.filter((g, id) => g === side && !network.isolated[id]).length < majority;
}
