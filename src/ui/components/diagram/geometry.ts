import type { DotKind } from '../../model/flights';
import type { LoggedMessage } from '../../model/message-log';
import { formatAt } from '../../model/timeline';

/**
 * Where things go in the space-time diagram: a lane per node across, virtual time going down.
 * Pure arithmetic, shared by the picture and its export.
 */
export interface Layout {
  /** Pixels per virtual ms. */
  readonly scale: number;
  /** Node ids in lane order. */
  readonly lanes: readonly number[];
  readonly width: number;
}

/** Room on the left for the time labels, and above the first instant. */
export const GUTTER_PX = 52;
export const TOP_PX = 12;
const LANE_MARGIN_PX = 28;
/** The diagram is drawn in bands of this height; only those near the view are in the DOM. */
export const TILE_PX = 480;
/** Zoom levels, in pixels per virtual ms. */
export const SCALES = [0.05, 0.1, 0.2, 0.4, 0.8, 1.6] as const;
export const DEFAULT_SCALE_INDEX = 3;

export function laneX(layout: Layout, node: number): number {
  const i = Math.max(0, layout.lanes.indexOf(node));
  // Room either side of the outer lanes for their names ("Node 4" is centred on its lane).
  const room = layout.width - GUTTER_PX - 2 * LANE_MARGIN_PX;
  return GUTTER_PX + LANE_MARGIN_PX + (layout.lanes.length <= 1 ? room / 2 : (room * i) / (layout.lanes.length - 1));
}

export const yOf = (layout: Layout, at: number): number => TOP_PX + at * layout.scale;
export const atOf = (layout: Layout, y: number): number => Math.max(0, (y - TOP_PX) / layout.scale);
export const tileMs = (layout: Layout): number => TILE_PX / layout.scale;

/** Where a message's arrow ends: at the receiver when it arrived (or is due), part of the way when it was lost. */
export function arrowEnd(layout: Layout, m: LoggedMessage): { x: number; y: number } {
  const toX = laneX(layout, m.to);
  if (m.fate !== 'dropped' || m.endAt === null) return { x: toX, y: yOf(layout, m.endAt ?? m.deliverAt) };
  const flight = m.deliverAt - m.sentAt;
  // Lost as it was sent, it still goes some way, so the cross is seen off its sender's lane.
  const progress = flight > 0 ? Math.min(1, Math.max(0.4, (m.endAt - m.sentAt) / flight)) : 0.5;
  const fromX = laneX(layout, m.from);
  return { x: fromX + (toX - fromX) * progress, y: yOf(layout, Math.max(m.endAt, m.sentAt + flight * progress)) };
}

/** Kinds drawn in one colour (the message dots' colours: tokens.css --msg-*). */
export type Tint = 'vote' | 'ok' | 'reject' | 'append' | 'heartbeat' | 'snapshot' | 'lost';

export const TINT: Record<DotKind, Tint> = {
  'vote-request': 'vote', 'prevote-request': 'vote', 'timeout-now': 'vote',
  'vote-granted': 'ok', 'prevote-granted': 'ok', 'append-ok': 'ok',
  'vote-rejected': 'reject', 'prevote-rejected': 'reject', 'append-rejected': 'reject',
  append: 'append', heartbeat: 'heartbeat', snapshot: 'snapshot', 'snapshot-reply': 'snapshot', unknown: 'lost',
};

export const TINT_NAMES: readonly [Tint, string][] = [
  ['vote', 'vote request'], ['ok', 'granted / ok'], ['reject', 'rejected'], ['append', 'entries'],
  ['heartbeat', 'heartbeat'], ['snapshot', 'snapshot'],
];

/** The message as a sentence: its etcd-style line, then its fate. */
export function describeArrow(m: LoggedMessage): string {
  const line = m.line ?? `${m.from}->${m.to} ${m.type}${m.term === null ? '' : ` t${m.term}`}`;
  const fate = m.fate === 'delivered' ? `delivered at ${formatAt(m.endAt!)}`
    : m.fate === 'dropped' ? `lost at ${formatAt(m.endAt!)}${m.reason ? ` (${m.reason})` : ''}` : `in flight, due at ${formatAt(m.deliverAt)}`;
  return `${line}, sent at ${formatAt(m.sentAt)}, ${fate}`;
}
