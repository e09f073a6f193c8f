import { memo, useEffect, useState } from 'react';
import { useAppState, useRun } from '../../app/context';
import { MAX_DELAY_MS, MAX_DUPLICATE_PERCENT, MAX_LOSS_PERCENT } from '../../app/defaults';
import { setDelay, setDuplication, setLoss } from '../../commands/network';

/**
 * A slider's value while the user moves it (null: untouched, show the cluster's), applied once it
 * rests for a moment — one timeline row per change, not one per pixel.
 */
function useSettled<T>(apply: (value: T) => void): [T | null, (value: T) => void] {
  const [value, setValue] = useState<T | null>(null);
  useEffect(() => {
    if (value === null) return;
    const timer = setTimeout(() => { apply(value); setValue(null); }, 250);
    return () => clearTimeout(timer);
  }, [value, apply]);
  return [value, setValue];
}

/** Delay is one slider: the range is [d, 1.5 d], jitter enough to reorder messages now and then. */
export function delayRange(d: number): [number, number] {
  return [d, Math.round(d * 1.5)];
}

export const LossSlider = memo(function LossSlider() {
  const current = useAppState((s) => s.network?.requests.lossPercent ?? 0);
  const [moving, setMoving] = useSettled(useRun(setLoss));
  const value = moving ?? current;
  return (
    <label className="slider" title="Share of messages lost on every link">
      <span>Loss</span>
      <input type="range" min={0} max={MAX_LOSS_PERCENT} step={5} value={value} aria-label="Message loss"
        aria-valuetext={`${value}%`} onChange={(e) => setMoving(Number(e.target.value))} />
      <output>{value}%</output>
    </label>
  );
});

export const DuplicationSlider = memo(function DuplicationSlider() {
  const current = useAppState((s) => s.network?.requests.duplicatePercent ?? 0);
  const [moving, setMoving] = useSettled(useRun(setDuplication));
  const value = moving ?? current;
  return (
    <label className="slider" title="Share of messages delivered twice on every link (the copy with its own delay); both engines duplicate">
      <span>Duplicates</span>
      <input type="range" min={0} max={MAX_DUPLICATE_PERCENT} step={5} value={value} aria-label="Message duplication"
        aria-valuetext={`${value}%`} onChange={(e) => setMoving(Number(e.target.value))} />
      <output>{value}%</output>
    </label>
  );
});

export const DelaySlider = memo(function DelaySlider() {
  const min = useAppState((s) => s.network?.requests.delayMinMs ?? 0);
  const max = useAppState((s) => s.network?.requests.delayMaxMs ?? 0);
  const run = useRun(setDelay);
  const [moving, setMoving] = useSettled<number>((d) => run(delayRange(d)));
  const [low, high] = moving === null ? [min, max] : delayRange(moving);
  return (
    <label className="slider" title="How long a message travels, in cluster time">
      <span>Delay</span>
      <input type="range" min={0} max={MAX_DELAY_MS} step={10} value={low} aria-label="Message delay"
        aria-valuetext={`${low} to ${high} ms`} onChange={(e) => setMoving(Number(e.target.value))} />
      <output>{low}–{high} ms</output>
    </label>
  );
});
