import { memo, useState } from 'react';
import { useAppState } from '../../app/context';
import type { TimelineEvent, TimelineKind } from '../../model/timeline';
import { groupRepeats } from '../../model/timeline-groups';
import { selectPastAt } from '../../store/time-slice';
import { TimelineGroupRow } from './TimelineGroupRow';
import { TimelineRow } from './TimelineRow';

/** Lines shown at once (a folded group is one): the newest. The slice keeps TIMELINE_CAP; the DOM stays small. */
const SHOWN = 120;
const MINOR: ReadonlySet<TimelineKind> = new Set(['vote', 'reject', 'commit']);

/**
 * What happened, newest first: elections, leaders, commits, crashes, partitions, your own commands.
 * While the page shows a past moment, only what had happened by then.
 */
export const Timeline = memo(function Timeline() {
  const rows = useAppState((s) => s.timeline);
  const until = useAppState(selectPastAt);
  const highlight = useAppState((s) => s.highlight?.id ?? null);
  const setHighlight = useAppState((s) => s.setHighlight);
  const size = useAppState((s) => s.nodes.length);
  const [details, setDetails] = useState(true);
  const [open, setOpen] = useState<ReadonlySet<number>>(new Set());
  const items = groupRepeats(visible(rows, details, until), rows, size).slice(0, SHOWN);
  const toggle = (id: number) => setOpen((was) => {
    const next = new Set(was);
    if (!next.delete(id)) next.add(id);
    return next;
  });
  const onSelect = (event: TimelineEvent) => setHighlight(event.id === highlight ? null : event);
  return (
    <div className="timeline">
      <div className="panel-head">
        <h2 className="card-title">Timeline</h2>
        <label className="check small"><input type="checkbox" checked={details} onChange={(e) => setDetails(e.target.checked)} /> votes, rejections, commits</label>
      </div>
      {items.length === 0 ? <p className="muted small">Nothing yet. Elections, commits and your own actions appear here.</p> : (
        <ol className="timeline-list" aria-label="Events, newest first">
          {items.map((item) => item.kind === 'event'
            ? <TimelineRow key={item.event.id} event={item.event} selected={item.event.id === highlight} onSelect={onSelect} />
            : <TimelineGroupRow key={`g${item.group.id}`} group={item.group} open={open.has(item.group.id)} onToggle={toggle} highlight={highlight} onSelect={onSelect} />)}
        </ol>
      )}
    </div>
  );
});

/** The rows newest first, minor ones only with `details`, none after virtual instant `until` (null: no limit). */
export function visible(rows: readonly TimelineEvent[], details: boolean, until: number | null = null): TimelineEvent[] {
  const out: TimelineEvent[] = [];
  for (let i = rows.length - 1; i >= 0; i--) {
    const row = rows[i]!;
    if (until !== null && row.at > until) continue;
    if (details || !MINOR.has(row.kind)) out.push(row);
  }
  return out;
}
