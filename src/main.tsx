// First: it asks for the simulated engine, when the page runs it, before the panels' chunks are asked for.
import './ui/app/engine-first';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { bootPage } from './ui/app/boot';
import { AppContext } from './ui/app/context';
import { App } from './ui/components/App';
import './ui/styles/tokens.css';
import './ui/styles/app.css';

// The cluster starts once per page load, outside React (StrictMode runs effects twice), and by
// itself: no click is needed to see a leader.
void bootPage().then((app) => {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <AppContext.Provider value={app}>
        <App />
      </AppContext.Provider>
    </StrictMode>,
  );
});
