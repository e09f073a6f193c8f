import { useCallback, useEffect, useRef, useState } from 'react';
import type { Lesson } from '../../../lessons/format';
import { saveProgress, type LessonProgress } from '../../../lessons/progress';
import { LessonRunner } from '../../../lessons/runner';
import type { PageApp } from '../../app/boot';
import { pageTarget } from './page-target';

export interface LessonState {
  readonly ready: boolean;
  readonly step: number;
  readonly met: boolean;
  readonly busy: boolean;
  readonly done: boolean;
  readonly error: string | null;
}

/**
 * A lesson on the page: one LessonRunner on the page's engine, opened at the saved step, told of
 * every state the store receives (its checkpoint is a predicate over them), and the learner's
 * moves. The place is saved after every change, so a reload resumes there.
 */
export function useLesson(app: PageApp, lesson: Lesson, saved: LessonProgress | null) {
  const runner = useRef<LessonRunner | null>(null);
  // Where the lesson opens (the saved step, else the first): its text is shown while the cluster is
  // brought there, the moves wait until it stands there (ready).
  const start = saved && saved.step < lesson.steps.length ? saved : null;
  const [state, setState] = useState<LessonState>({ ready: false, step: start?.step ?? 0, met: false, busy: true, done: saved?.done ?? false, error: null });

  const publish = useCallback((fields: Partial<LessonState> = {}) => {
    const r = runner.current;
    if (!r) return;
    setState((before) => {
      const next = { ...before, step: r.stepIndex, met: r.met, ...fields };
      saveProgress(lesson.id, { step: next.step, met: next.met, done: next.done });
      return next;
    });
  }, [lesson.id]);

  // Each move runs alone (busy), and a failure is shown, not thrown.
  const move = useCallback(async (what: (r: LessonRunner) => Promise<void>, fields: Partial<LessonState> = {}) => {
    const r = runner.current;
    if (!r) return;
    setState((s) => ({ ...s, busy: true, error: null }));
    try {
      await what(r);
      publish({ busy: false, ...fields });
    } catch (error) {
      setState((s) => ({ ...s, busy: false, error: (error as Error).message }));
    }
  }, [publish]);

  useEffect(() => {
    const target = pageTarget(app);
    if (!target) {
      setState((s) => ({ ...s, busy: false, error: 'lessons run on the simulated engine' }));
      return;
    }
    const r = new LessonRunner(lesson, target);
    runner.current = r;
    void move((x) => x.open(start?.step ?? 0, start?.met ?? false), { ready: true });
    // Checkpoints are predicates over the page's state: ask at every state the store gets.
    return app.store.subscribe((s) => {
      if (r.observe({ nodes: s.nodes, network: s.network, config: s.config })) publish();
    });
    // Opened once per lesson; the saved place is read once, at the start.
  }, [app, lesson]);

  const last = state.step + 1 >= lesson.steps.length;
  return {
    state,
    showMe: () => move((r) => r.showMe()),
    next: () => (last ? Promise.resolve(publish({ done: true })) : move((r) => r.next())),
    startOver: () => move((r) => r.startOver(), { done: false }),
  };
}
