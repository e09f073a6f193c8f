import { Prng } from '../raft/prng';
import { judge, SearchRun, type SearchResult } from './search';
import { successors } from './successors';
import type { Action, SystemState } from './types';
import { VisitedSet } from './visited';

/**
 * Random walks from the initial state: each step picks one enabled successor with a seeded PRNG
 * (so a walk is a pure function of --seed), up to --max-depth steps, --walks times. It goes deep
 * cheaply but proves nothing exhaustive; the visited set only counts distinct states.
 */
export function randomWalk(run: SearchRun): SearchResult {
  const prng = new Prng(run.options.seed ?? 1);
  const visited = new VisitedSet();
  const maxDepth = run.options.maxDepth ?? 100;
  const walks = run.options.walks ?? 1000;
  const initial = run.initial;
  visited.add(run.fingerprint(initial), -1);
  const bad = judge(initial, null, run.goal);
  if (bad) run.findings.push({ ...bad, actions: [] });
  for (let walk = 0; walk < walks && !run.done(visited.size); walk++) {
    const actions: Action[] = [];
    const problem = walkRandomly(run, visited, prng, initial, actions, maxDepth);
    if (problem) run.findings.push({ ...problem, actions: actions.slice() });
  }
  return run.result(visited.size, false, visited.bytes);
}

/**
 * Up to `steps` random moves from `state`, which `actions` reached (extended in place with each
 * move): each picks one enabled successor with the seeded PRNG and judges the state it leads to;
 * `onState` hears every state walked into without a problem. Returns the problem met, or null.
 * Random walks and directed search (directed.ts) both walk this way.
 */
export function walkRandomly(
  run: SearchRun, visited: VisitedSet, prng: Prng, state: SystemState, actions: Action[], steps: number,
  onState: (state: SystemState, actions: readonly Action[]) => void = () => {},
): ReturnType<typeof judge> {
  for (let step = 0; step < steps; step++) {
    const choices = successors(state, run.context);
    if (choices.length === 0) return null;
    const chosen = choices[prng.int(choices.length)]!;
    run.tick(visited.size, visited.bytes);
    const fresh = visited.add(run.fingerprint(chosen.state), -1) >= 0;
    actions.push(chosen.action);
    run.depth = Math.max(run.depth, actions.length);
    const problem = judge(chosen.state, state, fresh ? run.goal : null, fresh);
    if (problem) return problem;
    state = chosen.state;
    onState(state, actions);
  }
  return null;
}
