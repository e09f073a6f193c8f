import { describe, expect, it } from 'vitest';
import { DEFAULT_BOUNDS } from './context';
import { boundsProblems, parseStepNote, stepNote } from './worker-protocol';

/** What the page and the model checker's worker agree on: which bounds may run, and how a step is noted in a run. */
describe('the model worker protocol', () => {
  it('accepts the default bounds and refuses each bound out of range, saying what is allowed', () => {
    expect(boundsProblems({ ...DEFAULT_BOUNDS })).toEqual([]);
    expect(boundsProblems({ ...DEFAULT_BOUNDS, nodes: 9, maxLog: 1.5, crashes: NaN })).toEqual([
      'Nodes must be a whole number from 2 to 5 (got 9)',
      'Longest log must be a whole number from 0 to 4 (got 1.5)',
      'Crashes must be a whole number from 0 to 3 (got nothing)',
    ]);
  });

  it('reads back a step note, and nothing else', () => {
    expect(parseStepNote(stepNote(3, 17, 'deliver 0->1 RequestVote t1 last 0/0 · node 1 t1: grant node 0'))).toEqual({ step: 3, of: 17, text: 'deliver 0->1 RequestVote t1 last 0/0 · node 1 t1: grant node 0' });
    expect(parseStepNote('step 3 of 17: x')).toBeNull();
  });
});
