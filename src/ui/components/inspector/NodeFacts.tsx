import { memo } from 'react';
import type { NodeView } from '../../../runtime';
import { useStorageName } from '../../app/context';
import { storageRows } from '../../model/storage';

/** What the node holds, in memory and in storage (IndexedDB, or the simulated disk) side by side: a difference is an unfinished write. */
export const NodeFacts = memo(function NodeFacts({ view }: { view: NodeView }) {
  const rows = storageRows(view);
  const storage = useStorageName();
  return (
    <table className="facts" aria-label={`Storage of node ${view.id}`}>
      <thead><tr><th scope="col"><span className="visually-hidden">what</span></th><th scope="col">memory</th><th scope="col">{storage}</th></tr></thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.label} className={row.differs ? 'differs' : ''}>
            <th scope="row">{row.label}</th><td>{row.memory}</td><td>{row.durable}</td>
          </tr>
        ))}
      </tbody>
      {view.durable.writing && <caption className="writing">writing to {storage}…</caption>}
    </table>
  );
});
