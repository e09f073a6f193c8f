import { requestEngine } from './boot';

/**
 * Imported first by main.tsx, so this runs before App.tsx is evaluated: a page that will run the
 * simulated engine requests the engine's module now, ahead of the panels' chunks, which App.tsx
 * requests when it is evaluated (the browser fetches a few at a time, in order). The engine's
 * Worker is what the first picture waits for. Which engine that is, boot.ts decides.
 */
requestEngine(window.location.search, window.location.hash);
