import { Prng } from '../raft/prng';
import { judge, SearchRun, type SearchResult } from './search';
import { successors } from './successors';
import type { Action } from './types';
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
    let state = initial;
    const actions: Action[] = [];
    for (let depth = 0; depth < maxDepth; depth++) {
      const choices = successors(state, run.context);
      if (choices.length === 0) break;
      const chosen = choices[prng.int(choices.length)]!;
      run.tick(visited.size, visited.bytes);
      const fresh = visited.add(run.fingerprint(chosen.state), -1) >= 0;
      actions.push(chosen.action);
      run.depth = Math.max(run.depth, actions.length);
      const problem = judge(chosen.state, state, fresh ? run.goal : null, fresh);
      if (problem) {
        run.findings.push({ ...problem, actions: actions.slice() });
        break;
      }
      state = chosen.state;
    }
  }
  return run.result(visited.size, false, visited.bytes);
}
