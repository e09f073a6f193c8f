import { describe, expect, it } from 'vitest';
import type { RunFile, TimedAction } from '../../../engine/run';
import { stepNote } from '../../../model/worker-protocol';
import { traceOfRun } from './opened-trace';

/** The page finds a counterexample's steps again in a run it opened (src/model/to-run.ts wrote them as notes). */
const note = (at: number, text: string): TimedAction => ({ at, step: at, action: { type: 'note', text } });
const deliver = (at: number): TimedAction => ({ at, step: at, action: { type: 'explore', choice: { type: 'deliver', id: `msg:${at}` } } });
const runOf = (actions: TimedAction[]): RunFile => ({ actions } as unknown as RunFile);

describe('a counterexample opened in the page', () => {
  it('reads its title and each step at its virtual ms', () => {
    const run = runOf([note(0, 'model checker: grantVoteWithoutUpToDate: Leader Completeness broken'), note(1, stepNote(1, 2, 'node 0: election timer fires')), deliver(1), note(2, stepNote(2, 2, 'deliver 0->1 RequestVote t1')), deliver(2)]);
    expect(traceOfRun(run)).toEqual({
      title: 'grantVoteWithoutUpToDate: Leader Completeness broken',
      steps: [
        { at: 1, text: 'node 0: election timer fires', actions: [deliver(1).action] },
        { at: 2, text: 'deliver 0->1 RequestVote t1', actions: [deliver(2).action] },
      ],
    });
  });

  it('is not one when the title note is missing, a step is missing, or the count is wrong', () => {
    expect(traceOfRun(runOf([note(1, stepNote(1, 1, 'a'))]))).toBeNull();
    const title = note(0, 'model checker: x');
    expect(traceOfRun(runOf([title, note(1, stepNote(2, 2, 'b'))]))).toBeNull();
    expect(traceOfRun(runOf([title, note(1, stepNote(1, 3, 'a')), note(2, stepNote(2, 3, 'b'))]))).toBeNull();
    expect(traceOfRun(runOf([title]))).toBeNull();
  });
});
