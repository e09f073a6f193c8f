import { memo, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { usePageApp, useAppState } from '../../app/context';
import { downloadBlob } from '../../app/run-io';
import { messageLogOf } from '../../app/wire-page';
import type { MessageLog } from '../../model/message-log';
import '../../styles/diagram.css';
import { DiagramCanvas } from './DiagramCanvas';
import { diagramSvg, svgToPng } from './export';
import { DEFAULT_SCALE_INDEX, SCALES, TINT_NAMES, atOf, laneX, yOf, type Layout } from './geometry';
import { MessageDetails } from './MessageDetails';
import { useLogVersion } from './use-log-version';

/**
 * The space-time diagram (issue 12, item 3), as ShiViz draws logs: a lane per node, time going
 * down, each message an arrow from its send to its arrival coloured by kind (a lost one ends in a
 * cross), role changes, commits and crashes marked on the lanes. Linked with the scrubber both ways.
 */
export function Diagram() {
  const { cluster } = usePageApp();
  const log = messageLogOf(cluster);
  if (!log) return <p className="muted small">No cluster runs on this page: there are no messages to draw.</p>;
  return <DiagramPanel log={log} />;
}

const DiagramPanel = memo(function DiagramPanel({ log }: { log: MessageLog }) {
  const lanesKey = useAppState((s) => s.nodes.map((v) => v.id).join(','));
  const [scaleIndex, setScaleIndex] = useState(DEFAULT_SCALE_INDEX);
  const [follow, setFollow] = useState(true);
  const [selected, setSelected] = useState<string | null>(null);
  const [width, setWidth] = useState(360);
  const version = useLogVersion(log);
  const svgRef = useRef<SVGSVGElement>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const layout: Layout = useMemo(() => ({
    scale: SCALES[scaleIndex]!, width, lanes: lanesKey === '' ? [] : lanesKey.split(',').map(Number),
  }), [scaleIndex, width, lanesKey]);
  useLayoutEffect(() => {
    const box = scrollRef.current;
    if (!box) return;
    const observer = new ResizeObserver(() => setWidth(Math.max(240, box.clientWidth)));
    observer.observe(box);
    return () => observer.disconnect();
  }, []);
  // Zooming keeps the instant at the middle of the view where it was.
  const zoom = (by: number): void => {
    const box = scrollRef.current;
    const next = Math.min(SCALES.length - 1, Math.max(0, scaleIndex + by));
    if (!box || next === scaleIndex) return;
    const middle = atOf(layout, box.scrollTop + box.clientHeight / 2);
    setScaleIndex(next);
    requestAnimationFrame(() => { box.scrollTop = yOf({ ...layout, scale: SCALES[next]! }, middle) - box.clientHeight / 2; });
  };
  const exportAs = async (format: 'svg' | 'png'): Promise<void> => {
    const svg = svgRef.current;
    const box = scrollRef.current;
    if (!svg || !box) return;
    const view = { top: box.scrollTop, height: Math.min(box.clientHeight, svg.height.baseVal.value) };
    const markup = diagramSvg(svg, layout, view);
    const blob = format === 'svg' ? new Blob([markup], { type: 'image/svg+xml' }) : await svgToPng(markup, layout.width, view.height);
    downloadBlob(blob, `raftlab-diagram.${format}`);
  };
  const message = selected === null ? undefined : log.get(selected);
  return (
    <div className="diagram">
      <div className="panel-head">
        <h2 className="card-title">Space-time diagram</h2>
        <span className="muted small" data-testid="diagram-count">{log.messages.length.toLocaleString('en-US')} messages</span>
      </div>
      <div className="dg-tools" role="group" aria-label="Diagram tools">
        <button className="btn small" onClick={() => zoom(-1)} disabled={scaleIndex === 0}>Zoom out</button>
        <button className="btn small" onClick={() => zoom(1)} disabled={scaleIndex === SCALES.length - 1}>Zoom in</button>
        <label className="check small"><input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} /> follow the current time</label>
        <button className="btn small" onClick={() => void exportAs('svg')}>Export SVG</button>
        <button className="btn small" onClick={() => void exportAs('png')}>Export PNG</button>
      </div>
      <ul className="dg-legend small" aria-label="Arrow colours">
        {TINT_NAMES.map(([tint, name]) => <li key={tint}><span className={`dg-swatch t-${tint}`} aria-hidden="true" />{name}</li>)}
        <li><span className="dg-swatch-cross" aria-hidden="true">×</span>lost</li>
      </ul>
      <div className="dg-lane-names" aria-hidden="true">
        {layout.lanes.map((node) => <span key={node} style={{ left: laneX(layout, node) }}>Node {node}</span>)}
      </div>
      <DiagramCanvas log={log} layout={layout} version={version} follow={follow} selected={selected} onSelect={setSelected} svgRef={svgRef} scrollRef={scrollRef} />
      {log.overflow > 0 && <p className="muted small">{log.overflow.toLocaleString('en-US')} message events were left out of busy stretches (the engine reports at most 400 per node at once): some arrows are missing.</p>}
      {message ? <MessageDetails log={log} message={message} version={version} />
        : <p className="muted small">Select an arrow to see its message and the rule it triggered; click elsewhere in the diagram to show the run at that instant.</p>}
    </div>
  );
});

export default Diagram;
