import { memo, useEffect, useRef } from 'react';
import { usePageApp } from '../../app/context';
import type { Point } from '../../model/layout';
import { drawDots, type SlotState } from './draw-dots';

/** At most this many messages are drawn at once (the rest still happen). */
export const DOT_POOL = 160;

/**
 * The messages in flight: a fixed pool of dot elements that the frame loop moves, from each
 * message's send and due times. React renders the pool once; no render per frame.
 */
export const MessageLayer = memo(function MessageLayer({ positions }: { positions: readonly Point[] }) {
  const { loop, flights } = usePageApp();
  const slots = useRef<(SVGGElement | null)[]>([]);
  const states = useRef<SlotState[]>([]);
  const where = useRef(positions);
  useEffect(() => {
    where.current = positions;
    loop.wake();
  }, [positions, loop]);
  useEffect(() => loop.add((frame) => {
    drawDots(slots.current, states.current, flights.frame(frame.now, frame.real, DOT_POOL), where.current);
    return (frame.running && flights.busy()) || flights.fading();
  }), [loop, flights]);
  return (
    <g className="messages" aria-hidden="true" data-testid="messages">
      {Array.from({ length: DOT_POOL }, (_, i) => (
        <g key={i} className="dot" ref={(el) => { slots.current[i] = el; }}>
          <path />
          <text className="dot-text" dy="0.35em" />
          <path className="lost-x" d="M-4-4 4 4M4-4-4 4" />
        </g>
      ))}
    </g>
  );
});
