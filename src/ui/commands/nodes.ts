import type { NodeId } from '../../raft/types';
import { plainKey, type Command } from './types';

/**
 * What the user can do to one node. Each acts at once on the node chosen; the rest of the cluster
 * keeps running.
 */

const selectedNode = (s: { selection: { kind: string; node?: NodeId } | null }): NodeId | null =>
  s.selection?.kind === 'node' ? s.selection.node! : null;

export const crashNode: Command<NodeId> = {
  name: 'crashNode',
  label: (node) => `Crash node ${node}`,
  perform(ctx, node) {
    ctx.cluster.crash(node);
    ctx.flights.forgetNode(node);
    ctx.note(`You crashed node ${node}`, [node], 'Its worker is terminated: memory and unfinished writes are gone; IndexedDB keeps what was written.');
  },
  key: { test: plainKey('c'), hint: 'C', arg: selectedNode },
};

export const restartNode: Command<NodeId> = {
  name: 'restartNode',
  label: (node) => `Restart node ${node}`,
  perform(ctx, node) {
    ctx.cluster.restart(node);
    ctx.note(`You restarted node ${node}`, [node], 'A new worker loads term, vote, snapshot and log from IndexedDB; commit index and state machine are rebuilt (Figure 2: they are volatile).');
  },
  key: { test: plainKey('r'), hint: 'R', arg: selectedNode },
};

export const forceTimeout: Command<NodeId> = {
  name: 'forceTimeout',
  label: (node) => `Force election timeout on node ${node}`,
  perform(ctx, node) {
    const view = ctx.cluster.getState().nodes[node];
    if (view?.role === 'leader' && view.status === 'running') {
      ctx.note(`You forced node ${node}'s election timeout: nothing happens`, [node], 'A leader has no election timer; it sends heartbeats instead (§5.2). Crash or isolate it to make the others elect a new one.');
      return;
    }
    ctx.cluster.forceElectionTimeout(node);
    ctx.note(`You forced node ${node}'s election timeout`, [node], ctx.cluster.getState().config?.features?.preVote
      ? 'As if its timer ran out: with PreVote it first asks whether it could win, changing no term (thesis §9.6); only a majority of yeses starts a real election (§5.2).'
      : 'As if its timer ran out: it increments its term, votes for itself and asks the others for votes (§5.2).');
  },
  key: { test: plainKey('t'), hint: 'T', arg: selectedNode },
};

/** Thesis §3.10: the leader `from` hands leadership to `to`. */
export const transferLeadership: Command<{ readonly from: NodeId; readonly to: NodeId }> = {
  name: 'transferLeadership',
  label: ({ to }) => `Transfer leadership to node ${to}`,
  perform(ctx, { from, to }) {
    ctx.cluster.transferLeadership(from, to);
    ctx.note(`You asked leader ${from} to transfer leadership to node ${to}`, [from, to],
      'It stops taking proposals, brings the target up to date, then sends it TimeoutNow to campaign at once; it gives up after an election timeout (thesis §3.10).');
  },
};

export const isolateNode: Command<NodeId> = {
  name: 'isolateNode',
  label: (node) => `Isolate node ${node}`,
  perform(ctx, node) {
    ctx.cluster.isolate(node);
    ctx.note(`You isolated node ${node}`, [node], 'It keeps running but nothing reaches it and nothing it sends arrives.');
  },
};

export const rejoinNode: Command<NodeId> = {
  name: 'rejoinNode',
  label: (node) => `Reconnect node ${node}`,
  perform(ctx, node) {
    ctx.cluster.rejoin(node);
    ctx.note(`You reconnected node ${node}`, [node]);
  },
};

/** Isolate or reconnect, whichever applies (the I key). */
export const toggleIsolation: Command<NodeId> = {
  name: 'toggleIsolation',
  label: (node, s) => (s.network?.isolated[node] ? rejoinNode : isolateNode).label(node, s),
  perform(ctx, node) {
    return (ctx.cluster.getNetwork().isolated[node] ? rejoinNode : isolateNode).perform(ctx, node);
  },
  key: { test: plainKey('i'), hint: 'I', arg: selectedNode },
};

export const snapshotNode: Command<NodeId> = {
  name: 'snapshotNode',
  label: (node) => `Save snapshot on node ${node}`,
  async perform(ctx, node) {
    ctx.note(`You asked node ${node} to save a snapshot`, [node], 'Its applied state replaces the log through its applied index (§7).');
    const ok = await ctx.cluster.saveSnapshot(node);
    if (!ok) ctx.note(`Node ${node} could not save a snapshot`, [node], 'It is down, or still restoring one.');
  },
};

export const wipeNode: Command<NodeId> = {
  name: 'wipeNode',
  label: (node) => `Wipe storage of node ${node}`,
  async perform(ctx, node) {
    ctx.note(`You wiped node ${node}'s storage`, [node], 'It restarts empty, a term above any seen and with no vote, recovering: it neither votes nor campaigns until it has caught up with a leader.');
    await ctx.cluster.resetNode(node);
  },
};
