import { memo } from 'react';
import type { MessageLog } from '../../model/message-log';
import { laneX, yOf, type Layout } from './geometry';

/** A vertical line per node; dashed where the node was down (from its crash to its restart). */
export const Lanes = memo(function Lanes({ log, layout, height }: {
  log: MessageLog; layout: Layout; height: number;
  /** The log's version: a new one redraws the lanes. */
  version: number;
}) {
  return (
    <g className="dg-lanes">
      {layout.lanes.map((node) => {
        const x = laneX(layout, node);
        return (
          <g key={node} role="img" aria-label={`Lane of node ${node}`}>
            <line className="dg-lane" x1={x} x2={x} y1={0} y2={height} />
            {downSpans(log, node).map(([from, to]) => (
              <line key={from} className="dg-lane-down" x1={x} x2={x} y1={yOf(layout, from)} y2={to === null ? height : yOf(layout, to)} />
            ))}
          </g>
        );
      })}
    </g>
  );
});

/** When `node` was down: each crash to the restart after it (null: still down). */
function downSpans(log: MessageLog, node: number): [number, number | null][] {
  const spans: [number, number | null][] = [];
  for (const mark of log.marks) {
    if (mark.node !== node) continue;
    if (mark.kind === 'crashed') spans.push([mark.at, null]);
    else if (mark.kind === 'restarted' && spans.length > 0 && spans[spans.length - 1]![1] === null) spans[spans.length - 1]![1] = mark.at;
  }
  return spans;
}
