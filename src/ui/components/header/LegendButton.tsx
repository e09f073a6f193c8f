import { memo } from 'react';
import { useAppState, useRun } from '../../app/context';
import { toggleLegend } from '../../commands/cluster';
import { Icon } from '../common/Icon';
import { LegendLater } from '../common/lazy-panels';
import { Popover } from '../common/Popover';

export const LegendButton = memo(function LegendButton() {
  const open = useAppState((s) => s.popover === 'legend');
  const run = useRun(toggleLegend);
  return (
    <div className="popover-anchor">
      <button className={`btn ${open ? 'active' : ''}`} aria-expanded={open} aria-label="Legend and shortcuts" onClick={() => run()} title="What the shapes and colours mean (?)">
        <Icon name="help" /><span>Legend</span>
      </button>
      {open && <Popover label="Legend" align="right" wide><LegendLater /></Popover>}
    </div>
  );
});
