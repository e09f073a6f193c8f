import { useEffect } from 'react';
import { useAppState, usePageApp } from '../app/context';
import { commandForKey, keyBelongsToTarget } from '../commands/keyboard';
import { ClusterStage } from './cluster/ClusterStage';
import { Header } from './header/Header';
import { LogPanel } from './log/LogPanel';
import { selectPastAt } from '../store/time-slice';
import { SidePanels } from './SidePanels';

/** The page: controls and the run's time on top (Header), the cluster large, logs below it, details and history at the side. */
export function App() {
  const app = usePageApp();
  useKeyboardShortcuts();
  if (!app.cluster) return <ClusterOff />;
  return <ClusterPage />;
}

function ClusterPage() {
  // Rewound on the live engine, the panels show a kept state; what is drawn frame by frame from
  // the live cluster (message dots, timer rings) is hidden meanwhile (app.css, .is-rewound).
  const rewound = useAppState((s) => s.viewing.kind === 'rewind');
  const past = useAppState((s) => selectPastAt(s) !== null);
  return (
    <div className={`app ${past ? 'is-past' : ''} ${rewound ? 'is-rewound' : ''}`}>
      <Header />
      <main className="layout">
        <ClusterStage />
        <LogPanel />
        <SidePanels />
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

/** Space, S, +, −, digits, C, R, T, I, ?, Esc: see the legend. */
function useKeyboardShortcuts(): void {
  const { commands, store } = usePageApp();
  useEffect(() => {
    if (!commands) return;
    const onKey = (event: KeyboardEvent): void => {
      if (keyBelongsToTarget(event.target, event.key)) return;
      const binding = commandForKey(event, store.getState());
      if (!binding) return;
      event.preventDefault();
      void binding.command.perform(commands, binding.arg);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [commands, store]);
}
