import { memo } from 'react';
import { timeTravelOf } from '../../../engine/cluster';
import { usePageApp } from '../../app/context';
import { RewindBar } from './RewindBar';
import { TravelBar } from './TravelBar';

/** The "Run time" bar under the header: time travel where the engine can, rewind over what the page kept where it cannot. */
export const TimeBar = memo(function TimeBar() {
  const { cluster } = usePageApp();
  const travel = cluster ? timeTravelOf(cluster) : null;
  return travel ? <TravelBar travel={travel} /> : <RewindBar />;
});
