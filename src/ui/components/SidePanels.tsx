import { memo } from 'react';
import { useMediaQuery } from './common/use-media-query';
import { Inspector } from './inspector/Inspector';
import { KvPanelLater, StoragePanelLater } from './common/lazy-panels';
import { DiagramLater } from './diagram/DiagramLater';
import { PanelTabs } from './common/PanelTabs';
import { Timeline } from './timeline/Timeline';

/** At 1600 px and wider every panel has room of its own; narrower, the lower ones share tabs. */
export const SidePanels = memo(function SidePanels() {
  const wide = useMediaQuery('(min-width: 1600px)');
  if (wide) {
    return (
      <>
        <div className="side side-a">
          <Inspector />
          <section className="card panel grow" aria-label="Client"><KvPanelLater /></section>
        </div>
        <div className="side side-b">
          <section className="card panel grow" aria-label="Timeline"><Timeline /></section>
          <section className="card panel" aria-label="Storage"><StoragePanelLater /></section>
          <section className="card panel grow" aria-label="Diagram"><DiagramLater /></section>
        </div>
      </>
    );
  }
  return (
    <div className="side side-a">
      <Inspector />
      <PanelTabs />
    </div>
  );
});
