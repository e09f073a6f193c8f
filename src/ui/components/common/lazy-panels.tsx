import { lazy, Suspense, type ReactNode } from 'react';

/**
 * Panels the first screen does not need are loaded after it (code splitting keeps the initial
 * JavaScript small: what shows the cluster and who leads comes first). Each renders a quiet
 * placeholder for the few milliseconds its chunk takes.
 */
const LazyKvPanel = lazy(() => import('../kv/KvPanel').then((m) => ({ default: m.KvPanel })));
const LazyStoragePanel = lazy(() => import('../inspector/StoragePanel').then((m) => ({ default: m.StoragePanel })));
const LazyLegend = lazy(() => import('./Legend').then((m) => ({ default: m.Legend })));
const LazyBugList = lazy(() => import('../header/BugList').then((m) => ({ default: m.BugList })));
const LazyPartitionEditor = lazy(() => import('../network/PartitionEditor').then((m) => ({ default: m.PartitionEditor })));
const LazyTimingEditor = lazy(() => import('../network/TimingEditor').then((m) => ({ default: m.TimingEditor })));
// The header's run row and chaos toggle: the autopilot, the fault chooser, the runs' I/O and d3-scale
// stay out of the first picture's JavaScript; each control shows up a moment after the cluster.
const LazyChaosToggle = lazy(() => import('../header/ChaosToggle').then((m) => ({ default: m.ChaosToggle })));
const LazyRunMenu = lazy(() => import('../header/RunMenu').then((m) => ({ default: m.RunMenu })));
const LazyLabMenu = lazy(() => import('../lab/LabMenu').then((m) => ({ default: m.LabMenu })));
const LazyTimeBar = lazy(() => import('../time/TimeBar').then((m) => ({ default: m.TimeBar })));
// Banners for rare moments: a violation's is fetched just after the first render, before anything
// can be violated in view; the standby banner only by a tab that does not run the cluster.
const LazyViolationBanner = lazy(() => import('../cluster/ViolationBanner').then((m) => ({ default: m.ViolationBanner })));
const LazyStandbyBanner = lazy(() => import('../cluster/StandbyBanner').then((m) => ({ default: m.StandbyBanner })));

export function Later({ children }: { children: ReactNode }) {
  return <Suspense fallback={<p className="muted small">Loading…</p>}>{children}</Suspense>;
}

export const KvPanelLater = () => <Later><LazyKvPanel /></Later>;
export const StoragePanelLater = () => <Later><LazyStoragePanel /></Later>;
export const LegendLater = () => <Later><LazyLegend /></Later>;
export const BugListLater = () => <Later><LazyBugList /></Later>;
export const PartitionEditorLater = () => <Later><LazyPartitionEditor /></Later>;
export const TimingEditorLater = () => <Later><LazyTimingEditor /></Later>;
export const ChaosToggleLater = () => <Suspense fallback={null}><LazyChaosToggle /></Suspense>;
export const RunMenuLater = () => <Suspense fallback={null}><LazyRunMenu /></Suspense>;
export const LabMenuLater = () => <Suspense fallback={null}><LazyLabMenu /></Suspense>;
export const TimeBarLater = () => <Suspense fallback={null}><LazyTimeBar /></Suspense>;
export const ViolationBannerLater = () => <Suspense fallback={null}><LazyViolationBanner /></Suspense>;
export const StandbyBannerLater = () => <Suspense fallback={<p className="muted">This tab does not run the cluster…</p>}><LazyStandbyBanner /></Suspense>;
