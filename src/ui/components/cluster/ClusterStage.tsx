import { memo } from 'react';
import { NetworkBar } from '../network/NetworkBar';
import { ClusterSvg } from './ClusterSvg';
import { StatusBanner } from './StatusBanner';
import { ViolationBanner } from './ViolationBanner';

/** The cluster, large: headline, picture, violation (if any) and the network controls under it. */
export const ClusterStage = memo(function ClusterStage() {
  return (
    <section className="card stage" aria-label="Cluster">
      <StatusBanner />
      <div className="stage-canvas">
        <ClusterSvg />
        <p className="stage-hint" aria-hidden="true">Click a node to crash, restart or isolate it · click a line to cut a link · <kbd>Space</kbd> pauses · <kbd>?</kbd> legend</p>
      </div>
      <ViolationBanner />
      <NetworkBar />
    </section>
  );
});
