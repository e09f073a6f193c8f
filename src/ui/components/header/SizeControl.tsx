import { memo } from 'react';
import { useAppState, useRun } from '../../app/context';
import { setSize } from '../../commands/cluster';

const SIZES = [3, 5, 7] as const;

/** 3, 5 or 7 nodes: a new, empty cluster of that size. */
export const SizeControl = memo(function SizeControl() {
  const size = useAppState((s) => s.nodes.length);
  const run = useRun(setSize);
  return (
    <div className="segmented" role="group" aria-label="Cluster size">
      {SIZES.map((n) => (
        <button key={n} className={n === size ? 'seg active' : 'seg'} aria-pressed={n === size} aria-label={`${n} nodes`}
          title={`Start a new cluster of ${n} nodes`} onClick={() => run(n)}>{n}</button>
      ))}
      <span className="seg-caption" aria-hidden="true">nodes</span>
    </div>
  );
});
