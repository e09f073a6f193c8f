import { scaleLinear } from 'd3-scale';
import { memo, useMemo } from 'react';
import { useAppState } from '../../app/context';
import type { ClientOp } from '../../kv/history';
import { describeCommand } from '../../model/kv-format';
import { formatAt } from '../../model/timeline';
import type { OpTimes } from '../../model/viewing';
import { selectPastAt } from '../../store/time-slice';
import { useShownOps } from '../time/use-shown-ops';
import { LinearizabilityLine } from './LinearizabilityLine';

const SHOWN = 40;
const WIDTH = 360;
const LANE = 20;
const TOP = 6;
const LEFT = 22;

/** An operation's bar: from call to return (null: still pending at the chart's end). */
interface Span {
  readonly call: number;
  readonly return: number | null;
}

/**
 * The client history as intervals, one lane per client: a bar from call to return. Operations the
 * linearizability checker cannot place are marked. The axis is the cluster's virtual time, as the
 * timeline's (one clock on the page, issue 12 item 8), up to now or to the past moment the page shows,
 * with only what had happened by then.
 */
export const HistoryChart = memo(function HistoryChart() {
  const ops = useShownOps();
  const past = useAppState(selectPastAt);
  const liveAt = useAppState((s) => s.liveAt);
  const until = past ?? liveAt;
  const times = useAppState((s) => s.opTimes);
  const status = useAppState((s) => s.linearizability);
  const bad = useMemo(() => new Set(status.state === 'done' ? status.result.badOperations : []), [status]);
  const shown = ops.slice(-SHOWN);
  if (shown.length === 0) return null;
  const spans = new Map(shown.map((op) => [op.id, virtualSpan(op, times.get(op.id), until)]));
  const clients = [...new Set(shown.map((op) => op.client))].sort();
  const start = Math.min(...[...spans.values()].map((span) => span.call));
  const end = Math.max(until, ...[...spans.values()].map((span) => span.return ?? span.call));
  const x = scaleLinear().domain([start, Math.max(end, start + 1)]).range([LEFT, WIDTH - 4]);
  const height = TOP + clients.length * LANE + 16;
  return (
    <div className="history">
      <h3>History <span className="muted">(each bar: call → return)</span></h3>
      <svg viewBox={`0 0 ${WIDTH} ${height}`} className="history-svg" role="img" aria-label={`Client history: ${shown.length} operations by ${clients.length} client(s)`}>
        {clients.map((client, lane) => (
          <g key={client} transform={`translate(0 ${TOP + lane * LANE})`}>
            <text className="lane-name" x={4} y={LANE / 2} dy="0.35em">{client}</text>
            <line className="lane-line" x1={LEFT} x2={WIDTH - 4} y1={LANE / 2} y2={LANE / 2} />
            {shown.filter((op) => op.client === client).map((op) => <OpBar key={op.id} op={op} span={spans.get(op.id)!} x={x} end={end} bad={bad.has(op.id)} />)}
          </g>
        ))}
        <text className="axis" x={LEFT} y={height - 3}>{formatAt(start)}</text>
        <text className="axis" x={WIDTH - 4} y={height - 3} textAnchor="end">{past === null ? `${formatAt(end)} (now)` : formatAt(end)}</text>
      </svg>
      <LinearizabilityLine />
    </div>
  );
});

/** In virtual ms, as the store stamped it; an operation it has no stamp for is drawn at the moment shown. */
function virtualSpan(op: ClientOp, times: OpTimes | undefined, until: number): Span {
  return { call: times?.call ?? until, return: op.status === 'pending' ? null : times?.return ?? null };
}

function OpBar({ op, span, x, end, bad }: { op: ClientOp; span: Span; x: (t: number) => number; end: number; bad: boolean }) {
  const x0 = x(span.call);
  const x1 = Math.max(x0 + 3, x(span.return ?? end));
  return (
    <g className={`op-bar status-${op.status} ${bad ? 'bad' : ''}`} data-op={op.id}>
      <title>{`${op.client}: ${describeCommand(op.command)} — ${op.status}${bad ? ' — not linearizable' : ''}`}</title>
      <rect x={x0} y={4} width={x1 - x0} height={LANE - 8} rx={3} />
      {bad && <text className="bad-mark" x={x1 + 2} y={LANE / 2} dy="0.35em">✕</text>}
    </g>
  );
}
