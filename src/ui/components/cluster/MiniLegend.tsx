import { memo } from 'react';
import type { DotKind } from '../../model/flights';
import { DOT_SHAPES, dotText } from './dot-shapes';

const ITEMS: readonly { kind: DotKind; label: string; entries?: number }[] = [
  { kind: 'vote-request', label: 'RequestVote' },
  { kind: 'prevote-request', label: 'pre-vote' },
  { kind: 'vote-granted', label: 'granted' },
  { kind: 'vote-rejected', label: 'refused' },
  { kind: 'heartbeat', label: 'heartbeat' },
  { kind: 'append', label: 'entries', entries: 2 },
  { kind: 'append-ok', label: 'ok' },
  { kind: 'snapshot', label: 'snapshot' },
];

/** The message shapes, always in view at the corner of the picture (the full legend is behind "Legend"). */
export const MiniLegend = memo(function MiniLegend() {
  return (
    <ul className="mini-legend" aria-label="Message shapes">
      {ITEMS.map(({ kind, label, entries }) => (
        <li key={kind}>
          <svg width="18" height="18" viewBox="-9 -9 18 18" aria-hidden="true">
            <g className="dot" data-kind={kind}><path d={DOT_SHAPES[kind]} /><text className="dot-text" dy="0.35em">{dotText(kind, entries ?? 0)}</text></g>
          </svg>
          {label}
        </li>
      ))}
      <li>
        <svg width="18" height="18" viewBox="-9 -9 18 18" aria-hidden="true"><g className="dot lost"><path d={DOT_SHAPES.heartbeat} /><path className="lost-x" d="M-4-4 4 4M4-4-4 4" /></g></svg>
        lost
      </li>
    </ul>
  );
});
