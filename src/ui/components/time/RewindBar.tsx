import { memo } from 'react';
import { useAppState } from '../../app/context';
import { RunSlider, snapToEnd } from './RunSlider';

/**
 * Rewind on the live engine (issue 9, item 4): the workers cannot go back, so the page keeps the
 * states of the last few minutes (model/rewind-buffer.ts) and shows one of them while the cluster
 * runs on. Controls stay usable and act on the live cluster (the notice says so); the message dots
 * and timer rings, drawn frame by frame from the live cluster, are hidden meanwhile (app.css).
 */
export const RewindBar = memo(function RewindBar() {
  const range = useAppState((s) => s.rewindRange);
  const liveAt = useAppState((s) => s.liveAt);
  const viewing = useAppState((s) => s.viewing);
  const rewindTo = useAppState((s) => s.rewindTo);
  const backToLive = useAppState((s) => s.backToLive);
  const from = range?.from ?? liveAt;
  const rewound = viewing.kind === 'rewind';
  const onChange = (value: number): void => {
    if (snapToEnd(value, liveAt) === liveAt) backToLive();
    else rewindTo(value);
  };
  return (
    <div className={`time-bar ${rewound ? 'in-past' : ''}`} role="group" aria-label="Rewind">
      <RunSlider from={from} to={liveAt} value={rewound ? viewing.at : liveAt} onChange={onChange} disabled={range === null} />
      <button className="btn" onClick={backToLive} disabled={!rewound}>Back to live</button>
      <RewindStatus />
    </div>
  );
});

const RewindStatus = memo(function RewindStatus() {
  const shownAt = useAppState((s) => (s.viewing.kind === 'rewind' ? s.shownAt : null));
  const liveAt = useAppState((s) => s.liveAt);
  const text = shownAt === null ? 'Live. Drag “Run time” back to see the last 3 minutes again.'
    : `Rewind: a view of the past, ${((liveAt - shownAt) / 1000).toFixed(1)} s ago — the cluster keeps running. `
      + 'Controls act on the live cluster; message dots are hidden.';
  return <p className={`time-status ${shownAt === null ? '' : 'past'}`} data-testid="time-status">{text}</p>;
});
