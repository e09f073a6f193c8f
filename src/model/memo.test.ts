import { describe, expect, it } from 'vitest';
import { DEFAULT_BOUNDS, makeContext } from './context';
import { apply, initialState } from './successors';
import type { Action, SystemState } from './types';

/** Interning and the memo of node steps (memo.ts): one object per node state, one run of the core per (node state, input). */
const fresh = () => makeContext({ ...DEFAULT_BOUNDS, maxInflight: 6 });
let context = fresh();

function play(state: SystemState, ...actions: Action[]): SystemState {
  for (const action of actions) state = apply(state, action, context)!.state;
  return state;
}

describe('model memo', () => {
  it('a node state reached along two paths is one object, with one serial and one fingerprint', () => {
    const a = play(initialState(context), { kind: 'electionTimeout', node: 0 }, { kind: 'electionTimeout', node: 1 });
    const b = play(initialState(context), { kind: 'electionTimeout', node: 1 }, { kind: 'electionTimeout', node: 0 });
    expect(a.nodes[0]).toBe(b.nodes[0]);
    expect(a.nodes[1]).toBe(b.nodes[1]);
    expect(a.network.map((m) => m.serial)).toEqual(b.network.map((m) => m.serial));
  });

  it('a step is run on a core once per (node state, input): asking again adds no step to the memo', () => {
    context = fresh();
    const candidate = play(initialState(context), { kind: 'electionTimeout', node: 0 });
    const request = candidate.network[0]!;
    const deliver: Action = { kind: 'deliver', key: request.key };
    const first = apply(candidate, deliver, context)!;
    const steps = context.memo.size.steps;
    const again = apply(candidate, deliver, context)!;
    expect(context.memo.size.steps).toBe(steps);
    expect(again.state.nodes[request.message.to]).toBe(first.state.nodes[request.message.to]);
    // A different input to the same node state is a different step.
    apply(candidate, { kind: 'electionTimeout', node: request.message.to }, context);
    expect(context.memo.size.steps).toBe(steps + 1);
  });
});
