import { memo, useCallback, useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { useAppState } from '../../app/context';
import { clusterLayout, stageSize, type Point } from '../../model/layout';
import { allLinks } from '../../model/links';
import { displayRole, newestTerm, quorum } from '../../model/roles';
import { LinkLine } from './LinkLine';
import { LinkPopover } from './LinkPopover';
import { MessageLayer } from './MessageLayer';
import { NodeGlyph } from './NodeGlyph';
import { TimerRings } from './TimerRings';

/**
 * The cluster picture, in three stacked SVGs with one coordinate system: links at the bottom, the
 * motion layer (timer rings and message dots, which change every frame) in the middle, nodes on
 * top. Keeping what moves in a layer of its own means a frame repaints only that layer, not the
 * whole picture — what keeps the page at 60 fps without a GPU. React owns every element.
 */
export const ClusterSvg = memo(function ClusterSvg() {
  const size = useAppState((s) => s.nodes.length);
  const group = useAppState((s) => s.network?.group ?? null);
  const ref = useRef<SVGSVGElement>(null);
  const { width, height } = useStageSize(ref);
  const layout = useMemo(() => clusterLayout(size, group, width, height), [size, group, width, height]);
  const viewBox = `0 0 ${width} ${height}`;
  return (
    <>
      <svg ref={ref} className="cluster-svg" viewBox={viewBox} role="group" aria-label={`Cluster of ${size} nodes`} preserveAspectRatio="xMidYMid meet">
        <Dividers xs={layout.dividers} height={height} />
        <Links positions={layout.positions} />
      </svg>
      <svg className="cluster-svg motion-layer" viewBox={viewBox} aria-hidden="true" preserveAspectRatio="xMidYMid meet">
        <TimerRings positions={layout.positions} />
        <MessageLayer positions={layout.positions} />
      </svg>
      <svg className="cluster-svg node-layer" viewBox={viewBox} role="group" aria-label="Nodes" preserveAspectRatio="xMidYMid meet">
        <Nodes positions={layout.positions} />
        <LinkPopover positions={layout.positions} width={width} height={height} />
      </svg>
    </>
  );
});

/** The picture's size in units, following its box (see stageSize). */
function useStageSize(ref: RefObject<SVGSVGElement | null>): { width: number; height: number } {
  const [size, setSize] = useState(() => stageSize(0, 0));
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => {
      const box = entry?.contentRect;
      if (!box) return;
      const next = stageSize(box.width, box.height);
      setSize((old) => (old.width === next.width && old.height === next.height ? old : next));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return size;
}

function Dividers({ xs, height }: { xs: readonly number[]; height: number }) {
  return (
    <g className="dividers" aria-hidden="true">
      {xs.map((x) => (
        <g key={x}>
          <line x1={x} x2={x} y1={24} y2={height - 10} />
          <text x={x} y={16}>partition</text>
        </g>
      ))}
    </g>
  );
}

const Links = memo(function Links({ positions }: { positions: readonly Point[] }) {
  const network = useAppState((s) => s.network);
  const selection = useAppState((s) => s.selection);
  const select = useAppState((s) => s.select);
  const links = useMemo(() => (network ? allLinks(network) : []), [network]);
  const onSelect = useCallback((a: number, b: number) => {
    const same = selection?.kind === 'link' && selection.a === a && selection.b === b;
    select(same ? null : { kind: 'link', a, b });
  }, [selection, select]);
  return (
    <g className="links">
      {links.map((link) => {
        const a = positions[link.a];
        const b = positions[link.b];
        if (!a || !b) return null;
        const selected = selection?.kind === 'link' && selection.a === link.a && selection.b === link.b;
        return <LinkLine key={`${link.a}-${link.b}`} link={link} a={a} b={b} selected={selected} onSelect={onSelect} />;
      })}
    </g>
  );
});

const Nodes = memo(function Nodes({ positions }: { positions: readonly Point[] }) {
  const nodes = useAppState((s) => s.nodes);
  const isolated = useAppState((s) => s.network?.isolated);
  const selected = useAppState((s) => (s.selection?.kind === 'node' ? s.selection.node : null));
  const highlight = useAppState((s) => s.highlight?.nodes);
  const reasons = useAppState((s) => s.reasons);
  const select = useAppState((s) => s.select);
  const onSelect = useCallback((node: number) => select(selected === node ? null : { kind: 'node', node }), [select, selected]);
  const term = newestTerm(nodes);
  const majority = quorum(nodes.length);
  return (
    <g className="nodes">
      {nodes.map((view) => {
        const position = positions[view.id];
        if (!position) return null;
        return (
          <NodeGlyph key={view.id} view={view} role={displayRole(view, term)} position={position} quorum={majority}
            selected={selected === view.id} highlighted={highlight?.includes(view.id) ?? false} isolated={isolated?.[view.id] ?? false}
            reason={reasons.get(view.id)?.at(-1)?.text} onSelect={onSelect} />
        );
      })}
    </g>
  );
});
