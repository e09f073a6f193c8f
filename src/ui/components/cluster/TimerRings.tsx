import { memo, useCallback, useEffect, useRef } from 'react';
import { useAppState, usePageApp } from '../../app/context';
import type { Point } from '../../model/layout';
import { displayRole, newestTerm } from '../../model/roles';
import { termColor } from '../../model/terms';
import { RING } from './NodeGlyph';
import { drawRings } from './timer-rings';

/**
 * Every node's election timer as a ring around it: React renders the rings (colour by role and
 * term), the frame loop drains them from each node's timer times.
 */
export const TimerRings = memo(function TimerRings({ positions }: { positions: readonly Point[] }) {
  const { loop, cluster } = usePageApp();
  const nodes = useAppState((s) => s.nodes);
  const rings = useRef(new Map<number, SVGCircleElement>());
  const register = useCallback((node: number, ring: SVGCircleElement | null) => {
    if (ring) rings.current.set(node, ring);
    else rings.current.delete(node);
  }, []);
  useEffect(() => {
    loop.wake();
    return loop.add((frame) => {
      drawRings(rings.current, cluster!.getState().nodes, frame.now);
      return frame.running;
    });
  }, [loop, cluster]);
  const term = newestTerm(nodes);
  return (
    <g className="rings" aria-hidden="true">
      {nodes.map((view) => {
        const p = positions[view.id];
        if (!p) return null;
        return (
          <g key={view.id} className={`node-ring role-${displayRole(view, term)}`}
            style={{ transform: `translate(${p.x}px, ${p.y}px)`, ['--term' as string]: termColor(view.term) }}>
            <circle className="ring-track" r={RING} />
            <circle className="ring" r={RING} pathLength={1} ref={(el) => register(view.id, el)} transform="rotate(-90)" />
          </g>
        );
      })}
    </g>
  );
});
