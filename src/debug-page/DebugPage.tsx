import { use } from 'react';
import type { RaftlabApp } from './app';
import { Controls } from './Controls';
import { KvPanel } from './KvPanel';
import { LabPanel } from './LabPanel';
import { LogWindow, NodeTable } from './NodeTable';
import { useClusterState } from './use-cluster-state';

/** The plain page until the visualizer lands: every node's state, and the controls to break it. */
export function DebugPage({ app }: { app: Promise<RaftlabApp | null> }) {
  const started = use(app);
  return (
    <main>
      <h1>Raftlab</h1>
      {started ? <ClusterView app={started} /> : <p>The page's cluster is off (<code>?cluster=off</code>).</p>}
      <LabPanel />
    </main>
  );
}

function ClusterView({ app }: { app: RaftlabApp }) {
  const state = useClusterState(app.cluster);
  return (
    <>
      <Controls cluster={app.cluster} state={state} />
      <NodeTable cluster={app.cluster} nodes={state.nodes} isolated={state.network.isolated} />
      <KvPanel client={app.client} />
      <section className="logs">{state.nodes.map((view) => <LogWindow key={view.id} view={view} />)}</section>
    </>
  );
}
