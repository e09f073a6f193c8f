import { Prng } from '../raft/prng';
import { lastIndex } from './invariants';
import { judge, SearchRun, type SearchResult } from './search';
import { shrinkTrace } from './shrink';
import { walkRandomly } from './random-walk';
import type { Action, SystemState } from './types';
import { VisitedSet } from './visited';

/**
 * Directed search for bugs too deep for BFS (Figure 8, §5.4.2, needs four elections and about
 * twenty deliveries chosen among many stale messages). As Go-Explore does: keep an archive of
 * "cells" — states told apart only by what each node believes (role, term, last log entry, commit
 * index) and what was committed, never by the messages in flight — each with the shortest path
 * found to it; again and again pick a cell seldom picked, return to its state (states are data:
 * no replay), and walk a few random steps, archiving every new cell met. Milestones of a deep
 * scenario (a leader of term 1 holding an entry, a rival leader of term 2, …) are each a new cell,
 * so the search climbs from one to the next instead of hoping one walk finds them all.
 *
 * Randomness is the seeded PRNG only: a run is a pure function of its seed and bounds. A finding's
 * trace is then shrunk (shrink.ts) to a locally minimal one, which is not always the shortest.
 */
interface Cell {
  readonly state: SystemState;
  readonly actions: readonly Action[];
  chosen: number;
}

/** How many random steps each return to a cell takes. */
const BURST = 12;

export function directed(run: SearchRun): SearchResult {
  const prng = new Prng(run.options.seed ?? 1);
  const visited = new VisitedSet();
  const maxDepth = run.options.maxDepth ?? 60;
  const initial = run.initial;
  visited.add(run.fingerprint(initial), -1);
  const bad = judge(initial, null, run.goal);
  if (bad) run.findings.push({ ...bad, actions: [] });
  const archive = new Map<string, Cell>();
  const cells: Cell[] = [];
  const remember = (state: SystemState, actions: readonly Action[]): void => {
    const key = cellOf(state);
    const known = archive.get(key);
    if (known && known.actions.length <= actions.length) return;
    const cell: Cell = { state, actions, chosen: known?.chosen ?? 0 };
    if (known) cells[cells.indexOf(known)] = cell;
    else cells.push(cell);
    archive.set(key, cell);
  };
  remember(initial, []);
  while (!run.done(visited.size) && run.findings.length === 0) {
    const cell = pick(cells, prng);
    cell.chosen++;
    const actions = cell.actions.slice();
    const problem = walkRandomly(run, visited, prng, cell.state, actions, Math.min(BURST, maxDepth - actions.length), (state, path) => remember(state, path.slice()));
    if (problem) run.findings.push({ ...problem, actions: shrinkTrace(actions, run.context, run.goal) });
  }
  return run.result(visited.size, false, visited.bytes);
}

/** The least chosen of four cells drawn at random (a tournament: cheap, and favours the rarely chosen). */
function pick(cells: readonly Cell[], prng: Prng): Cell {
  let best = cells[prng.int(cells.length)]!;
  for (let i = 1; i < 4; i++) {
    const other = cells[prng.int(cells.length)]!;
    if (other.chosen < best.chosen) best = other;
  }
  return best;
}

/** What the nodes believe and what was committed; the network is left out. */
function cellOf(state: SystemState): string {
  let key = '';
  for (const node of state.nodes) {
    const core = node.core;
    const last = lastIndex(core);
    const lastTerm = last > core.snapshotIndex ? core.entries[core.entries.length - 1]!.term : core.snapshotTerm;
    key += `${core.role[0]}${core.term}:${last}/${lastTerm}c${core.commitIndex} `;
  }
  for (const fact of state.history.committed) key += `C${fact.term}@${fact.knownInTerm}`;
  return key + `p${state.left.proposals}`;
}
