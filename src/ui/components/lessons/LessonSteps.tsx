import { memo } from 'react';
import type { Lesson } from '../../../lessons/format';
import type { LessonProgress } from '../../../lessons/progress';
import type { PageApp } from '../../app/boot';
import { clipText } from '../../model/user-text';
import { UserText } from '../common/UserText';
import { useLesson } from './use-lesson';

/** One lesson's current step: where it stands, what to read, what to do, and the moves (Show me, Next, Start over). */
export const LessonSteps = memo(function LessonSteps({ app, lesson, saved }: { app: PageApp; lesson: Lesson; saved: LessonProgress | null }) {
  const { state, showMe, next, startOver } = useLesson(app, lesson, saved);
  const step = lesson.steps[state.step]!;
  const last = state.step + 1 >= lesson.steps.length;
  const idle = state.ready && !state.busy;
  return (
    <>
      <div className="lesson-head">
        <h2 className="lesson-title"><UserText text={lesson.title} /></h2>
        <span className="lesson-count" data-testid="lesson-step">{state.ready ? `Step ${state.step + 1} of ${lesson.steps.length}` : 'Opening…'}</span>
      </div>
      {/* The step's text at once; its task and moves once the cluster stands at the step (ready). */}
      <div className="lesson-body">
        {step.narration.split(/\n\s*\n/).map((paragraph, i) => <p key={i} className="lesson-narration"><UserText text={paragraph} /></p>)}
        {step.checkpoint && (
          <p className={`lesson-task ${state.met ? 'met' : ''}`}>
            <span role="status" data-testid="lesson-checkpoint">{!state.ready ? 'Setting up the cluster for: ' : state.met ? 'Done: ' : 'Your turn: '}</span>
            <UserText text={step.task ?? ''} />
          </p>
        )}
      </div>
      {state.error && <p role="alert" className="lesson-error">That did not work: <UserText text={clipText(state.error, 300)} /></p>}
      {state.done && last && state.met && <p role="status" className="lesson-finished">Lesson finished.</p>}
      <div className="lesson-actions">
        {step.checkpoint && <button className="btn" disabled={!idle || state.met} onClick={() => void showMe()}>Show me</button>}
        <button className="btn primary" disabled={!idle || !state.met || (last && state.done)} onClick={() => void next()}>
          {last ? 'Finish lesson' : 'Next step'}
        </button>
        <button className="btn" disabled={!state.ready || state.busy} onClick={() => void startOver()}>Start over</button>
      </div>
    </>
  );
});
