import { memo } from 'react';
import { useAppState } from '../../app/context';
import { NodeInspector } from './NodeInspector';
import { Overview } from './Overview';

/** Details and actions for what is selected; a short guide when nothing is. */
export const Inspector = memo(function Inspector() {
  const node = useAppState((s) => (s.selection?.kind === 'node' ? s.selection.node : null));
  return (
    <section className="card inspector" aria-label={node === null ? 'Guide' : `Node ${node}`}>
      {node === null ? <Overview /> : <NodeInspector node={node} />}
    </section>
  );
});
