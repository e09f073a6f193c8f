import { useEffect, useRef, useState } from 'react';

/**
 * Adopt a new value `delayFrames` animation frames after it arrives. The log view's rows use it to
 * update one row per frame instead of all in one: under load every cell of every row changes at
 * each render, and laying out and painting all of them at once took longer than a frame.
 * The latest value always wins; a row is never starved by values arriving faster than its delay.
 */
export function useStaggered<T>(value: T, delayFrames: number): T {
  const [shown, setShown] = useState(value);
  const latest = useRef(value);
  const pending = useRef<number | null>(null);
  latest.current = value;
  useEffect(() => {
    if (pending.current !== null || Object.is(shown, value)) return;
    let left = delayFrames;
    const tick = (): void => {
      if (left-- > 0) {
        pending.current = requestAnimationFrame(tick);
        return;
      }
      pending.current = null;
      setShown(latest.current);
    };
    pending.current = requestAnimationFrame(tick);
  }, [value, shown, delayFrames]);
  useEffect(() => () => { if (pending.current !== null) cancelAnimationFrame(pending.current); }, []);
  return shown;
}
