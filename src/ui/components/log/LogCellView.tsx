import { memo } from 'react';
import { useStorageName } from '../../app/context';
import type { LogCell } from '../../model/log-grid';
import { termColor } from '../../model/terms';
import { isolate } from '../../model/user-text';

export interface LogCellProps {
  readonly cell: LogCell;
  /** The node's commit index is this cell (a bar at its right edge). */
  readonly commitEdge: boolean;
  readonly highlight: boolean;
  /** The leader's nextIndex / matchIndex for this node point here. */
  readonly next: boolean;
  readonly match: boolean;
  /** Chosen for the entry card below the grid (issue 12: why it waits, one click away). */
  readonly picked: boolean;
  /** The one cell of its row reached with Tab (the arrow keys move between cells). */
  readonly tabStop: boolean;
}

/** One log entry: its term's colour, term and command; hover for everything about it. */
export const LogCellView = memo(function LogCellView({ cell, commitEdge, highlight, next, match, picked, tabStop }: LogCellProps) {
  const storage = useStorageName();
  const classes = ['log-cell', `cell-${cell.kind}`];
  if (cell.kind === 'entry') {
    if (!cell.committed) classes.push('pending');
    if (!cell.durable) classes.push('memory');
    if (cell.conflict) classes.push('conflict');
    if (cell.noop) classes.push('noop');
  }
  if (cell.replaced) classes.push('replaced');
  if (cell.applied) classes.push('applied');
  if (commitEdge) classes.push('commit-edge');
  if (highlight) classes.push('hl');
  if (picked) classes.push('picked');
  // One element and one text node per cell ("t2", a line break, the command; the first line is
  // styled as the term): under load every cell changes at each render, and fewer layout objects
  // keep that within a frame. Markers are drawn from data attributes by CSS. The command holds
  // user text: isolated and escaped in the text node itself (FSI … PDI, the plain-text <bdi>).
  // A button: its entry card (LogPanel) says what the tooltip says, and why it waits, on a click or Enter.
  const description = describe(cell, storage);
  return (
    <button type="button" className={classes.join(' ')} style={cell.term ? { ['--term' as string]: termColor(cell.term) } : undefined} title={description}
      aria-label={description.replace(/\n/g, ', ')} aria-pressed={picked} tabIndex={tabStop ? 0 : -1}
      data-index={cell.index} data-term={cell.term || undefined} data-marker={match ? 'm' : next ? 'n' : undefined}>
      {cell.term > 0 ? `t${cell.term}\n${cell.noop ? 'no-op' : isolate(shortCommand(cell.command))}` : cell.kind === 'stored' ? 'disk' : cell.kind === 'unknown' ? '…' : ''}
    </button>
  );
}, sameCell);

/** Cells are rebuilt on every report; re-render only if what they show changed. */
function sameCell(a: LogCellProps, b: LogCellProps): boolean {
  const x = a.cell;
  const y = b.cell;
  return x.index === y.index && x.kind === y.kind && x.term === y.term && x.command === y.command && x.noop === y.noop && x.committed === y.committed
    && x.applied === y.applied && x.durable === y.durable && x.conflict === y.conflict && x.replaced === y.replaced && x.pendingWhy === y.pendingWhy
    && a.commitEdge === b.commitEdge && a.highlight === b.highlight && a.next === b.next && a.match === b.match
    && a.picked === b.picked && a.tabStop === b.tabStop;
}

/** "put x=1" → "x=1", "get x" → "get x". */
function shortCommand(command: string): string {
  return command.startsWith('put ') ? command.slice(4) : command;
}

export function describe(cell: LogCell, storage: string): string {
  const lines: string[] = [`index ${cell.index}`];
  if (cell.kind === 'entry') {
    lines.push(cell.noop ? `no-op (term ${cell.term}): a new leader's empty entry (§8), never applied to the state machine` : `term ${cell.term}`)
    lines.push(...(cell.noop ? [] : [isolate(cell.command)]), cell.committed ? 'committed' : 'not committed yet', cell.applied ? 'applied' : 'not applied', cell.durable ? `in ${storage}` : 'only in memory');
    if (cell.conflict) lines.push('differs from the leader\'s entry here: it will be replaced (§5.3)');
    else if (cell.pendingWhy) lines.push(`waits: ${cell.pendingWhy}`);
  } else if (cell.kind === 'stored') {
    if (cell.term > 0) lines.push(cell.noop ? `no-op (term ${cell.term})` : `term ${cell.term}`, ...(cell.noop ? [] : [isolate(cell.command)]));
    lines.push(`in ${storage} (the node is down: this is what it will restart from)`);
  }
  else if (cell.kind === 'empty') lines.push('empty');
  else if (cell.kind === 'unknown') lines.push('older than the last entries the node reports: read from the node while the page shows the present');
  if (cell.replaced) lines.push(`${cell.replaced.removed ? 'removed' : 'replaced'}: held term ${cell.replaced.was.term} ${cell.replaced.was.kind === 'noop' ? 'no-op' : isolate(cell.replaced.was.command)}`);
  return lines.join('\n');
}
