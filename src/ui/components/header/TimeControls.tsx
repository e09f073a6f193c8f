import { memo } from 'react';
import { useAppState, useRun } from '../../app/context';
import { SPEEDS, STEP_MS } from '../../app/defaults';
import { faster, setSpeed, slower, step, togglePause } from '../../commands/time';
import { Icon } from '../common/Icon';

/**
 * Pause/resume, step and speed: the clock every node shares. They read the live clock: while the
 * page shows a past moment (rewind), the shown state's clock is that moment's.
 */
export const TimeControls = memo(function TimeControls() {
  const paused = useAppState((s) => s.liveClock?.paused ?? false);
  const stepping = useAppState((s) => s.liveClock?.until !== undefined);
  const run = useRun(togglePause);
  const runStep = useRun(step);
  return (
    <div className="time-controls">
      <button className={`btn primary play ${paused ? 'is-paused' : ''}`} onClick={() => run()} title="Pause or resume time (Space)">
        <Icon name={paused ? 'play' : 'pause'} />
        <span>{paused ? 'Resume' : 'Pause'}</span>
      </button>
      <button className="btn" aria-label="Step" onClick={() => runStep()} title={`Let ${STEP_MS} ms of cluster time pass, then pause (. or S)`}>
        <Icon name="step" /><span>Step</span>
      </button>
      <SpeedControl />
      <span className={`clock-state ${paused ? 'paused' : stepping ? 'stepping' : 'running'}`} aria-live="polite">
        {paused ? 'paused' : stepping ? 'stepping' : 'running'}
      </span>
    </div>
  );
});

const SpeedControl = memo(function SpeedControl() {
  const speed = useAppState((s) => s.liveClock?.speed ?? 1);
  const set = useRun(setSpeed);
  const up = useRun(faster);
  const down = useRun(slower);
  const options = SPEEDS.includes(speed as (typeof SPEEDS)[number]) ? SPEEDS : [...SPEEDS, speed].sort((a, b) => a - b);
  return (
    <div className="speed" role="group" aria-label="Speed control">
      <button className="btn icon-only" aria-label="Slower" title="Slower (−)" onClick={() => down()}><Icon name="minus" size={14} /></button>
      <select aria-label="Speed" value={speed} onChange={(e) => set(Number(e.target.value))} title="How fast cluster time runs">
        {options.map((s) => <option key={s} value={s}>{s}×</option>)}
      </select>
      <button className="btn icon-only" aria-label="Faster" title="Faster (+)" onClick={() => up()}><Icon name="plus" size={14} /></button>
    </div>
  );
});
