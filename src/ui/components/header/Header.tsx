import { memo } from 'react';
import { BugMenu } from './BugMenu';
import { ChecksBadge } from './ChecksBadge';
import { EngineSwitch } from './EngineSwitch';
import { LegendButton } from './LegendButton';
import { SizeControl } from './SizeControl';
import { ThemeToggle } from './ThemeToggle';
import { TimeControls } from './TimeControls';
import { ParamsNotice } from './ParamsNotice';
import { ProfilePicker } from './ProfilePicker';
import { ResetButton } from './ResetButton';
import { LabStatus } from '../lab/LabStatus';
import { ChaosToggleLater, LabMenuLater, RunMenuLater, TimeBarLater } from '../common/lazy-panels';
import { LessonsMenuLater } from '../lessons/LessonsLater';

/**
 * The page's header, two rows. The top bar: time, cluster size, reset and the Raft profile on the
 * left; chaos, checks, bugs, legend and theme on the right. The run's row: which engine runs it and
 * its seed, the runs menu (export, import, share, replay), and the run's time (time travel on the
 * simulated engine, rewind on the live one). Under it, a note on URL parameters the page ignored.
 */
export const Header = memo(function Header() {
  return (
    <header className="site-header">
      <div className="topbar">
        <div className="brand">
          <svg className="brand-mark" viewBox="0 0 24 24" aria-hidden="true"><circle cx="12" cy="5" r="3" /><circle cx="5" cy="17" r="3" /><circle cx="19" cy="17" r="3" /><path d="M12 8 6.5 14.5M12 8l5.5 6.5M8 17h8" /></svg>
          <span className="brand-name">Raftlab</span>
        </div>
        <TimeControls />
        <span className="divider" aria-hidden="true" />
        <SizeControl />
        <ResetButton />
        <span className="divider" aria-hidden="true" />
        <ProfilePicker />
        <span className="spacer" />
        <ChaosToggleLater />
        <ChecksBadge />
        <BugMenu />
        <LegendButton />
        <ThemeToggle />
      </div>
      <div className="run-row">
        <EngineSwitch />
        <RunMenuLater />
        <LabMenuLater />
        <LessonsMenuLater />
        <span className="divider" aria-hidden="true" />
        <TimeBarLater />
      </div>
      <ParamsNotice />
      <LabStatus />
    </header>
  );
});
