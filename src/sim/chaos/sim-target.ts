import type { NodeId } from '../../raft/types';
import { RELIABLE_LINK, type LinkPolicy as NetworkPolicy } from '../../shared/network';
import type { FaultTarget, PolicyPair } from '../../shared/faults';
import type { Group } from '../harness';
import { RELIABLE, toNetworkPolicy, type LinkPolicy } from '../network';

type G = Group<unknown, unknown>;

/**
 * The simulator's group as the fault chooser's target (src/shared/faults.ts), with the lab's
 * meanings the chaos runs have always had: a node "down" is disabled (cut off the network, as the
 * lab's disable), a partition and a heal rewrite the cut matrix, and policies go through the
 * simulator's fraction setters, so that scenarios that save and restore them (rejoin.ts,
 * strand.ts) get back the very objects.
 */
export function simFaultTarget(g: G): FaultTarget {
  const net = g.cluster.network;
  const eachPair = (visit: (a: NodeId, b: NodeId) => void): void => {
    for (let a = 0; a < g.size; a++) for (let b = 0; b < g.size; b++) if (a !== b) visit(a, b);
  };
  return {
    get size() { return g.size; },
    restartRevives: false,
    maxDown: Infinity,
    leaderForTransfer: () => {
      if (!g.cluster.config?.features.leadershipTransfer) return null;
      const leader = g.cluster.nodes.findIndex((n) => n.isLeader());
      return leader < 0 ? null : leader;
    },
    policies: () => ({ requests: toNetworkPolicy(net.requestPolicy), replies: toNetworkPolicy(net.replyPolicy) }),
    crash: (node, restart) => {
      if (restart) g.cluster.restart(node); // crash and come straight back from storage
      else g.disable(node); // crash and stay down for a while
    },
    restart: (node) => g.restart(node),
    partition: (side) => eachPair((a, b) => net.setLinkCut(a, b, side.includes(a) !== side.includes(b))),
    cut: (from, to) => net.setLinkCut(from, to, true),
    isolate: (node) => g.disable(node),
    heal: () => eachPair((a, b) => net.setLinkCut(a, b, false)),
    setPolicies: ({ requests, replies }: PolicyPair) => {
      net.requestPolicy = fractions(requests);
      net.replyPolicy = fractions(replies);
    },
    snapshot: (node) => {
      g.cluster.input(node, (n) => n.saveSnapshot());
      return `applied through ${g.cluster.node(node).core.lastApplied}`;
    },
    transfer: (from, to) => {
      let refused: string | null = null;
      g.cluster.input(from, (n) => { refused = n.transferLeadership(g.now, to); });
      return refused ? `refused: ${refused}` : undefined;
    },
  };
}

/** The simulator's fraction policy for a percent one (RELIABLE itself for a reliable link). */
function fractions(policy: NetworkPolicy): LinkPolicy {
  if (policy === RELIABLE_LINK) return RELIABLE;
  return { dropRate: policy.lossPercent / 100, delayMinMs: policy.delayMinMs, delayMaxMs: policy.delayMaxMs, duplicateRate: (policy.duplicatePercent ?? 0) / 100 };
}
