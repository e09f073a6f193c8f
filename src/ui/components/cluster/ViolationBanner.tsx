import { memo, useState } from 'react';
import { timeTravelOf } from '../../../engine/cluster';
import { usePageApp, useAppState, useRun } from '../../app/context';
import { downloadRun } from '../../app/run-io';
import { dismissViolation, resetCluster } from '../../commands/cluster';
import { formatAt } from '../../model/timeline';
import { Icon } from '../common/Icon';

/**
 * An invariant broke: the cluster is paused; say which one, on which nodes, after what. On the
 * simulated engine the run so far can be saved as a file ("Export run") and replayed exactly, the
 * violation included (issue 9, items 5 and 8); the button shows only where the engine offers it.
 */
export const ViolationBanner = memo(function ViolationBanner() {
  const violation = useAppState((s) => s.violation);
  const { cluster } = usePageApp();
  const dismiss = useRun(dismissViolation);
  const reset = useRun(resetCluster);
  const [exportError, setExportError] = useState<string | null>(null);
  if (!violation) return null;
  const timeTravel = cluster ? timeTravelOf(cluster) : null;
  const exportRun = async (): Promise<void> => {
    setExportError(null);
    try {
      downloadRun(await timeTravel!.exportRun());
    } catch (error) {
      setExportError(`The run could not be exported: ${(error as Error).message}`);
    }
  };
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
        {timeTravel && <button className="btn" onClick={() => void exportRun()} title="Save the run so far as a file that replays it exactly, this violation included">Export run</button>}
        <button className="btn" onClick={() => dismiss()}>Dismiss and keep checking</button>
        <button className="btn" onClick={() => reset()}>Reset cluster</button>
      </div>
      {exportError && <p className="violation-error">{exportError}</p>}
    </div>
  );
});
