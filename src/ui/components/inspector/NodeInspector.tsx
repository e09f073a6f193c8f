import { memo } from 'react';
import { useAppState, useStorageName } from '../../app/context';
import { nodeSentence } from '../../model/explain';
import { displayRole, isUp, newestTerm, RECOVERING_LABEL, ROLE_LABEL } from '../../model/roles';
import { termColor } from '../../model/terms';
import { NodeActions } from './NodeActions';
import { NodeFacts } from './NodeFacts';
import { Guide } from './Overview';
import { WhyList } from './WhyList';

/** One node: what it is doing in a sentence, why it acted, the buttons that break it, what it holds. */
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
      {/* Why it acted comes first, in view without scrolling; the guide stays one click away (issue 12, item 5). */}
      <WhyList node={node} />
      <NodeActions view={view} />
      <NodeFacts view={view} />
      <details className="guide-details">
        <summary>How to read this</summary>
        <Guide />
      </details>
    </div>
  );
});
