import { memo, useState } from 'react';
import { LESSONS, lessonUrl, loadLesson } from '../../../lessons/catalog';
import { readProgress, type Progress } from '../../../lessons/progress';
import { clipText } from '../../model/user-text';
import { UserText } from '../common/UserText';
import { useMenu } from '../common/use-menu';
import '../../styles/lessons.css';

/**
 * "Lessons" (issue 12, item 2): the guided lessons, each with where the learner left it. Opening
 * one reopens the page on the simulated engine with the lesson's seed (its own address,
 * ?lesson=<id>), where the lesson panel takes over.
 */
export const LessonsMenu = memo(function LessonsMenu() {
  const { open, setOpen, ref, onKeyDown } = useMenu();
  const [error, setError] = useState<string | null>(null);
  const progress: Progress = open ? readProgress().progress : {};
  const openLesson = (id: string): void => {
    setError(null);
    loadLesson(id).then((lesson) => window.location.assign(lessonUrl(window.location.href, lesson)), (e: unknown) => setError((e as Error).message));
  };
  return (
    <div className="popover-anchor" ref={ref} onKeyDown={open ? onKeyDown : undefined}>
      <button className={`btn ${open ? 'active' : ''}`} aria-expanded={open} onClick={() => setOpen(!open)}
        title="Guided lessons: Raft step by step on a simulated cluster">
        <span>Lessons</span>
      </button>
      {open && (
        <div className="popover right lessons-menu" role="dialog" aria-label="Lessons">
          <p className="pop-intro">Each lesson plays Raft on a simulated cluster from a fixed seed: read a step, do what it asks (or let it show you), go on.</p>
          <ol className="lessons-list">
            {LESSONS.map((entry) => {
              const place = progress[entry.id];
              const where = place?.done ? 'finished' : place ? `at step ${place.step + 1}` : 'not started';
              return (
                <li key={entry.id}>
                  <button className="btn block" onClick={() => openLesson(entry.id)} aria-label={`Open lesson: ${entry.title} (${where})`}>
                    <span>{entry.title}</span> <span className="muted small">{where}</span>
                  </button>
                </li>
              );
            })}
          </ol>
          {error && <p role="alert" className="lesson-error"><UserText text={clipText(error, 300)} /></p>}
        </div>
      )}
    </div>
  );
});
