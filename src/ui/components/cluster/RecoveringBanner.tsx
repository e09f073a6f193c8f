import { memo } from 'react';
import { useAppState } from '../../app/context';
import { listNodes, noVotingMajority, quorum } from '../../model/roles';
import { Icon } from '../common/Icon';
import { ResetButton } from '../header/ResetButton';

/**
 * Too many nodes lost their storage: the rest cannot elect a leader, and a recovering node only
 * catches up from one. Letting the wiped nodes vote could elect a node that lacks an acknowledged
 * entry, so the page says the cluster cannot safely go on and offers a reset instead.
 */
export const RecoveringBanner = memo(function RecoveringBanner() {
  const nodes = useAppState((s) => s.nodes);
  if (!noVotingMajority(nodes)) return null;
  const recovering = nodes.filter((v) => v.recovering === true).map((v) => v.id);
  return (
    <div className="violation" role="alert" data-testid="no-voting-majority">
      <div className="violation-head">
        <Icon name="alert" size={20} />
        <div>
          <h2>The cluster cannot safely go on</h2>
          <p>
            Node{recovering.length > 1 ? 's' : ''} {listNodes(recovering)} lost {recovering.length > 1 ? 'their' : 'its'} storage and {recovering.length > 1 ? 'are' : 'is'} recovering
            (not voting): the other {nodes.length - recovering.length} cannot make the majority of {quorum(nodes.length)} a leader needs, and a recovering node
            only catches up from a leader. Letting the wiped nodes vote could elect one missing an acknowledged entry.
          </p>
        </div>
      </div>
      <div className="violation-actions">
        <ResetButton />
      </div>
    </div>
  );
});
