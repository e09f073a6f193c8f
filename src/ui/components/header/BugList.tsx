import { memo } from 'react';
import { BUG_NAMES, type BugName } from '../../../runtime/bugs';
import { useAppState, useRun } from '../../app/context';
import { BUG_INFO } from '../../checks/bugs';
import { setBug } from '../../commands/cluster';

/** The bug switches, each with what it breaks and how to provoke it. */
export const BugList = memo(function BugList() {
  return (
    <>
      <p className="pop-intro">Off by default. Each switch breaks one rule; the invariant checker pauses the cluster when it sees the damage.</p>
      {BUG_NAMES.map((bug) => <BugSwitch key={bug} bug={bug} />)}
    </>
  );
});

const BugSwitch = memo(function BugSwitch({ bug }: { bug: BugName }) {
  const on = useAppState((s) => s.config?.bugs[bug] ?? false);
  const run = useRun(setBug);
  const info = BUG_INFO[bug];
  return (
    <label className={`bug-switch ${on ? 'on' : ''}`}>
      <input type="checkbox" checked={on} onChange={(e) => run({ bug, on: e.target.checked })} aria-label={`Bug: ${info.title}`} />
      <span>
        <strong>{info.title}</strong>
        <span className="muted">{info.breaks}</span>
        <span className="hint">Try: {info.provoke}</span>
      </span>
    </label>
  );
});
