import { memo } from 'react';
import { useAppState, useRun } from '../../app/context';
import { dismissViolation, resetCluster } from '../../commands/cluster';
import { formatAt } from '../../model/timeline';
import { Icon } from '../common/Icon';

/** An invariant broke: the cluster is paused; say which one, on which nodes, after what. */
export const ViolationBanner = memo(function ViolationBanner() {
  const violation = useAppState((s) => s.violation);
  const dismiss = useRun(dismissViolation);
  const reset = useRun(resetCluster);
  if (!violation) return null;
  return (
    <div className="violation" role="alert" data-testid="violation">
      <div className="violation-head">
        <Icon name="alert" size={20} />
        <div>
          <h2>{violation.invariant} violated</h2>
          <p>on node{violation.nodes.length > 1 ? 's' : ''} {violation.nodes.join(' and ')} at {formatAt(violation.at)}: {violation.detail}. The cluster is paused.</p>
        </div>
      </div>
      <details>
        <summary>What happened just before ({violation.recentEvents.length} events)</summary>
        <ol className="violation-events">{violation.recentEvents.slice(-12).map((line, i) => <li key={i}>{line}</li>)}</ol>
      </details>
      <div className="violation-actions">
        <button className="btn" onClick={() => dismiss()}>Dismiss and keep checking</button>
        <button className="btn" onClick={() => reset()}>Reset cluster</button>
      </div>
    </div>
  );
});
