import { memo } from 'react';
import type { NodeView } from '../../../runtime';
import { useAppState, useRun, useStorageName } from '../../app/context';
import { crashNode, forceTimeout, isolateNode, rejoinNode, restartNode, snapshotNode, transferLeadership, wipeNode } from '../../commands/nodes';

/**
 * Crash or restart, force a timeout, isolate or reconnect, snapshot, wipe: each acts at once. Wipe
 * is offered on every node, not only on a storage error, so that one can watch a node recover
 * before it votes (and the wipedNodeVotes bug break that).
 */
export const NodeActions = memo(function NodeActions({ view }: { view: NodeView }) {
  const isolated = useAppState((s) => s.network?.isolated[view.id] ?? false);
  const crash = useRun(crashNode);
  const restart = useRun(restartNode);
  const timeout = useRun(forceTimeout);
  const isolate = useRun(isolateNode);
  const rejoin = useRun(rejoinNode);
  const snapshot = useRun(snapshotNode);
  const wipe = useRun(wipeNode);
  const transfer = useRun(transferLeadership);
  const transferOn = useAppState((s) => s.config?.features?.leadershipTransfer ?? false);
  // The leader of the highest term that is running (a deposed one may not know it yet).
  const leader = useAppState((s) => leaderToTransferFrom(s.nodes, view.id));
  const storage = useStorageName();
  const id = view.id;
  const up = view.status === 'running' || view.status === 'starting';
  return (
    <div className="node-actions">
      {up
        ? <button className="btn danger-outline" onClick={() => crash(id)} title={storage === 'IndexedDB' ? 'Terminate its worker (C)' : 'Stop it: its memory and its writes in flight are lost (C)'}>Crash node {id}</button>
        : <button className="btn primary" onClick={() => restart(id)} title={`Start it again from ${storage} (R)`}>Restart node {id}</button>}
      <button className="btn" onClick={() => timeout(id)} title="Act as if its election timer ran out (T)">Force election timeout on node {id}</button>
      {isolated
        ? <button className="btn warn" onClick={() => rejoin(id)} title="(I)">Reconnect node {id}</button>
        : <button className="btn" onClick={() => isolate(id)} title="Cut every link to and from it (I)">Isolate node {id}</button>}
      {transferOn && leader !== null && view.status === 'running' && (
        <button className="btn" onClick={() => transfer({ from: leader, to: id })}
          title={`Leader ${leader} stops taking proposals, brings node ${id} up to date, then tells it to campaign now (TimeoutNow, thesis §3.10)`}>
          Transfer leadership to node {id}
        </button>
      )}
      <button className="btn" onClick={() => snapshot(id)} title="Compact its log into a snapshot of the applied state (§7)">Save snapshot on node {id}</button>
      <button className="btn danger-outline" onClick={() => wipe(id)}
        title={`Erase its ${storage} store and restart it empty: the way out of a storage error. It comes back recovering (not voting) until it has caught up.`}>
        Wipe storage of node {id}
      </button>
    </div>
  );
});

/** The running leader with the highest term, unless it is `target` itself; null if none. */
function leaderToTransferFrom(nodes: readonly NodeView[], target: number): number | null {
  let best: NodeView | null = null;
  for (const node of nodes) if (node.role === 'leader' && node.status === 'running' && (!best || node.term > best.term)) best = node;
  return best && best.id !== target ? best.id : null;
}
