import { memo } from 'react';
import { useAppState } from '../../app/context';
import { formatAt } from '../../model/timeline';

const EMPTY: readonly never[] = [];

/** The node's last decisions and the rule behind each, newest first (the core's trace). */
export const WhyList = memo(function WhyList({ node }: { node: number }) {
  const reasons = useAppState((s) => s.reasons.get(node) ?? EMPTY);
  if (reasons.length === 0) return <p className="muted small">No decisions yet. Reasons appear here as the node votes, rejects, steps down or truncates.</p>;
  return (
    <div className="why">
      <h3>Why it acted</h3>
      <ol className="why-list">
        {[...reasons].reverse().map((r, i) => (
          <li key={`${r.at}-${i}`} className={`why-${r.kind}`}><time>{formatAt(r.at)}</time><span>{r.text}</span></li>
        ))}
      </ol>
    </div>
  );
});
