import { sameFingerprint } from './hash';
import { judge, SearchRun, type SearchResult } from './search';
import { successors } from './successors';
import type { Action, SystemState } from './types';
import { VisitedSet } from './visited';

/**
 * Breadth-first search over every interleaving, level by level, as DSLabs and TLC do: the first
 * violation found has a shortest trace. Only fingerprints and parent ids are kept for visited
 * states; whole states only for the frontier. A state that breaks an invariant or reaches the goal
 * is reported and not explored further.
 */
export function breadthFirst(run: SearchRun): SearchResult {
  const visited = new VisitedSet();
  const initial = run.initial;
  const rootId = visited.add(run.fingerprint(initial), -1);
  const bad = judge(initial, null, run.goal);
  if (bad) run.findings.push({ ...bad, actions: [] });
  let frontier: { state: SystemState; id: number }[] = bad ? [] : [{ state: initial, id: rootId }];
  const maxDepth = run.options.maxDepth ?? Infinity;
  for (let level = 0; frontier.length > 0 && level < maxDepth; level++) {
    const next: typeof frontier = [];
    for (const { state, id } of frontier) {
      for (const successor of successors(state, run.context)) {
        run.tick(visited.size, visited.bytes);
        const childId = visited.add(run.fingerprint(successor.state), id);
        // A state seen before was judged then; only the step itself (Leader Append-Only) is new.
        const problem = judge(successor.state, state, childId >= 0 ? run.goal : null, childId >= 0);
        if (childId >= 0) run.depth = level + 1;
        if (problem) run.findings.push({ ...problem, actions: [...actionsTo(run, visited, id), successor.action] });
        else if (childId >= 0) next.push({ state: successor.state, id: childId });
        if (run.done(visited.size)) return run.result(visited.size, false, visited.bytes);
      }
    }
    frontier = next;
  }
  return run.result(visited.size, frontier.length === 0, visited.bytes);
}

/**
 * The actions from the initial state to state `id`: walk the parent ids back, then replay forward,
 * choosing at each step the successor whose fingerprint is the next one on the path.
 */
function actionsTo(run: SearchRun, visited: VisitedSet, id: number): Action[] {
  const path = visited.pathTo(id);
  const actions: Action[] = [];
  let state = run.initial;
  for (const stepId of path.slice(1)) {
    const target = visited.fingerprintOf(stepId);
    const step = successors(state, run.context).find((s) => sameFingerprint(run.fingerprint(s.state), target));
    if (!step) throw new Error('model: a parent pointer leads nowhere (a fingerprint collision?)');
    actions.push(step.action);
    state = step.state;
  }
  return actions;
}
