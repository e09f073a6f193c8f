import { lazy, memo, Suspense } from 'react';
import { useAppState } from '../../app/context';
import { NetworkBar } from '../network/NetworkBar';
import { ClusterSvg } from './ClusterSvg';
import { MiniLegend } from './MiniLegend';
import { RecoveringBanner } from './RecoveringBanner';
import { StatusBanner } from './StatusBanner';

// Out of the first picture's JavaScript (issue 12: at most 100 KB): a violation's banner is fetched
// just after the first render, before anything can be violated in view; the standby banner only by a
// tab that does not run the cluster.
const ViolationBanner = lazy(() => import('./ViolationBanner').then((m) => ({ default: m.ViolationBanner })));
const StandbyBanner = lazy(() => import('./StandbyBanner').then((m) => ({ default: m.StandbyBanner })));

/** The cluster, large: headline, picture, violation (if any) and the network controls under it. */
/** How to start breaking things, until the user has done something. */
const StageHint = memo(function StageHint() {
  const acted = useAppState((s) => s.selection !== null || s.timeline.some((row) => row.kind === 'user'));
  if (acted) return null;
  return <p className="stage-hint" aria-hidden="true">Click a node to crash, restart or isolate it.<br />Click a line to cut a link.<br /><kbd>Space</kbd> pauses · <kbd>?</kbd> legend</p>;
});

export const ClusterStage = memo(function ClusterStage() {
  // While another tab runs the cluster (or its shape cannot be run), its picture here would show
  // nodes that are not running in this tab: say why instead.
  const parked = useAppState((s) => s.standby !== null);
  if (parked) {
    return (
      <section className="card stage" aria-label="Cluster">
        <Suspense fallback={<p className="muted">This tab does not run the cluster…</p>}><StandbyBanner /></Suspense>
      </section>
    );
  }
  return (
    <section className="card stage" aria-label="Cluster">
      <StatusBanner />
      <div className="stage-canvas">
        <ClusterSvg />
        <StageHint />
        <MiniLegend />
      </div>
      <RecoveringBanner />
      <Suspense fallback={null}><ViolationBanner /></Suspense>
      <NetworkBar />
    </section>
  );
});
