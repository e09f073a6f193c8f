import { lazy, Suspense } from 'react';
import { usePageApp, useAppState } from '../app/context';
import { ClusterStage } from './cluster/ClusterStage';
import { lazyNow } from './common/lazy-now';
import { lessonParam, preloadLesson } from './lessons/lesson-param';
import { selectPastAt } from '../store/time-slice';

/**
 * Everything around the cluster stage (around-stage.ts: header, logs, side panels, keyboard
 * shortcuts) is not in the page's entry: its chunk is requested as soon as this module is
 * evaluated, before the engine starts, so it arrives while the workers start; the cluster is drawn
 * first, alone, and the rest a moment later (drawing everything in the first render put the leader
 * on screen ~250 ms later: bench ui).
 */
const aroundStage = import('./around-stage');
const Header = lazy(() => aroundStage.then((m) => ({ default: m.Header })));
const LogPanel = lazy(() => aroundStage.then((m) => ({ default: m.LogPanel })));
const SidePanels = lazy(() => aroundStage.then((m) => ({ default: m.SidePanels })));
const KeyboardShortcuts = lazy(() => aroundStage.then((m) => ({ default: m.KeyboardShortcuts })));
/**
 * A lesson's card (?lesson=<id>), outside the header's boundary: its chunk and the lesson's file are
 * requested as this module is evaluated, and lazyNow draws the card in the first render, not after
 * React's 300 ms hold on a revealed boundary (issue 12: the first step within 1 s).
 */
const LESSON = lessonParam();
const LessonPanel = lazyNow(() => import('./lessons/LessonPanel').then((m) => m.LessonPanel));
if (LESSON !== null) {
  void LessonPanel.preload();
  preloadLesson(LESSON);
}
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
      {LESSON !== null && <Suspense fallback={null}><LessonPanel /></Suspense>}
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
