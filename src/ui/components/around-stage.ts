/**
 * The page around the cluster stage, as one chunk that App.tsx loads after the entry: the header's
 * controls, the logs, the side panels (guide, node inspector, timeline, client and storage tabs)
 * and the keyboard shortcuts. None of it is needed to start the workers or to draw the cluster and
 * its leader.
 */
export { Header } from './header/Header';
export { KeyboardShortcuts } from './KeyboardShortcuts';
export { LogPanel } from './log/LogPanel';
export { SidePanels } from './SidePanels';
