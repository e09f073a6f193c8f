import { memo } from 'react';
import { timeTravelOf } from '../../../engine/cluster';
import { useAppState, usePageApp } from '../../app/context';
import { clipText } from '../../model/user-text';
import { UserText } from '../common/UserText';

/**
 * A lab test on the page (?lab=…): which test and seed, its outcome once the run has played to
 * the test's end (the worker ran the test first, exactly as `npm run lab` does, so the outcome is
 * the terminal's), and the command that runs the same in a terminal.
 */
export const LabStatus = memo(function LabStatus() {
  const { lab, cluster } = usePageApp();
  const at = useAppState((s) => s.run?.at ?? 0);
  if (!lab || !cluster) return null;
  const travel = timeTravelOf(cluster);
  const ended = at >= lab.endAt;
  const restart = async (): Promise<void> => {
    await travel?.seek(0);
    cluster.step(lab.endAt);
  };
  return (
    <section className="lab-status" aria-label="Lab test">
      <p className="lab-title">
        <strong>Lab test {lab.test}</strong>, seed {lab.seed}: {lab.description}
      </p>
      <p className="lab-progress">
        <span role="status" data-testid="lab-result" className={ended ? (lab.ok ? 'lab-pass' : 'lab-fail') : ''}>
          {!ended ? `Running: ${(at / 1000).toFixed(1)} of ${(lab.endAt / 1000).toFixed(1)} virtual seconds.`
            : lab.ok ? 'Passed: every check held.' : <>Failed: <UserText text={clipText(lab.error ?? 'the test failed', 400)} /></>}
        </span>
        {' '}In a terminal: <code>{lab.command}</code>
      </p>
      <div className="lab-actions">
        {!ended && <button className="btn" onClick={() => void travel?.seek(lab.endAt)}>Skip to the end</button>}
        <button className="btn" onClick={() => void restart()}>Watch again</button>
      </div>
    </section>
  );
});
