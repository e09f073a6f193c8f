import { memo } from 'react';
import { useAppState } from '../../app/context';
import { Icon } from '../common/Icon';

/** The live invariant check at a glance: how much it has checked, or what broke. */
export const ChecksBadge = memo(function ChecksBadge() {
  const violation = useAppState((s) => s.violation);
  const views = useAppState((s) => s.checked.views);
  const applied = useAppState((s) => s.checked.applied);
  if (violation) {
    return (
      <span className="badge danger" role="status" title={violation.detail}>
        <Icon name="alert" size={14} /> Invariant broken
      </span>
    );
  }
  return (
    <span className="badge ok" role="status" title={`Figure 3's invariants, checked live on ${views.toLocaleString('en-US')} node reports and ${applied.toLocaleString('en-US')} applied entries`}>
      <Icon name="check" size={14} /> Invariants hold
    </span>
  );
});
