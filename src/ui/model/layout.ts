import type { NodeId } from '../../raft/types';

/**
 * Where nodes sit in the cluster picture (SVG user units). The picture is at least STAGE_HEIGHT
 * units tall and as wide as its box allows; on a large screen it gains units rather than zooming,
 * so nodes keep a readable size and the cluster spreads out. Without a partition they
 * stand on an ellipse, node 0 at the top, clockwise; with one, each side of the partition gets its
 * own column, so who can talk to whom reads at a glance.
 */
export interface Point {
  readonly x: number;
  readonly y: number;
}

export const STAGE_HEIGHT = 440;
export const MIN_STAGE_WIDTH = 560;
/** Pixels per unit at most: beyond it the picture grows instead of zooming. */
const MAX_SCALE = 1.15;
export const NODE_RADIUS = 38;
/** A node with its ring, crown and captions reaches this far above and below its centre. */
const NODE_EXTENT = 72;

export interface ClusterLayout {
  readonly width: number;
  readonly height: number;
  readonly positions: readonly Point[];
  /** x of each line between partition sides. */
  readonly dividers: readonly number[];
}

/** The picture's size in units for a box of this many pixels. */
export function stageSize(pixelWidth: number, pixelHeight: number): { width: number; height: number } {
  if (!(pixelWidth > 0 && pixelHeight > 0)) return { width: 800, height: STAGE_HEIGHT };
  const scale = Math.min(MAX_SCALE, pixelHeight / STAGE_HEIGHT);
  return { width: Math.max(MIN_STAGE_WIDTH, Math.round(pixelWidth / scale)), height: Math.round(pixelHeight / scale) };
}

/** `count` points on an ellipse around `center`, the first at the top. */
export function onEllipse(count: number, center: Point, rx: number, ry: number, startDeg = -90): Point[] {
  if (count === 1) return [center];
  return Array.from({ length: count }, (_, i) => {
    const angle = ((startDeg + (360 * i) / count) * Math.PI) / 180;
    return { x: center.x + rx * Math.cos(angle), y: center.y + ry * Math.sin(angle) };
  });
}

export function clusterLayout(size: number, group: readonly number[] | null, width = 800, height = STAGE_HEIGHT): ClusterLayout {
  const ry = Math.min(height / 2 - NODE_EXTENT, 70 + 30 * size);
  const center = { x: width / 2, y: height / 2 };
  if (!group || new Set(group).size <= 1) {
    const rx = Math.min(width / 2 - NODE_EXTENT, ry * (size <= 3 ? 1.25 : 1.5));
    return { width, height, positions: onEllipse(size, center, rx, ry, size === 4 ? -135 : -90), dividers: [] };
  }
  const sides = [...new Set(group)].sort((a, b) => a - b);
  const column = width / sides.length;
  const positions: Point[] = new Array<Point>(size);
  sides.forEach((side, c) => {
    const members: NodeId[] = group.flatMap((g, node) => (g === side ? [node] : []));
    const middle = { x: column * (c + 0.5), y: center.y };
    const r = members.length <= 1 ? 0 : Math.min(column / 2 - NODE_EXTENT, ry * (members.length <= 2 ? 0.8 : 1));
    onEllipse(members.length, middle, Math.max(0, r), members.length === 2 ? ry * 0.8 : ry)
      .forEach((point, i) => { positions[members[i]!] = point; });
  });
  return { width, height, positions, dividers: sides.slice(1).map((_, i) => column * (i + 1)) };
}

/** The segment between two node centres, cut back so it starts and ends at their rims. */
export function rimToRim(a: Point, b: Point, inset = NODE_RADIUS + 6): { from: Point; to: Point } {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const length = Math.hypot(dx, dy) || 1;
  const ux = dx / length;
  const uy = dy / length;
  return { from: { x: a.x + ux * inset, y: a.y + uy * inset }, to: { x: b.x - ux * inset, y: b.y - uy * inset } };
}
