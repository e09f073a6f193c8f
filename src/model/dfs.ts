import { judge, SearchRun, type SearchResult } from './search';
import { successors, type Successor } from './successors';
import type { Action, SystemState } from './types';
import { VisitedSet } from './visited';

/**
 * Depth-first search with a visited set and a depth bound, for bugs deeper than BFS reaches in
 * time. Its traces are not the shortest. As in TLC's depth-first mode, a state first met deep is
 * not explored again when met shallower, so within a depth bound it may miss states BFS would find.
 */
export function depthFirst(run: SearchRun): SearchResult {
  const visited = new VisitedSet();
  const initial = run.initial;
  visited.add(run.fingerprint(initial), -1);
  const bad = judge(initial, null, run.goal);
  if (bad) {
    run.findings.push({ ...bad, actions: [] });
    return run.result(visited.size, false, visited.bytes);
  }
  const maxDepth = run.options.maxDepth ?? 200;
  let cut = false;
  const stack: { state: SystemState; children: Successor[]; next: number; action: Action | null }[] = [
    { state: initial, children: successors(initial, run.context), next: 0, action: null },
  ];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const successor = top.children[top.next++];
    if (!successor) {
      stack.pop();
      continue;
    }
    run.tick(visited.size, visited.bytes);
    const fresh = visited.add(run.fingerprint(successor.state), -1) >= 0;
    const problem = judge(successor.state, top.state, fresh ? run.goal : null, fresh);
    if (problem) {
      const actions = [...stack.slice(1).map((frame) => frame.action!), successor.action];
      run.findings.push({ ...problem, actions });
    } else if (fresh && stack.length <= maxDepth) {
      stack.push({ state: successor.state, children: successors(successor.state, run.context), next: 0, action: successor.action });
      run.depth = Math.max(run.depth, stack.length - 1);
    } else if (fresh) {
      cut = true;
    }
    if (run.done(visited.size)) return run.result(visited.size, false, visited.bytes);
  }
  return run.result(visited.size, !cut, visited.bytes);
}
