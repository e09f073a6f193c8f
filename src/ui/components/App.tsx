import { usePageApp, useAppState } from '../app/context';
import { ClusterStage } from './cluster/ClusterStage';
import { Later, useLater } from './common/later';
import { selectPastAt } from '../store/time-slice';

/**
 * Everything around the cluster stage (around-stage.ts: header, logs, side panels, keyboard
 * shortcuts) is not in the page's entry: its chunk is requested as soon as this module is
 * evaluated, before the engine starts, so it arrives while the workers start and is normally there
 * for the first render; until it is, the cluster is drawn alone.
 */
const aroundStage = new Later(() => import('./around-stage'));
aroundStage.prefetch();

/** The page: controls and the run's time on top (Header), the cluster large, logs below it, details and history at the side. */
export function App() {
  const app = usePageApp();
  if (!app.cluster) return <ClusterOff />;
  return <ClusterPage />;
}

function ClusterPage() {
  // Rewound on the live engine, the panels show a kept state; what is drawn frame by frame from
  // the live cluster (message dots, timer rings) is hidden meanwhile (app.css, .is-rewound).
  const rewound = useAppState((s) => s.viewing.kind === 'rewind');
  const past = useAppState((s) => selectPastAt(s) !== null);
  const around = useLater(aroundStage);
  return (
    <div className={`app ${past ? 'is-past' : ''} ${rewound ? 'is-rewound' : ''}`}>
      {around && <around.Header />}
      <main className="layout">
        <ClusterStage />
        {around && (
          <>
            <around.LogPanel />
            <around.SidePanels />
            <around.KeyboardShortcuts />
          </>
        )}
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
