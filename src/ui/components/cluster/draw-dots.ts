import type { Dot } from '../../model/flights';
import { rimToRim, NODE_RADIUS, type Point } from '../../model/layout';
import { DOT_SHAPES, dotText } from './dot-shapes';

/** What each pooled dot element shows now, so a frame writes only what changed. */
export interface SlotState {
  shown: boolean;
  kind: string;
  text: string;
  lost: boolean;
}

/** A request and its reply travel on two lanes of the link, this far either side of its middle. */
const LANE_OFFSET = 5;
/** How far a lost message sinks as it fades. */
const LOST_SINK = 14;

/**
 * Place the pooled dot elements for this frame: one per message in flight, the rest hidden. Runs
 * inside the frame loop; writes attributes only (React rendered the elements and never touches
 * these attributes).
 */
export function drawDots(slots: readonly (SVGGElement | null)[], states: SlotState[], dots: readonly Dot[], positions: readonly Point[]): void {
  for (let i = 0; i < slots.length; i++) {
    const element = slots[i];
    if (!element) continue;
    const state = (states[i] ??= { shown: false, kind: '', text: '', lost: false });
    const dot = dots[i];
    const a = dot && positions[dot.flight.from];
    const b = dot && positions[dot.flight.to];
    if (!dot || !a || !b) {
      if (state.shown) { element.style.display = ''; state.shown = false; }
      continue;
    }
    const { from, to } = rimToRim(a, b, NODE_RADIUS + 8);
    const dx = to.x - from.x;
    const dy = to.y - from.y;
    const length = Math.hypot(dx, dy) || 1;
    // Perpendicular offset: the lane depends on direction, so a request and its reply never overlap.
    const lane = dot.flight.from < dot.flight.to ? LANE_OFFSET : -LANE_OFFSET;
    const x = from.x + dx * dot.progress - (dy / length) * lane;
    const y = from.y + dy * dot.progress + (dx / length) * lane + (dot.lost ? LOST_SINK * (1 - dot.opacity) : 0);
    element.setAttribute('transform', `translate(${x.toFixed(1)} ${y.toFixed(1)})`);
    if (!state.shown) { element.style.display = 'inline'; state.shown = true; }
    const kind = dot.flight.kind;
    if (state.kind !== kind) {
      element.setAttribute('data-kind', kind);
      element.children[0]!.setAttribute('d', DOT_SHAPES[kind]);
      state.kind = kind;
    }
    const text = dotText(kind, dot.flight.entries);
    if (state.text !== text) { element.children[1]!.textContent = text; state.text = text; }
    if (state.lost !== dot.lost) { element.classList.toggle('lost', dot.lost); state.lost = dot.lost; }
    element.style.opacity = dot.lost ? dot.opacity.toFixed(2) : '';
  }
}
