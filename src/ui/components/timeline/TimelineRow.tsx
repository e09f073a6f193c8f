import { memo } from 'react';
import { formatAt, type TimelineEvent } from '../../model/timeline';
import { termColor } from '../../model/terms';
import { RichText } from '../common/UserText';

/** Rows that happen often (each vote, each rejection, commits): one quiet line; their rule on selection. */
const MINOR: ReadonlySet<string> = new Set(['vote', 'reject', 'commit']);
/** Rows whose dot takes the term's colour (the others are coloured by what happened). */
const TERM_DOT: ReadonlySet<string> = new Set(['leader', 'commit', 'snapshot', 'stepdown']);

/**
 * One event; selecting it highlights its nodes in the picture and shows the rule behind it. Titles
 * may embed a user's key or value (isolated by src/ui/model/kv-format.ts): RichText puts each in <bdi>.
 */
export const TimelineRow = memo(function TimelineRow({ event, selected, onSelect }: { event: TimelineEvent; selected: boolean; onSelect: (e: TimelineEvent) => void }) {
  return (
    <li className={`tl-row kind-${event.kind} ${MINOR.has(event.kind) ? 'minor' : ''} ${selected ? 'selected' : ''}`}>
      <button className="tl-button" aria-pressed={selected} onClick={() => onSelect(event)}>
        <span className="tl-dot" style={event.term && TERM_DOT.has(event.kind) ? { background: termColor(event.term) } : undefined} aria-hidden="true" />
        <time className="tl-time">{formatAt(event.at)}</time>
        <span className="tl-title"><RichText text={event.title} /></span>
      </button>
      {event.why && (selected || !MINOR.has(event.kind)) && <p className={selected ? 'tl-why open' : 'tl-why'}><RichText text={event.why} /></p>}
    </li>
  );
});
