import type { NodeView, WorkerCluster } from '../runtime';

/** One row per node: its Raft state, what is durable, and the buttons that break it. */
export function NodeTable({ cluster, nodes, isolated }: { cluster: WorkerCluster; nodes: readonly NodeView[]; isolated: readonly boolean[] }) {
  return (
    <table className="nodes">
      <thead>
        <tr>
          <th>node</th><th>status</th><th>role</th><th>term</th><th>vote</th><th>leader</th>
          <th>commit</th><th>applied</th><th>log (durable)</th><th>snapshot</th><th>followers next/match</th><th>msgs sent / dropped</th><th></th>
        </tr>
      </thead>
      <tbody>
        {nodes.map((view) => <NodeRow key={view.id} cluster={cluster} view={view} isolated={isolated[view.id] ?? false} />)}
      </tbody>
    </table>
  );
}

function NodeRow({ cluster, view, isolated }: { cluster: WorkerCluster; view: NodeView; isolated: boolean }) {
  const up = view.status === 'running' || view.status === 'starting' || view.status === 'storage-error';
  const dropped = Object.values(view.counters.dropped).reduce((a, b) => a + (b ?? 0), 0);
  return (
    <tr data-testid={`node-${view.id}`} data-status={view.status} data-role={view.role} className={`${view.status} ${view.role}`}>
      <td>{view.id}{isolated ? ' (isolated)' : ''}</td>
      <td title={view.error ?? ''}>{view.status}{view.error ? <div className="error" data-testid={`node-${view.id}-error`}>{view.error}</div> : null}</td>
      <td>{view.role}</td>
      <td>{view.term}{view.durable.term !== view.term ? ` (${view.durable.term})` : ''}</td>
      <td>{view.votedFor ?? '–'}</td>
      <td>{view.leaderId ?? '–'}</td>
      <td>{view.commitIndex}</td>
      <td>{view.lastApplied}</td>
      <td>{view.log.lastIndex} ({view.durable.lastIndex}{view.durable.writing ? ', writing' : ''})</td>
      <td>{view.log.snapshotIndex}/t{view.log.snapshotTerm}</td>
      <td>{view.progress.map((p) => `${p.peer}:${p.nextIndex}/${p.matchIndex}`).join(' ')}</td>
      <td>{view.counters.sent} / {dropped}</td>
      <td className="actions">
        {up
          ? <button onClick={() => cluster.crash(view.id)}>crash</button>
          : <button onClick={() => cluster.restart(view.id)}>restart</button>}
        {isolated
          ? <button onClick={() => cluster.rejoin(view.id)}>rejoin</button>
          : <button onClick={() => cluster.isolate(view.id)}>isolate</button>}
        <button onClick={() => void cluster.saveSnapshot(view.id)}>snapshot</button>
        <button onClick={() => void cluster.resetNode(view.id)}>reset</button>
      </td>
    </tr>
  );
}

/** The last entries of one node's log: index, term, command; the durable ones marked. */
export function LogWindow({ view }: { view: NodeView }) {
  return (
    <div className="log">
      <b>node {view.id}</b>
      {view.log.window.map((e) => (
        <span key={e.index} className={e.index <= view.durable.lastIndex ? 'durable' : 'memory'} title={e.index <= view.commitIndex ? 'committed' : 'not committed'}>
          {e.index}:t{e.term} {e.command}
        </span>
      ))}
    </div>
  );
}
