import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { startApp } from './debug-page/app';
import { DebugPage } from './debug-page/DebugPage';
import './debug-page/styles.css';

// The cluster starts once per page load, outside React (StrictMode runs effects twice).
const app = startApp();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <DebugPage app={app} />
  </StrictMode>,
);
