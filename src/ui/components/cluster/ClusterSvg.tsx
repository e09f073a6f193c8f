import { memo, useCallback, useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { useAppState, usePageApp } from '../../app/context';
import { clusterLayout, stageSize, type Point } from '../../model/layout';
import { allLinks } from '../../model/links';
import { displayRole, newestTerm, quorum } from '../../model/roles';
import { LinkLine } from './LinkLine';
import { LinkPopover } from './LinkPopover';
import { MessageLayer } from './MessageLayer';
import { NodeGlyph } from './NodeGlyph';
import { drawRings } from './timer-rings';

/** The cluster picture: partition sides, links, messages in flight, nodes. React owns every element. */
export const ClusterSvg = memo(function ClusterSvg() {
  const size = useAppState((s) => s.nodes.length);
  const group = useAppState((s) => s.network?.group ?? null);
  const ref = useRef<SVGSVGElement>(null);
  const { width, height } = useStageSize(ref);
  const layout = useMemo(() => clusterLayout(size, group, width, height), [size, group, width, height]);
  return (
    <svg ref={ref} className="cluster-svg" viewBox={`0 0 ${width} ${height}`} role="group" aria-label={`Cluster of ${size} nodes`} preserveAspectRatio="xMidYMid meet">
      <Dividers xs={layout.dividers} height={height} />
      <Links positions={layout.positions} />
      <MessageLayer positions={layout.positions} />
      <Nodes positions={layout.positions} />
      <LinkPopover positions={layout.positions} width={width} height={height} />
    </svg>
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
  const { loop, cluster } = usePageApp();
  const nodes = useAppState((s) => s.nodes);
  const isolated = useAppState((s) => s.network?.isolated);
  const selected = useAppState((s) => (s.selection?.kind === 'node' ? s.selection.node : null));
  const highlight = useAppState((s) => s.highlight?.nodes);
  const select = useAppState((s) => s.select);
  const rings = useRef(new Map<number, SVGCircleElement>());
  const registerRing = useCallback((node: number, ring: SVGCircleElement | null) => {
    if (ring) rings.current.set(node, ring);
    else rings.current.delete(node);
  }, []);
  const onSelect = useCallback((node: number) => select(selected === node ? null : { kind: 'node', node }), [select, selected]);
  useEffect(() => loop.add((frame) => {
    drawRings(rings.current, cluster!.getState().nodes, frame.now);
    return frame.running;
  }), [loop, cluster]);
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
            registerRing={registerRing} onSelect={onSelect} />
        );
      })}
    </g>
  );
});
