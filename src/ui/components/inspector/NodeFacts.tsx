import { memo } from 'react';
import type { NodeView } from '../../../runtime';
import { storageRows } from '../../model/storage';

/** What the node holds, in memory and in IndexedDB side by side: a difference is an unfinished write. */
export const NodeFacts = memo(function NodeFacts({ view }: { view: NodeView }) {
  const rows = storageRows(view);
  return (
    <table className="facts" aria-label={`Storage of node ${view.id}`}>
      <thead><tr><th scope="col" /><th scope="col">memory</th><th scope="col">IndexedDB</th></tr></thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.label} className={row.differs ? 'differs' : ''}>
            <th scope="row">{row.label}</th><td>{row.memory}</td><td>{row.durable}</td>
          </tr>
        ))}
      </tbody>
      {view.durable.writing && <caption className="writing">writing to IndexedDB…</caption>}
    </table>
  );
});
