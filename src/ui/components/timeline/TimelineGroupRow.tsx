import { memo } from 'react';
import { formatAt, type TimelineEvent } from '../../model/timeline';
import type { ElectionGroup } from '../../model/timeline-groups';
import { TimelineRow } from './TimelineRow';

export interface TimelineGroupRowProps {
  readonly group: ElectionGroup;
  readonly open: boolean;
  readonly onToggle: (id: number) => void;
  readonly highlight: number | null;
  readonly onSelect: (e: TimelineEvent) => void;
}

/** A run of failed elections as one line (issue 12, item 2); opened, its rows as the timeline shows them. */
export const TimelineGroupRow = memo(function TimelineGroupRow({ group, open, onToggle, highlight, onSelect }: TimelineGroupRowProps) {
  return (
    <li className="tl-row kind-election tl-group">
      <button className="tl-button" aria-expanded={open} onClick={() => onToggle(group.id)}>
        <span className="tl-dot" aria-hidden="true" />
        <time className="tl-time">{formatAt(group.at)}</time>
        <span className="tl-title">{group.title}<span className="tl-count"> ({open ? 'hide' : 'show'} {group.events.length} rows)</span></span>
      </button>
      {open && (
        <ol className="timeline-list tl-nested" aria-label={`The ${group.events.length} rows of these elections, newest first`}>
          {group.events.map((event) => <TimelineRow key={event.id} event={event} selected={event.id === highlight} onSelect={onSelect} />)}
        </ol>
      )}
    </li>
  );
});
