import { memo } from 'react';
import { BUG_NAMES } from '../../../runtime/bugs';
import { useAppState } from '../../app/context';
import { Icon } from '../common/Icon';
import { BugListLater } from '../common/lazy-panels';
import { Popover } from '../common/Popover';

/** "Inject a bug": each switch breaks one rule of the paper, so the checkers have something to catch. */
export const BugMenu = memo(function BugMenu() {
  const open = useAppState((s) => s.popover === 'bugs');
  const setPopover = useAppState((s) => s.setPopover);
  const count = useAppState((s) => (s.config ? BUG_NAMES.filter((b) => s.config!.bugs[b]).length : 0));
  return (
    <div className="popover-anchor">
      <button className={`btn ${count > 0 ? 'danger' : ''} ${open ? 'active' : ''}`} aria-expanded={open} aria-label="Inject a bug"
        onClick={() => setPopover(open ? null : 'bugs')} title="Break a rule of Raft on purpose">
        <Icon name="bug" /><span>{count > 0 ? `${count} bug${count > 1 ? 's' : ''} on` : 'Inject a bug'}</span>
      </button>
      {open && <Popover label="Inject a bug" align="right" wide><BugListLater /></Popover>}
    </div>
  );
});
