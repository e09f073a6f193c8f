import type { NodeView } from '../../../runtime';

/**
 * What is left of a node's election timer, 0–1: the ring drains from armed to deadline and refills
 * whenever the timer is re-armed (a heartbeat, a vote granted). A leader and a stopped node have
 * none (null).
 */
export function timerFraction(view: NodeView, now: number): number | null {
  const { electionDeadline, electionSetAt } = view.timer;
  if (view.status !== 'running' || !Number.isFinite(electionDeadline)) return null;
  const span = electionDeadline - electionSetAt;
  if (span <= 0) return 0;
  const left = (electionDeadline - now) / span;
  return left < 0 ? 0 : left > 1 ? 1 : left;
}

/** Set each ring's visible arc for this frame (rings use pathLength = 1). */
export function drawRings(rings: ReadonlyMap<number, SVGCircleElement>, nodes: readonly NodeView[], now: number): void {
  for (const view of nodes) {
    const ring = rings.get(view.id);
    if (!ring) continue;
    const fraction = timerFraction(view, now);
    const offset = fraction === null ? '1' : (1 - fraction).toFixed(4);
    if (ring.style.strokeDashoffset !== offset) ring.style.strokeDashoffset = offset;
  }
}
