import { memo } from 'react';
import { useRun } from '../../app/context';
import { resetCluster } from '../../commands/cluster';
import { Icon } from '../common/Icon';

export const ResetButton = memo(function ResetButton() {
  const run = useRun(resetCluster);
  return (
    <button className="btn" onClick={() => run()} title="Wipe every node's storage and start over">
      <Icon name="reset" /><span>Reset cluster</span>
    </button>
  );
});
