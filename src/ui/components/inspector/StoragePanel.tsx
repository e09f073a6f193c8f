import { memo } from 'react';
import type { NodeView } from '../../../runtime';
import { useAppState, useStorageName } from '../../app/context';

/**
 * Every node's promises: what IndexedDB holds against what memory holds. A leader counts its own
 * entry toward a majority only once it is durable; a follower replies only after writing (§3.8).
 */
export const StoragePanel = memo(function StoragePanel() {
  const nodes = useAppState((s) => s.nodes);
  const storage = useStorageName();
  return (
    <div className="storage-panel">
      <h2 className="card-title">Storage</h2>
      <p className="muted small">Memory / {storage}. Highlighted: written in memory, not yet durable — a crash now would lose it.</p>
      <table className="storage-table">
        <thead>
          <tr><th scope="col">node</th><th scope="col">term</th><th scope="col">vote</th><th scope="col">log through</th><th scope="col">snapshot</th></tr>
        </thead>
        <tbody>{nodes.map((view) => <StorageRow key={view.id} view={view} />)}</tbody>
      </table>
    </div>
  );
});

const StorageRow = memo(function StorageRow({ view }: { view: NodeView }) {
  const up = view.status === 'running';
  const d = view.durable;
  const pair = (memory: string, durable: string) => (
    <td className={up && memory !== durable ? 'differs' : ''}>{up ? memory : '—'} <span className="sep">/</span> {durable}</td>
  );
  const vote = (v: number | null): string => (v === null ? '–' : String(v));
  return (
    <tr data-testid={`storage-${view.id}`}>
      <th scope="row">{view.id}{d.writing ? <span className="writing-dot" title="writing" /> : null}</th>
      {pair(String(view.term), String(d.term))}
      {pair(vote(view.votedFor), vote(d.votedFor))}
      {pair(String(view.log.lastIndex), String(d.lastIndex))}
      {pair(String(view.log.snapshotIndex), String(d.snapshotIndex))}
    </tr>
  );
});
