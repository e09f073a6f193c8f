import { memo, useMemo } from 'react';
import { useAppState, usePageApp } from '../../app/context';
import { engineCaption } from '../../app/engine-choice';
import { clusterHeadline } from '../../model/explain';

/** The first thing to read: who leads and why, or what the cluster is waiting for; and which engine runs it. */
export const StatusBanner = memo(function StatusBanner() {
  const nodes = useAppState((s) => s.nodes);
  const network = useAppState((s) => s.network);
  const features = useAppState((s) => s.config?.features);
  const { engine, seed } = usePageApp();
  const headline = useMemo(() => (network ? clusterHeadline(nodes, network, features) : null), [nodes, network, features]);
  if (!headline) return null;
  return (
    <div className={`status-banner tone-${headline.tone}`} role="status" aria-live="polite" data-testid="headline">
      <h1 className="headline">{headline.title}</h1>
      <p className="headline-detail">{headline.detail}</p>
      <p className="engine-note" data-testid="engine-note">{engineCaption(engine, seed)}</p>
    </div>
  );
});
