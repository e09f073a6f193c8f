import { memo } from 'react';
import { useAppState } from '../../app/context';
import { quorum } from '../../model/roles';

/** What a newcomer needs before touching anything. */
export const Overview = memo(function Overview() {
  const size = useAppState((s) => s.nodes.length);
  return (
    <div className="overview">
      <h2 className="card-title">How to read this</h2>
      <Guide />
      <p className="muted small">Select a node (click, or press 0–{size - 1}) for its details and actions.</p>
    </div>
  );
});

/** The guide itself; a chosen node's inspector keeps it one click away (issue 12, item 5). */
export const Guide = memo(function Guide() {
  const size = useAppState((s) => s.nodes.length);
  return (
      <ul className="guide">
        <li><b>Rings</b> are election timers. A follower's ring refills with every heartbeat from the leader; when one runs out, that node becomes a <span className="tag candidate">candidate</span> and asks for votes.</li>
        <li>With votes from <b>{quorum(size)} of {size}</b> it becomes <span className="tag leader">leader</span> and replicates entries; an entry is <b>committed</b> once a majority stores it.</li>
        <li><b>Break it:</b> click a node to crash or isolate it, a line to cut a link; <b>Partition…</b> splits the cluster. Watch the headline and the timeline explain what Raft does.</li>
      </ul>
  );
});
