import { lazy, Suspense } from 'react';
import { usePageApp, useAppState } from '../app/context';
import { ClusterStage } from './cluster/ClusterStage';
import { lazyNow } from './common/lazy-now';
import { selectPastAt } from '../store/time-slice';

/**
 * Everything around the cluster stage (around-stage.ts: header, logs, side panels, keyboard
 * shortcuts) is not in the page's entry: its chunk is requested as soon as this module is
 * evaluated, before the engine starts, so it arrives while the workers start and is normally there
 * for the first render (lazyNow then draws it at once); until it is, the cluster is drawn alone.
 */
const aroundStage = import('./around-stage');
const Header = lazyNow(() => aroundStage.then((m) => m.Header));
const LogPanel = lazyNow(() => aroundStage.then((m) => m.LogPanel));
const SidePanels = lazyNow(() => aroundStage.then((m) => m.SidePanels));
const KeyboardShortcuts = lazyNow(() => aroundStage.then((m) => m.KeyboardShortcuts));
for (const part of [Header, LogPanel, SidePanels, KeyboardShortcuts]) void part.preload();
// For slides and talks (?embed, ?present): loaded only when asked for.
const EmbedPage = lazy(() => import('./slides/EmbedPage').then((m) => ({ default: m.EmbedPage })));
const PresenterPage = lazy(() => import('./slides/PresenterPage').then((m) => ({ default: m.PresenterPage })));

/** The page: controls and the run's time on top (Header), the cluster large, logs below it, details and history at the side. */
export function App() {
  const app = usePageApp();
  if (!app.cluster) return <ClusterOff />;
  const mode = app.params.mode;
  if (mode.kind === 'embed') return <Suspense fallback={null}><EmbedPage panel={mode.panel} /></Suspense>;
  if (mode.kind === 'present') return <Suspense fallback={null}><PresenterPage /></Suspense>;
  return <ClusterPage />;
}

function ClusterPage() {
  // Rewound on the live engine, the panels show a kept state; what is drawn frame by frame from
  // the live cluster (message dots, timer rings) is hidden meanwhile (app.css, .is-rewound).
  const rewound = useAppState((s) => s.viewing.kind === 'rewind');
  const past = useAppState((s) => selectPastAt(s) !== null);
  return (
    <div className={`app ${past ? 'is-past' : ''} ${rewound ? 'is-rewound' : ''}`}>
      <Suspense fallback={null}><Header /></Suspense>
      <main className="layout">
        <ClusterStage />
        <Suspense fallback={null}>
          <LogPanel />
          <SidePanels />
          <KeyboardShortcuts />
        </Suspense>
      </main>
    </div>
  );
}

function ClusterOff() {
  return (
    <div className="app">
      <main className="cluster-off">
        <h1>Raftlab</h1>
        <p>The page's cluster is off (<code>?cluster=off</code>): lab scenarios run with <code>window.raftlabLab</code>.</p>
      </main>
    </div>
  );
}
