import { memo } from 'react';
import { useAppState } from '../../app/context';
import { EntryCard } from '../log/EntryCard';
import { NodeInspector } from './NodeInspector';
import { Overview } from './Overview';

/** Details and actions for what is selected (a node, a log entry); a short guide when nothing is. */
export const Inspector = memo(function Inspector() {
  const node = useAppState((s) => (s.selection?.kind === 'node' ? s.selection.node : null));
  const entry = useAppState((s) => (s.selection?.kind === 'entry' ? s.selection : null));
  const label = entry ? 'Entry' : node === null ? 'Guide' : `Node ${node}`;
  return (
    <section className="card inspector" aria-label={label}>
      {entry ? <EntryCard node={entry.node} index={entry.index} /> : node === null ? <Overview /> : <NodeInspector node={node} />}
    </section>
  );
});
