import type { ModelContext } from './context';
import type { Goal } from './goals';
import { judge } from './search';
import { apply, initialState } from './successors';
import type { Action } from './types';

/**
 * Replays `actions` from the initial state, judging every step as the search did: the number of
 * steps that reach a finding (a violation, or the goal), or null if none does or an action is not
 * enabled where it now falls (a message it delivers is not in flight, a bound is broken).
 */
export function stepsToFinding(actions: readonly Action[], context: ModelContext, goal: Goal | null): number | null {
  let state = initialState(context);
  for (let i = 0; i < actions.length; i++) {
    const action = actions[i]!;
    if ((action.kind === 'deliver' || action.kind === 'drop' || action.kind === 'duplicate') && !state.network.some((m) => m.key === action.key)) return null;
    const next = apply(state, action, context);
    if (next === null) return null;
    if (judge(next.state, state, goal) !== null) return i + 1;
    state = next.state;
  }
  return null;
}

/**
 * A shorter trace to a finding, by deleting steps while the rest still reaches one (delta
 * debugging, as QuickCheck shrinks a failing case and the VOPR minimises a failing seed): first
 * runs of steps, halving their length, then single steps, until no deletion keeps the finding. The
 * result is locally minimal, not the shortest (BFS gives that where it can finish).
 */
export function shrinkTrace(actions: readonly Action[], context: ModelContext, goal: Goal | null): Action[] {
  const first = stepsToFinding(actions, context, goal);
  if (first === null) return actions.slice();
  let best = actions.slice(0, first);
  for (let run = Math.max(1, best.length >> 1); ;) {
    let shorter = false;
    for (let at = best.length - run; at >= 0; at--) {
      if (at + run > best.length) continue;
      const reached = stepsToFinding([...best.slice(0, at), ...best.slice(at + run)], context, goal);
      if (reached !== null) {
        best = [...best.slice(0, at), ...best.slice(at + run)].slice(0, reached);
        shorter = true;
      }
    }
    if (run > 1) run >>= 1;
    else if (!shorter) break;
  }
  return best;
}
