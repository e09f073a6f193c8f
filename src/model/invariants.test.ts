import { describe, expect, it } from 'vitest';
import { DEFAULT_BOUNDS, makeContext } from './context';
import { goalNamed } from './goals';
import { checkState, checkStep } from './invariants';
import { initialState } from './successors';
import type { CoreImage, History, SystemState } from './types';

/** The Figure 3 predicate on hand-made states: each property is broken once, and a sound state passes. */
const base = initialState(makeContext({ ...DEFAULT_BOUNDS, nodes: 3 }));
const e = (term: number, command: number) => ({ term, command });

function state(cores: Partial<CoreImage>[], history: Partial<History> = {}): SystemState {
  return {
    ...base,
    nodes: base.nodes.map((node, id) => ({ ...node, core: { ...node.core, ...cores[id] } })),
    history: { ...base.history, ...history },
  };
}

describe('Figure 3 as a predicate over one state', () => {
  it('accepts logs that agree, a leader holding every committed entry, one value applied per index', () => {
    const log = [e(1, 1), e(2, 2)];
    const s = state([{ role: 'leader', term: 2, entries: log }, { term: 2, entries: log.slice(0, 1) }, { term: 1, entries: [e(1, 1), e(1, 3)] }],
      { leaders: [[], [0], [0]], committed: [{ term: 1, command: 1, knownInTerm: 1 }], applied: [['1/1']] });
    expect(checkState(s)).toBeNull();
  });

  it('Election Safety: two leaders in one term, even if one has stepped down since (§5.2)', () => {
    expect(checkState(state([], { leaders: [[], [0, 2]] }))?.invariant).toBe('Election Safety');
  });

  it('Log Matching: the same index and term with different commands, or over different earlier entries (§5.3)', () => {
    expect(checkState(state([{ entries: [e(1, 1)] }, { entries: [e(1, 2)] }]))?.invariant).toBe('Log Matching');
    expect(checkState(state([{ entries: [e(1, 1), e(3, 4)] }, { entries: [e(2, 2), e(3, 4)] }]))?.invariant).toBe('Log Matching');
  });

  it('Leader Completeness: a leader of a later term lacks a committed entry (§5.4), but one of the same term need not', () => {
    const committed = [{ term: 1, command: 1, knownInTerm: 1 }];
    expect(checkState(state([{ role: 'leader', term: 2, entries: [] }], { committed }))?.invariant).toBe('Leader Completeness');
    expect(checkState(state([{ role: 'leader', term: 1, entries: [] }], { committed }))).toBeNull();
  });

  it('State Machine Safety: two values applied at one index (§5.4.3)', () => {
    expect(checkState(state([], { applied: [['1/1', '2/2']] }))?.invariant).toBe('State Machine Safety');
  });

  it('Leader Append-Only is a property of a step: a leader of one term that loses an entry', () => {
    const before = state([{ role: 'leader', term: 2, entries: [e(2, 1)] }]);
    const after = state([{ role: 'leader', term: 2, entries: [] }]);
    expect(checkStep(before, after)?.invariant).toBe('Leader Append-Only');
    expect(checkStep(after, before)).toBeNull();
  });

  it('the goal committed-entry-lost asks whether a committed entry left a majority of disks', () => {
    const committed = [{ term: 1, command: 1, knownInTerm: 1 }];
    const onOneDisk = { ...state([], { committed }) };
    const disk = { ...base.nodes[0]!.disk, entries: [e(1, 1)] };
    const onTwo = { ...onOneDisk, nodes: onOneDisk.nodes.map((n, id) => (id < 2 ? { ...n, disk } : n)) };
    expect(goalNamed('committed-entry-lost').reached(onOneDisk)).toBe(true);
    expect(goalNamed('committed-entry-lost').reached(onTwo)).toBe(false);
  });
});
