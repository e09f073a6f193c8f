import { memo } from 'react';
import { useAppState, useRun } from '../../app/context';
import { healAll } from '../../commands/network';
import { Icon } from '../common/Icon';
import { Popover } from '../common/Popover';
import { DelaySlider, DuplicationSlider, LossSlider } from './Sliders';
import { PartitionEditorLater, TimingEditorLater } from '../common/lazy-panels';

/** Under the cluster: partition, heal, loss, delay, duplication and Raft timing. */
export const NetworkBar = memo(function NetworkBar() {
  const popover = useAppState((s) => s.popover);
  const setPopover = useAppState((s) => s.setPopover);
  const partitioned = useAppState((s) => s.network?.group != null);
  const heal = useRun(healAll);
  const toggle = (which: 'partition' | 'timing') => () => setPopover(popover === which ? null : which);
  return (
    <div className="network-bar" role="toolbar" aria-label="Network">
      <div className="popover-anchor up">
        <button className={`btn ${partitioned ? 'warn' : ''} ${popover === 'partition' ? 'active' : ''}`} aria-expanded={popover === 'partition'} onClick={toggle('partition')}>
          <Icon name="split" /><span>Partition…</span>
        </button>
        {popover === 'partition' && <Popover label="Partition"><PartitionEditorLater /></Popover>}
      </div>
      <button className="btn" onClick={() => heal()} title="Heal every cut link, isolation and partition">
        <Icon name="link" /><span>Heal all</span>
      </button>
      <span className="divider" aria-hidden="true" />
      <LossSlider />
      <DelaySlider />
      <DuplicationSlider />
      <span className="divider" aria-hidden="true" />
      <div className="popover-anchor up">
        <button className={`btn ${popover === 'timing' ? 'active' : ''}`} aria-expanded={popover === 'timing'} onClick={toggle('timing')}>
          <Icon name="clock" /><span>Raft timing…</span>
        </button>
        {popover === 'timing' && <Popover label="Raft timing" align="right"><TimingEditorLater /></Popover>}
      </div>
    </div>
  );
});
