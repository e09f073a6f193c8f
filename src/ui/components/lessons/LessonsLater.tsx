import { lazy, Suspense } from 'react';
import { lazyNow } from '../common/lazy-now';
import { lessonParam } from './lesson-param';

/**
 * The lessons' menu and panel, loaded on demand (React.lazy). The stubs live here, in the header's
 * chunk, not in common/lazy-panels.tsx: that module is in the page's entry, where each lazy import
 * would add its chunks' names to the entry's preload list (the initial JavaScript must not grow).
 */
const LazyLessonsMenu = lazy(() => import('./LessonsMenu').then((m) => ({ default: m.LessonsMenu })));
const LessonPanelNow = lazyNow(() => import('./LessonPanel').then((m) => m.LessonPanel));
// A page opened on a lesson has had its panel on the way since it started (main.tsx, preloadLesson).
if (lessonParam() !== null) void LessonPanelNow.preload();

export const LessonsMenuLater = () => <Suspense fallback={null}><LazyLessonsMenu /></Suspense>;
/** Only when the URL names a lesson (?lesson=<id>). */
export const LessonPanelLater = () => (lessonParam() === null ? null : <Suspense fallback={null}><LessonPanelNow /></Suspense>);
