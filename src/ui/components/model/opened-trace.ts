import { useEffect, useState } from 'react';
import type { RunAction, RunFile } from '../../../engine/run';
import { MODEL_RUN_PREFIX, parseStepNote } from '../../../model/worker-protocol';
import { usePageApp } from '../../app/context';
import { hasLinkedRun } from '../../app/run-link';

/** A model checker's counterexample opened in the simulated engine: its title and each step, at its virtual ms, with its actions. */
export interface OpenedTrace {
  readonly title: string;
  readonly steps: readonly TraceStep[];
}

export interface TraceStep {
  readonly at: number;
  readonly text: string;
  /** What the step does to the cluster (explore choices, a proposal, a restart or a wipe), in order. */
  readonly actions: readonly RunAction[];
}

/**
 * The counterexample in a run, if it is one (src/model/to-run.ts wrote it: its first note names
 * what the model checker found, and a note before each step explains it); null for any other run.
 * A run is anyone's file: steps out of order or miscounted make it not a counterexample, not an error.
 */
export function traceOfRun(run: RunFile): OpenedTrace | null {
  const first = run.actions[0]?.action;
  if (first?.type !== 'note' || !first.text.startsWith(MODEL_RUN_PREFIX)) return null;
  const steps: { at: number; text: string; actions: RunAction[] }[] = [];
  let count = 0;
  for (const { at, action } of run.actions) {
    const note = action.type === 'note' ? parseStepNote(action.text) : null;
    if (!note) {
      if (action.type !== 'note') steps.at(-1)?.actions.push(action);
      continue;
    }
    count ||= note.of;
    if (note.step !== steps.length + 1 || note.of !== count) return null;
    steps.push({ at, text: note.text, actions: [] });
  }
  return steps.length > 0 && steps.length === count ? { title: first.text.slice(MODEL_RUN_PREFIX.length), steps } : null;
}

/** The counterexample this page opened (a `#run=` link on the simulated engine), once its run is read. */
export function useOpenedTrace(): OpenedTrace | null {
  const { engine, exportRun } = usePageApp();
  const [trace, setTrace] = useState<OpenedTrace | null>(null);
  useEffect(() => {
    if (engine !== 'sim' || !exportRun || !hasLinkedRun(window.location.hash)) return;
    let current = true;
    exportRun().then((run) => { if (current) setTrace(traceOfRun(run)); }, () => { /* no run to read: nothing to show */ });
    return () => { current = false; };
  }, [engine, exportRun]);
  return trace;
}
