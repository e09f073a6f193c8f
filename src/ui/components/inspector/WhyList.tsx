import { memo, useState } from 'react';
import { useAppState } from '../../app/context';
import { formatAt } from '../../model/timeline';

const EMPTY: readonly never[] = [];
/** Shown before "all": the newest few keep the actions below them in view. */
const FIRST = 3;

/** The node's last decisions and the rule behind each, newest first (the core's trace). */
export const WhyList = memo(function WhyList({ node }: { node: number }) {
  const reasons = useAppState((s) => s.reasons.get(node) ?? EMPTY);
  const [all, setAll] = useState(false);
  if (reasons.length === 0) return <p className="muted small">No decisions yet. Reasons appear here as the node votes, rejects, steps down or truncates.</p>;
  const newest = [...reasons].reverse();
  const shown = all ? newest : newest.slice(0, FIRST);
  return (
    <div className="why">
      <h3>Why it acted</h3>
      <ol className="why-list">
        {shown.map((r, i) => (
          <li key={`${r.at}-${i}`} className={`why-${r.kind}`}><time>{formatAt(r.at)}</time><span>{r.text}</span></li>
        ))}
      </ol>
      {newest.length > FIRST && (
        <button type="button" className="btn-link small" aria-expanded={all} onClick={() => setAll(!all)}>
          {all ? 'Show the newest 3' : `Show all ${newest.length}`}
        </button>
      )}
    </div>
  );
});
