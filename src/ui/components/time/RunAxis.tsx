import { scaleLinear } from 'd3-scale';
import { memo } from 'react';

/**
 * The "Run time" slider's axis: d3-scale picks round ticks over [from, to] (virtual ms) and React
 * places them as percentages of the track, so the axis stretches with the slider.
 */
export const RunAxis = memo(function RunAxis({ from, to }: { from: number; to: number }) {
  const x = scaleLinear().domain([from / 1000, Math.max(to, from + 1) / 1000]).range([0, 100]);
  // About four ticks, the unit on the last only: at 1280 px the track is ~270 px wide, and eight
  // labels with a unit each ran into one another.
  const ticks = x.ticks(4);
  const label = x.tickFormat(4);
  return (
    <div className="run-axis" aria-hidden="true">
      {ticks.map((t, i) => (
        <span key={t} className="run-tick" style={{ left: `${x(t)}%` }}>{label(t)}{i === ticks.length - 1 ? ' s' : ''}</span>
      ))}
    </div>
  );
});
