import { parseParams } from './params';
import { hasLinkedRun } from './run-link';

/**
 * Imported first by main.tsx, so this runs before any other module of the page is evaluated: a page
 * that will run the simulated engine (?engine=sim, a lab test, presenter mode, a run in the link)
 * requests the engine's module now, ahead of the panels' chunks, which App.tsx requests when it is
 * evaluated (the browser fetches a few at a time, in order). The engine's Worker is what the first
 * picture waits for; boot.ts's own import of the module then finds it on its way.
 */
const params = parseParams(window.location.search);
if (params.engine === 'sim' || params.lab || params.mode.kind === 'present' || hasLinkedRun(window.location.hash)) {
  void import('../../engine/sim-proxy');
}
