import { memo, startTransition, useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type MouseEvent, type RefObject } from 'react';
import { usePageApp, useAppState } from '../../app/context';
import type { MessageLog } from '../../model/message-log';
import { formatAt } from '../../model/timeline';
import { Arrow, DiagramTile } from './DiagramTile';
import { Lanes } from './Lanes';
import { TINT_NAMES, atOf, tileMs, yOf, type Layout } from './geometry';
import { seekRun, shownAt } from './time-link';
import { useTimeLine } from './use-time-line';

/**
 * The scrolling picture: lanes, the bands of arrows near the view (virtualised: 5,000 messages
 * scroll without 5,000 arrows in the DOM), the timeline's selected event and the scrubber's
 * instant. A click on an arrow selects it; a click elsewhere shows the run at that instant.
 */
export const DiagramCanvas = memo(function DiagramCanvas({ log, layout, version, follow, selected, onSelect, svgRef, scrollRef }: {
  log: MessageLog; layout: Layout; version: number; follow: boolean; selected: string | null;
  onSelect: (key: string | null) => void;
  svgRef: RefObject<SVGSVGElement | null>; scrollRef: RefObject<HTMLDivElement | null>;
}) {
  const app = usePageApp();
  const span = tileMs(layout);
  // The picture reaches past both the last thing recorded and the instant shown (counted in bands: this changes rarely).
  const shownBand = useAppState((s) => Math.floor(shownAt(s) / span));
  const lastBand = Math.max(shownBand, Math.floor((log.span()?.to ?? 0) / span));
  const height = yOf(layout, (lastBand + 1) * span);
  const [bands, setBands] = useState<readonly [number, number]>([0, 1]);
  const measure = useCallback(() => {
    const box = scrollRef.current;
    if (!box) return;
    const first = Math.floor(atOf(layout, box.scrollTop) / span);
    const last = Math.floor(atOf(layout, box.scrollTop + box.clientHeight) / span);
    // A transition: React draws a new band in slices between frames, so a fast scroll does not stall
    // (the band beyond each edge is drawn ahead, so the view rarely waits for it).
    startTransition(() => setBands((was) => (was[0] === first && was[1] === last ? was : [first, last])));
  }, [layout, span, scrollRef]);
  useLayoutEffect(measure, [measure, height]);
  const timeLine = useRef<SVGGElement>(null);
  useTimeLine(app.store, timeLine, scrollRef, layout, follow);

  const highlightAt = useAppState((s) => s.highlight?.at ?? null);
  useEffect(() => {
    const box = scrollRef.current;
    if (highlightAt === null || !box) return;
    const y = yOf(layout, highlightAt);
    if (y < box.scrollTop || y > box.scrollTop + box.clientHeight) box.scrollTop = Math.max(0, y - box.clientHeight / 2);
  }, [highlightAt, layout, scrollRef]);

  const onClick = (event: MouseEvent<SVGSVGElement>): void => {
    const key = (event.target as Element).closest('[data-key]')?.getAttribute('data-key');
    if (key) {
      onSelect(key === selected ? null : key);
      return;
    }
    seekRun(app, atOf(layout, event.clientY - event.currentTarget.getBoundingClientRect().top));
  };
  // The diagram is one tab stop (two with an arrow selected: it keeps its own): inside it, → / ← step from
  // message to message in the order they were sent (↓ / ↑ too, once on a message), Enter or Space
  // selects, Escape goes back to the region. Hundreds of arrows were each a tab stop before.
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const arrow = (event.target as Element).closest<SVGGElement>('[data-key]');
    if (event.key === 'Enter' || event.key === ' ') {
      if (!arrow) return;
      event.preventDefault();
      const key = arrow.getAttribute('data-key')!;
      onSelect(key === selected ? null : key);
      return;
    }
    if (event.key === 'Escape' && arrow) {
      scrollRef.current?.focus();
      return;
    }
    const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[event.key];
    // On the region itself, ↓ and ↑ scroll it as usual.
    if (step === undefined || (!arrow && (event.key === 'ArrowDown' || event.key === 'ArrowUp'))) return;
    const box = scrollRef.current;
    const next = box && svgRef.current ? neighbourArrow(svgRef.current, arrow, step, atOf(layout, box.scrollTop)) : null;
    if (!next) return;
    event.preventDefault();
    next.focus();
  };
  // Arrows of long flights sent above the first band drawn still cross the view.
  const firstFrom = Math.max(0, bands[0] - 1) * span;
  const tiles: number[] = [];
  for (let i = Math.max(0, bands[0] - 1); i <= bands[1] + 1 && i <= lastBand; i++) tiles.push(i);
  return (
    <div className="dg-scroll" ref={scrollRef} onScroll={measure} onKeyDown={onKeyDown} tabIndex={0} role="region"
      aria-label="Space-time diagram: a lane per node, time going down; the right arrow key steps through its messages">
      <svg ref={svgRef} className="dg-svg" width={layout.width} height={height} onClick={onClick}>
        <ArrowHeads />
        <rect className="dg-bg" x={0} y={0} width={layout.width} height={height} />
        <Lanes log={log} layout={layout} height={height} version={version} />
        {tiles.map((i) => <DiagramTile key={i} log={log} layout={layout} index={i} version={version} selected={selected} />)}
        <LongFlights log={log} layout={layout} before={firstFrom} to={(bands[1] + 2) * span} version={version} selected={selected} />
        {highlightAt !== null && (
          <g className="dg-highlight" role="img" aria-label={`Timeline event at t = ${formatAt(highlightAt)}`} transform={`translate(0 ${yOf(layout, highlightAt)})`}>
            <rect className="dg-now-band" x={0} y={-3} width={layout.width} height={6} />
            <line x1={0} x2={layout.width} y1={0} y2={0} />
          </g>
        )}
        <g ref={timeLine} className="dg-now" role="img" aria-label="Current time">
          <rect className="dg-now-band" x={0} y={-3} width={layout.width} height={6} />
          <line x1={0} x2={layout.width} y1={0} y2={0} />
        </g>
      </svg>
    </div>
  );
});

