import { memo, useState } from 'react';
import { useAppState, useRun } from '../../app/context';
import { partition } from '../../commands/network';
import { currentLeader, quorum } from '../../model/roles';
import { presets, sidesToGroups } from './partition-presets';

const SIDE_NAMES = ['A', 'B', 'C'] as const;

/** Choose who is cut off from whom: quick splits around the leader, or any grouping by hand. */
export const PartitionEditor = memo(function PartitionEditor() {
  const nodes = useAppState((s) => s.nodes);
  const group = useAppState((s) => s.network?.group ?? null);
  const setPopover = useAppState((s) => s.setPopover);
  const run = useRun(partition);
  const size = nodes.length;
  const [sides, setSides] = useState<number[]>(() => group?.slice() ?? Array.from({ length: size }, (_, i) => (i < quorum(size) ? 1 : 0)));
  const apply = (groups: number[][]) => { run(groups); setPopover(null); };
  const leader = currentLeader(nodes)?.id ?? null;
  return (
    <div className="partition-editor">
      <h3>Quick splits</h3>
      <div className="stack">
        {presets(size, leader).map((p) => (
          <button key={p.label} className="btn block" onClick={() => apply(p.groups)}>{p.label}</button>
        ))}
      </div>
      <h3>By hand</h3>
      <div className="sides" role="group" aria-label="Sides">
        {sides.map((side, node) => (
          <div key={node} className="side-row" role="radiogroup" aria-label={`Side of node ${node}`}>
            <span className="side-node">Node {node}</span>
            {SIDE_NAMES.map((name, s) => (
              <button key={name} role="radio" aria-checked={side === s} aria-label={`Node ${node} on side ${name}`}
                className={side === s ? 'seg active' : 'seg'} onClick={() => setSides(sides.map((v, i) => (i === node ? s : v)))}>{name}</button>
            ))}
          </div>
        ))}
      </div>
      <button className="btn primary block" onClick={() => apply(sidesToGroups(sides))} disabled={new Set(sides).size < 2}>Apply partition</button>
    </div>
  );
});
