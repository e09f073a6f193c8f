import { memo } from 'react';
import { useAppState } from '../../app/context';
import { StandbyBannerLater, ViolationBannerLater } from '../common/lazy-panels';
import { NetworkBar } from '../network/NetworkBar';
import { ClusterSvg } from './ClusterSvg';
import { MiniLegend } from './MiniLegend';
import { RecoveringBanner } from './RecoveringBanner';
import { StatusBanner } from './StatusBanner';

/** How to start breaking things, until the user has done something. */
const StageHint = memo(function StageHint() {
  const acted = useAppState((s) => s.selection !== null || s.timeline.some((row) => row.kind === 'user'));
  if (acted) return null;
  return <p className="stage-hint" aria-hidden="true">Click a node to crash, restart or isolate it.<br />Click a line to cut a link.<br /><kbd>Space</kbd> pauses · <kbd>?</kbd> legend</p>;
});

/** The cluster, large: headline, picture, violation (if any) and the network controls under it. */
export const ClusterStage = memo(function ClusterStage() {
  // While another tab runs the cluster (or its shape cannot be run), its picture here would show
  // nodes that are not running in this tab: say why instead.
  const parked = useAppState((s) => s.standby !== null);
  if (parked) {
    return (
      <section className="card stage" aria-label="Cluster">
        <StandbyBannerLater />
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
      <ViolationBannerLater />
      <NetworkBar />
    </section>
  );
});
