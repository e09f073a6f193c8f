import { memo, type ReactNode } from 'react';
import { formatAt } from '../../model/timeline';
import { RunAxis } from './RunAxis';

/** Arrow keys move the slider by this much virtual time. */
export const SLIDER_STEP_MS = 100;

/**
 * The "Run time" slider (a native range input: arrows, Home, End and Page keys work), with the time
 * it points at as text and an axis under it. Values are virtual ms.
 */
export const RunSlider = memo(function RunSlider({ from, to, value, onChange, disabled, detail }: {
  from: number; to: number; value: number; onChange: (virtualMs: number) => void; disabled?: boolean;
  /** A second line under the time (the simulated engine's event count). */
  detail?: ReactNode;
}) {
  const clamped = Math.min(Math.max(value, from), to);
  return (
    <div className="run-slider">
      <div className="run-track">
        <input
          type="range" aria-label="Run time" min={from} max={to} step={SLIDER_STEP_MS} value={clamped}
          aria-valuetext={`t = ${formatAt(clamped)}`} disabled={disabled}
          onChange={(event) => onChange(Number(event.target.value))}
        />
        <RunAxis from={from} to={to} />
      </div>
      <span className="run-readout">
        <span className="run-now" data-testid="run-time">t = {formatAt(clamped)}</span>
        {detail}
      </span>
    </div>
  );
});

/** The slider's last position stands for the end: a value within one step of `to` means `to`. */
export function snapToEnd(value: number, to: number): number {
  return to - value < SLIDER_STEP_MS ? to : value;
}
