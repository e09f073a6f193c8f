import { lazy, Suspense } from 'react';
import { lessonParam } from './lesson-param';

/**
 * The lessons' menu and panel, loaded on demand (React.lazy). The stubs live here, in the header's
 * chunk, not in common/lazy-panels.tsx: that module is in the page's entry, where each lazy import
 * would add its chunks' names to the entry's preload list (the initial JavaScript must not grow).
 */
const LazyLessonsMenu = lazy(() => import('./LessonsMenu').then((m) => ({ default: m.LessonsMenu })));
const LazyLessonPanel = lazy(() => import('./LessonPanel').then((m) => ({ default: m.LessonPanel })));

export const LessonsMenuLater = () => <Suspense fallback={null}><LazyLessonsMenu /></Suspense>;
/** Only when the URL names a lesson (?lesson=<id>). */
export const LessonPanelLater = () => (lessonParam() === null ? null : <Suspense fallback={null}><LazyLessonPanel /></Suspense>);
