import type { EmbedPanel } from '../../app/params';
import { ClusterStage } from '../cluster/ClusterStage';
import { KvPanelLater } from '../common/lazy-panels';
import { TimeControls } from '../header/TimeControls';
import { KeyboardShortcuts } from '../KeyboardShortcuts';
import { LogPanel } from '../log/LogPanel';
import { Timeline } from '../timeline/Timeline';

/**
 * `?embed[=log|timeline|client]` (issue 12, item 4): the cluster for an iframe in a slide or a
 * course page, as RaftScope is embedded in lectures — the picture with its network controls, at
 * most one panel, and a minimal bar: pause, step, speed, and the full page in a new tab.
 */
export function EmbedPage({ panel }: { panel: EmbedPanel }) {
  return (
    <main className="app embed">
      <div className="embed-bar" role="toolbar" aria-label="Embedded cluster">
        <TimeControls />
        <a className="btn" href={fullPage(window.location.href)} target="_blank" rel="noopener noreferrer">Open in Raftlab ↗</a>
      </div>
      <div className={`embed-layout with-${panel}`}>
        <ClusterStage />
        {panel === 'log' && <LogPanel />}
        {panel === 'timeline' && <section className="card panel" aria-label="Timeline"><Timeline /></section>}
        {panel === 'client' && <section className="card panel" aria-label="Client"><KvPanelLater /></section>}
      </div>
      <KeyboardShortcuts />
    </main>
  );
}

/** The same page without ?embed: the whole tool, same seed, engine and run. */
export function fullPage(href: string): string {
  const url = new URL(href);
  url.searchParams.delete('embed');
  return url.toString();
}
