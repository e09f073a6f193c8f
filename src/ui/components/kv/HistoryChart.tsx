import { scaleLinear } from 'd3';
import { memo, useMemo } from 'react';
import { useAppState } from '../../app/context';
import type { ClientOp } from '../../kv/history';
import { describeCommand } from '../../model/kv-format';
import { LinearizabilityLine } from './LinearizabilityLine';

const SHOWN = 40;
const WIDTH = 360;
const LANE = 20;
const TOP = 6;
const LEFT = 22;

/**
 * The client history as intervals, one lane per client: a bar from call to return. Operations the
 * linearizability checker cannot place are marked.
 */
export const HistoryChart = memo(function HistoryChart() {
  const ops = useAppState((s) => s.ops);
  const status = useAppState((s) => s.linearizability);
  const bad = useMemo(() => new Set(status.state === 'done' ? status.result.badOperations : []), [status]);
  const shown = ops.slice(-SHOWN);
  if (shown.length === 0) return null;
  const clients = [...new Set(shown.map((op) => op.client))].sort();
  const start = Math.min(...shown.map((op) => op.call));
  const end = Math.max(performance.now(), ...shown.map((op) => op.return ?? op.call));
  const x = scaleLinear().domain([start, end]).range([LEFT, WIDTH - 4]);
  const height = TOP + clients.length * LANE + 16;
  return (
    <div className="history">
      <h3>History <span className="muted">(each bar: call → return)</span></h3>
      <svg viewBox={`0 0 ${WIDTH} ${height}`} className="history-svg" role="img" aria-label={`Client history: ${shown.length} operations by ${clients.length} client(s)`}>
        {clients.map((client, lane) => (
          <g key={client} transform={`translate(0 ${TOP + lane * LANE})`}>
            <text className="lane-name" x={4} y={LANE / 2} dy="0.35em">{client}</text>
            <line className="lane-line" x1={LEFT} x2={WIDTH - 4} y1={LANE / 2} y2={LANE / 2} />
            {shown.filter((op) => op.client === client).map((op) => <OpBar key={op.id} op={op} x={x} end={end} bad={bad.has(op.id)} />)}
          </g>
        ))}
        <text className="axis" x={LEFT} y={height - 3}>{`−${((end - start) / 1000).toFixed(1)} s`}</text>
        <text className="axis" x={WIDTH - 4} y={height - 3} textAnchor="end">now</text>
      </svg>
      <LinearizabilityLine />
    </div>
  );
});

function OpBar({ op, x, end, bad }: { op: ClientOp; x: (t: number) => number; end: number; bad: boolean }) {
  const x0 = x(op.call);
  const x1 = Math.max(x0 + 3, x(op.return ?? end));
  return (
    <g className={`op-bar status-${op.status} ${bad ? 'bad' : ''}`} data-op={op.id}>
      <title>{`${op.client}: ${describeCommand(op.command)} — ${op.status}${bad ? ' — not linearizable' : ''}`}</title>
      <rect x={x0} y={4} width={x1 - x0} height={LANE - 8} rx={3} />
      {bad && <text className="bad-mark" x={x1 + 2} y={LANE / 2} dy="0.35em">✕</text>}
    </g>
  );
}
