import { memo, useState } from 'react';
import { usePageApp, useAppState, useRun } from '../../app/context';
import { dismissViolation } from '../../commands/cluster';
import { formatAt } from '../../model/timeline';
import { Icon } from '../common/Icon';
import { ResetButton } from '../header/ResetButton';

/**
 * An invariant broke: the cluster is paused; say which one, on which nodes, after what. The run so
 * far can be saved as a file ("Export run", issue 9, items 5 and 8): on the simulated engine it
 * replays exactly, the violation included; on the live engine it is the recorded session, which
 * the simulator re-runs with the same actions (not the same timing).
 */
export const ViolationBanner = memo(function ViolationBanner() {
  const violation = useAppState((s) => s.violation);
  const { exportRun: recorded } = usePageApp();
  const dismiss = useRun(dismissViolation);
  const [exportError, setExportError] = useState<string | null>(null);
  if (!violation) return null;
  const exportRun = async (): Promise<void> => {
    setExportError(null);
    try {
      const [{ downloadRun }, run] = await Promise.all([import('../../app/run-io'), recorded!()]);
      downloadRun(run);
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
        {recorded && <button className="btn" onClick={() => void exportRun()} title="Save the run so far as a file that replays it exactly, this violation included">Export run</button>}
        <button className="btn" onClick={() => dismiss()}>Dismiss and keep checking</button>
        <ResetButton />
      </div>
      {exportError && <p className="violation-error">{exportError}</p>}
    </div>
  );
});
