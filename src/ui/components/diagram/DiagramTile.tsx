import { scaleLinear } from 'd3-scale';
import { memo } from 'react';
import type { LaneMark, LoggedMessage, MessageLog } from '../../model/message-log';
import { formatAt } from '../../model/timeline';
import { GUTTER_PX, TILE_PX, arrowEnd, describeArrow, laneX, tileMs, yOf, TINT, type Layout } from './geometry';

/**
 * One band of the diagram (TILE_PX tall): the arrows sent in it, the marks on its lanes and its
 * time labels. Bands away from the view are not in the DOM; a band re-renders only when the log,
 * the layout or the selection changes, never as the view scrolls.
 */
export const DiagramTile = memo(function DiagramTile({ log, layout, index, selected }: {
  log: MessageLog; layout: Layout; index: number; selected: string | null;
  /** The log's version: a new one redraws the band. */
  version: number;
}) {
  const span = tileMs(layout);
  const from = index * span;
  const to = from + span;
  const messages = log.window(from, to).filter((m) => m.sentAt >= from && m.sentAt < to);
  return (
    <g className="dg-tile">
      <TileAxis layout={layout} from={from} to={to} />
      {messages.map((m) => <Arrow key={m.key} m={m} fate={m.fate} endAt={m.endAt} layout={layout} selected={m.key === selected} />)}
      {log.marksIn(from, to - 1e-9).map((mark, i) => <Mark key={`${mark.node}-${mark.at}-${mark.kind}-${i}`} mark={mark} layout={layout} />)}
    </g>
  );
});

/** Round times down the gutter (d3-scale picks them). */
function TileAxis({ layout, from, to }: { layout: Layout; from: number; to: number }) {
  const y = scaleLinear().domain([from, to]).range([yOf(layout, from), yOf(layout, to)]);
  const ticks = y.ticks(Math.max(2, Math.round(TILE_PX / 90))).filter((t) => t < to);
  return (
    <g className="dg-axis" aria-hidden="true">
      {ticks.map((t) => (
        <g key={t}>
          <line className="dg-tick" x1={GUTTER_PX - 6} x2={layout.width} y1={y(t)} y2={y(t)} />
          <text className="dg-tick-label" x={GUTTER_PX - 8} y={y(t) + 3}>{formatAt(t)}</text>
        </g>
      ))}
    </g>
  );
}

/** A message: an arrow from its send to its arrival, a cross where it was lost, dashed while in flight. */
export const Arrow = memo(function Arrow({ m, layout, selected }: {
  m: LoggedMessage; layout: Layout; selected: boolean;
  /** The record is updated in place when the message arrives or is lost: these props tell memo it changed. */
  fate: LoggedMessage['fate']; endAt: number | null;
}) {
  const x1 = laneX(layout, m.from);
  const y1 = yOf(layout, m.sentAt);
  const end = arrowEnd(layout, m);
  const tint = TINT[m.kind];
  return (
    <g className={`dg-msg t-${tint} ${m.fate}${selected ? ' selected' : ''}`} role="button" tabIndex={selected ? 0 : -1}
      aria-pressed={selected} aria-label={describeArrow(m)} data-key={m.key} data-at={m.sentAt}>
      <line className="dg-hit" x1={x1} y1={y1} x2={end.x} y2={end.y} />
      <line className="dg-line" x1={x1} y1={y1} x2={end.x} y2={end.y} markerEnd={m.fate === 'dropped' ? undefined : `url(#dg-head-${tint})`} />
      {m.fate === 'dropped' && <path className="dg-cross" d={`M${end.x - 4},${end.y - 4}L${end.x + 4},${end.y + 4}M${end.x - 4},${end.y + 4}L${end.x + 4},${end.y - 4}`} />}
    </g>
  );
});

/** A role change, a commit, a crash or a restart on a node's lane. */
function Mark({ mark, layout }: { mark: LaneMark; layout: Layout }) {
  const x = laneX(layout, mark.node);
  const y = yOf(layout, mark.at);
  const label = `${formatAt(mark.at)}: ${markTitle(mark)}`;
  return (
    <g className={`dg-mark m-${mark.kind}`} role="img" aria-label={label}>
      <title>{label}</title>
      {markShape(mark.kind, x, y)}
    </g>
  );
}

function markShape(kind: LaneMark['kind'], x: number, y: number) {
  switch (kind) {
    case 'leader': return <rect x={x - 5} y={y - 5} width={10} height={10} rx={2} />;
    case 'candidate': case 'precandidate': return <circle cx={x} cy={y} r={5} />;
    case 'follower': return <circle cx={x} cy={y} r={3.5} />;
    case 'commit': return <line x1={x - 7} x2={x + 7} y1={y} y2={y} />;
    case 'crashed': return <path d={`M${x - 6},${y - 6}L${x + 6},${y + 6}M${x - 6},${y + 6}L${x + 6},${y - 6}`} />;
    case 'restarted': return <path d={`M${x - 5},${y + 4}L${x + 5},${y + 4}L${x},${y - 5}Z`} />;
  }
}

function markTitle(mark: LaneMark): string {
  switch (mark.kind) {
    case 'leader': return `node ${mark.node} becomes leader of term ${mark.term}`;
    case 'candidate': return `node ${mark.node} becomes candidate in term ${mark.term}`;
    case 'precandidate': return `node ${mark.node} starts a pre-vote for term ${mark.term}`;
    case 'follower': return `node ${mark.node} becomes follower in term ${mark.term}`;
    case 'commit': return `node ${mark.node} commits through ${mark.index}`;
    case 'crashed': case 'restarted': return mark.text;
  }
}
