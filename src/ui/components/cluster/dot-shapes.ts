import type { DotKind } from '../../model/flights';

/** Message shapes (SVG path data around 0,0): requests are bigger than their replies. */
const diamond = (r: number): string => `M0 ${-r}L${r} 0 0 ${r}${-r} 0Z`;
const circle = (r: number): string => `M${-r} 0a${r} ${r} 0 1 0 ${2 * r} 0a${r} ${r} 0 1 0 ${-2 * r} 0`;
const box = (w: number, h: number, r = 2.5): string =>
  `M${-w / 2 + r} ${-h / 2}h${w - 2 * r}a${r} ${r} 0 0 1 ${r} ${r}v${h - 2 * r}a${r} ${r} 0 0 1 ${-r} ${r}h${-(w - 2 * r)}a${r} ${r} 0 0 1 ${-r} ${-r}v${-(h - 2 * r)}a${r} ${r} 0 0 1 ${r} ${-r}z`;

export const DOT_SHAPES: Record<DotKind, string> = {
  'vote-request': diamond(9),
  'vote-granted': diamond(8),
  'vote-rejected': diamond(8),
  'prevote-request': diamond(9),
  'prevote-granted': diamond(8),
  'prevote-rejected': diamond(8),
  'timeout-now': box(16, 14),
  append: box(16, 14),
  heartbeat: circle(5),
  'append-ok': circle(6),
  'append-rejected': circle(6),
  snapshot: box(20, 15, 3),
  'snapshot-reply': circle(5.5),
  unknown: circle(4),
};

export const DOT_LABELS: Record<DotKind, string> = {
  'vote-request': 'RequestVote',
  'vote-granted': 'vote granted',
  'vote-rejected': 'vote refused',
  'prevote-request': 'pre-vote request (PreVote, thesis §9.6: no term changes)',
  'prevote-granted': 'pre-vote granted',
  'prevote-rejected': 'pre-vote refused',
  'timeout-now': 'TimeoutNow (leadership transfer, thesis §3.10)',
  append: 'AppendEntries with entries (how many)',
  heartbeat: 'heartbeat (empty AppendEntries)',
  'append-ok': 'append accepted',
  'append-rejected': 'append rejected (log mismatch)',
  snapshot: 'InstallSnapshot',
  'snapshot-reply': 'snapshot installed',
  unknown: 'unreadable message',
};

/** The glyph printed on a dot. */
export function dotText(kind: DotKind, entries: number): string {
  switch (kind) {
    case 'vote-granted': case 'append-ok': case 'prevote-granted': return '✓';
    case 'vote-rejected': case 'append-rejected': case 'prevote-rejected': return '✕';
    case 'prevote-request': return 'P';
    case 'timeout-now': return 'T';
    case 'append': return entries > 99 ? '99+' : String(entries);
    case 'snapshot': return 'S';
    default: return '';
  }
}
