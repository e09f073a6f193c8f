import { lazy, Suspense } from 'react';

/**
 * The lessons' menu, loaded on demand (React.lazy); the lesson's card is App.tsx's. The stub lives
 * here, in the header's chunk, not in common/lazy-panels.tsx: that module is in the page's entry,
 * where each lazy import would add its chunks' names to the entry's preload list.
 */
const LazyLessonsMenu = lazy(() => import('./LessonsMenu').then((m) => ({ default: m.LessonsMenu })));

export const LessonsMenuLater = () => <Suspense fallback={null}><LazyLessonsMenu /></Suspense>;
