import { lazy } from 'react';
import { Later } from '../common/lazy-panels';

/**
 * The space-time diagram (d3-scale, its own CSS), loaded when its tab or panel is shown. The stub
 * lives here, in the side panels' chunk, not in lazy-panels.tsx: that file is in the page's first
 * JavaScript, which must not grow.
 */
const LazyDiagram = lazy(() => import('./Diagram').then((m) => ({ default: m.Diagram })));

export const DiagramLater = () => <Later><LazyDiagram /></Later>;