/**
 * The message drawn after (`step` 1) or before (-1) `from` in the order of sending; from the region
 * itself (`from` null), the first sent at or after `viewAt`, the instant at the top of the view.
 */
function neighbourArrow(svg: SVGSVGElement, from: Element | null, step: number, viewAt: number): SVGGElement | null {
  const sentAt = (el: Element): number => Number(el.getAttribute('data-at'));
  const arrows = [...svg.querySelectorAll<SVGGElement>('[data-key]')].sort((a, b) => sentAt(a) - sentAt(b));
  if (!from) return arrows.find((el) => sentAt(el) >= viewAt) ?? arrows[arrows.length - 1] ?? null;
  return arrows[arrows.indexOf(from as SVGGElement) + step] ?? null;
}

/** Messages sent before the bands drawn and still in flight within them (a long partition delay). */
const LongFlights = memo(function LongFlights({ log, layout, before, to, selected }: {
  log: MessageLog; layout: Layout; before: number; to: number; selected: string | null;
  /** The log's version: a new one redraws them. */
  version: number;
}) {
  const long = log.window(before, to).filter((m) => m.sentAt < before);
  return <g className="dg-long">{long.map((m) => <Arrow key={m.key} m={m} fate={m.fate} endAt={m.endAt} layout={layout} selected={m.key === selected} />)}</g>;
});

/** One arrowhead per colour; `context-stroke` would need one, but exports must not depend on it. */
function ArrowHeads() {
  return (
    <defs>
      {[...TINT_NAMES.map(([tint]) => tint), 'lost' as const].map((tint) => (
        <marker key={tint} id={`dg-head-${tint}`} className={`dg-head t-${tint}`} viewBox="0 0 10 10" refX={9} refY={5} markerWidth={5} markerHeight={5} orient="auto-start-reverse">
          <path d="M0,0L10,5L0,10Z" />
        </marker>
      ))}
    </defs>
  );
}
