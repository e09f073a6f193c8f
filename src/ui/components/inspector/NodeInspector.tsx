import { memo } from 'react';
import { useAppState, useStorageName } from '../../app/context';
import { nodeSentence } from '../../model/explain';
import { displayRole, isUp, newestTerm, RECOVERING_LABEL, ROLE_LABEL } from '../../model/roles';
import { termColor } from '../../model/terms';
import { NodeActions } from './NodeActions';
import { NodeFacts } from './NodeFacts';
import { WhyList } from './WhyList';

/** One node: what it is doing in a sentence, what it holds, the buttons that break it, and why it acted. */
export const NodeInspector = memo(function NodeInspector({ node }: { node: number }) {
  const nodes = useAppState((s) => s.nodes);
  const storage = useStorageName();
  const view = nodes[node];
  if (!view) return null;
  const role = displayRole(view, newestTerm(nodes));
  return (
    <div className="node-inspector">
      <div className="inspector-head">
        <span className={`role-chip role-${role}`} style={{ ['--term' as string]: termColor(view.term) }}>{ROLE_LABEL[role]}</span>
        <h2 className="card-title">Node {node}</h2>
        <span className="muted">term {view.term}</span>
      </div>
      <p className="sentence">{nodeSentence(view, nodes, storage)}</p>
      {view.recovering && isUp(view) && (
        <p className="sentence" data-testid="recovering-note">
          <strong>{RECOVERING_LABEL[0]!.toUpperCase() + RECOVERING_LABEL.slice(1)}.</strong> Its storage was wiped, so it may have
          promised entries it no longer holds: it neither votes nor campaigns until it holds everything the current leader had
          when it first heard from it (Protocol-Aware Recovery, FAST '18).
        </p>
      )}
      <NodeActions view={view} />
      <NodeFacts view={view} />
      <WhyList node={node} />
    </div>
  );
});
