import { memo, useEffect, useState } from 'react';
import { lessonUrl, loadLesson } from '../../../lessons/catalog';
import type { Lesson } from '../../../lessons/format';
import { readProgress, type LessonProgress } from '../../../lessons/progress';
import { usePageApp } from '../../app/context';
import { clipText } from '../../model/user-text';
import { UserText } from '../common/UserText';
import { lessonParam } from './lesson-param';
import { LessonSteps } from './LessonSteps';
import '../../styles/lessons.css';

type Loaded =
  | { readonly kind: 'loading' }
  | { readonly kind: 'error'; readonly message: string }
  | { readonly kind: 'ready'; readonly lesson: Lesson; readonly saved: LessonProgress | null; readonly notice: string | null };

/**
 * The lesson the URL names (?lesson=<id>): loaded on demand and checked (a malformed lesson is
 * refused with what is wrong), and run on the cluster it asks for. A page built otherwise (another
 * engine, seed, size or profile) is reopened at the lesson's own address first.
 */
export const LessonPanel = memo(function LessonPanel() {
  const app = usePageApp();
  const id = lessonParam();
  const [loaded, setLoaded] = useState<Loaded>({ kind: 'loading' });
  useEffect(() => {
    if (id === null) return;
    let current = true;
    loadLesson(id).then((lesson) => {
      if (!current) return;
      if (app.engine !== 'sim' || app.seed !== lesson.seed || app.cluster?.size !== lesson.size || app.params.profile !== lesson.profile) {
        window.location.replace(lessonUrl(window.location.href, lesson));
        return;
      }
      const { progress, notice } = readProgress();
      setLoaded({ kind: 'ready', lesson, saved: progress[lesson.id] ?? null, notice });
    }, (error: unknown) => { if (current) setLoaded({ kind: 'error', message: (error as Error).message }); });
    return () => { current = false; };
  }, [app, id]);
  // The card sits over the logs: folded, it keeps only its title line, and the lesson goes on underneath.
  const [folded, setFolded] = useState(false);
  if (id === null) return null;
  return (
    <section className={`lesson-panel ${folded ? 'folded' : ''}`} aria-label="Lesson">
      <button className="btn lesson-fold" aria-expanded={!folded} onClick={() => setFolded(!folded)}
        title={folded ? 'Show the lesson card again' : 'Fold the card to its title line, to see what it covers'}>
        {folded ? 'Show lesson' : 'Hide lesson'}
      </button>
      {loaded.kind === 'loading' && <p className="muted">Opening the lesson…</p>}
      {loaded.kind === 'error' && (
        <p role="alert" className="lesson-error">This lesson cannot be opened: <UserText text={clipText(loaded.message, 400)} /></p>
      )}
      {loaded.kind === 'ready' && (
        <>
          {loaded.notice && <p role="status" className="lesson-notice">{loaded.notice}</p>}
          <LessonSteps app={app} lesson={loaded.lesson} saved={loaded.saved} />
        </>
      )}
    </section>
  );
});
