import { scaleLinear } from 'd3-scale';
import { memo } from 'react';

/**
 * The "Run time" slider's axis: d3-scale picks round ticks over [from, to] (virtual ms) and React
 * places them as percentages of the track, so the axis stretches with the slider.
 */
export const RunAxis = memo(function RunAxis({ from, to }: { from: number; to: number }) {
  const x = scaleLinear().domain([from / 1000, Math.max(to, from + 1) / 1000]).range([0, 100]);
  const ticks = x.ticks(8);
  const label = x.tickFormat(8);
  return (
    <div className="run-axis" aria-hidden="true">
      {ticks.map((t) => (
        <span key={t} className="run-tick" style={{ left: `${x(t)}%` }}>{label(t)} s</span>
      ))}
    </div>
  );
});
