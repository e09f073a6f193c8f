import { memo, type ReactNode } from 'react';
import { useAppState } from '../../app/context';
import type { PanelTab } from '../../store/prefs-slice';
import { DiagramLater } from '../diagram/DiagramLater';
import { KvPanelLater, StoragePanelLater } from './lazy-panels';
import { Timeline } from '../timeline/Timeline';

const TABS: readonly { id: PanelTab; label: string; render: () => ReactNode }[] = [
  { id: 'timeline', label: 'Timeline', render: () => <Timeline /> },
  { id: 'client', label: 'Client', render: () => <KvPanelLater /> },
  { id: 'storage', label: 'Storage', render: () => <StoragePanelLater /> },
  { id: 'diagram', label: 'Diagram', render: () => <DiagramLater /> },
];

/** Timeline, client and storage in one card, one at a time (narrow layouts). */
export const PanelTabs = memo(function PanelTabs() {
  const tab = useAppState((s) => s.tab);
  const setTab = useAppState((s) => s.setTab);
  const current = TABS.find((t) => t.id === tab) ?? TABS[0]!;
  return (
    <section className="card panel grow tabs-card">
      <div className="tabs" role="tablist" aria-label="Panels">
        {TABS.map((t) => (
          <button key={t.id} role="tab" id={`tab-${t.id}`} aria-selected={t.id === tab} aria-controls={`panel-${t.id}`}
            className={t.id === tab ? 'tab active' : 'tab'} onClick={() => setTab(t.id)}>{t.label}</button>
        ))}
      </div>
      <div className="tab-panel" role="tabpanel" id={`panel-${current.id}`} aria-labelledby={`tab-${current.id}`}>{current.render()}</div>
    </section>
  );
});
