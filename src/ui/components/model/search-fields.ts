import { BUG_SEARCHES, UNMODELLED_BUGS } from '../../../model/bug-searches';
import { DEFAULT_BOUNDS, type Bounds, type BugName } from '../../../model/context';
import { BOUND_LIMITS, requestProblems, type OfferedBound, type SearchMode, type SearchRequest } from '../../../model/worker-protocol';

/**
 * The search form's state, as plain data (SearchForm.tsx draws it): what the user typed, as text,
 * and how it becomes a request or a list of what is wrong. Choosing a bug switch fills the form
 * with that bug's search from src/model/bug-searches.ts — the same bounds, mode, seed and options
 * the tests and the benchmark run — so every bug the model finds can be found from the page, and
 * those numbers exist once.
 */
export interface SearchFields {
  readonly bug: BugName | '';
  /** A goal's name (goals.ts), or '' for a violation of Figure 3. */
  readonly goal: string;
  readonly mode: SearchMode;
  readonly bounds: Readonly<Record<OfferedBound, string>>;
  readonly symmetry: boolean;
  /** Disk writes: the context's default, within the step that made them, or steps of their own. */
  readonly persist: 'default' | 'atomic' | 'step';
  readonly seed: string;
  readonly seconds: string;
}

/** The form opens on the bug whose search is quickest (well under a second). */
export const DEFAULT_BUG: BugName = 'grantVoteWithoutUpToDate';
const DEFAULT_SECONDS = 60;
const DEFAULT_SEED = 1;

/** The form for `bug`: its search from BUG_SEARCHES (goal included) if it has one, else the default bounds breadth-first with the goal kept. The time limit is kept. */
export function fieldsForBug(bug: BugName | '', kept: Pick<SearchFields, 'goal' | 'seconds'> = { goal: '', seconds: String(DEFAULT_SECONDS) }): SearchFields {
  const search = BUG_SEARCHES.find((s) => s.bug === bug);
  const bounds = search?.bounds ?? DEFAULT_BOUNDS;
  return {
    ...kept,
    // A bug found as a goal (bug-searches.ts) brings its goal; any other search looks for a violation.
    ...(search ? { goal: search.goal ?? '' } : {}),
    bug,
    mode: search?.options.mode ?? 'bfs',
    bounds: textOf(bounds),
    symmetry: search ? search.options.symmetry === true : true,
    persist: search?.atomicPersist === undefined ? 'default' : search.atomicPersist ? 'atomic' : 'step',
    seed: String(search?.options.seed ?? DEFAULT_SEED),
  };
}

/** What the form says about a bug switch it has no search for: why the model does not run it. */
export function unmodelledReason(bug: BugName | ''): string | null {
  return bug === '' ? null : UNMODELLED_BUGS[bug] ?? null;
}

/** The request the fields make, or what is wrong with them (one line per field, saying what is allowed). */
export function readFields(fields: SearchFields): { readonly request: Omit<SearchRequest, 'type'> } | { readonly problems: string[] } {
  // An optional bound left empty is absent (context.ts: unbounded, or none); any other field left empty is a problem.
  const bounds = Object.fromEntries(Object.entries(fields.bounds).flatMap(([name, text]) => {
    const optional = 'empty' in BOUND_LIMITS[name as OfferedBound];
    return optional && text.trim() === '' ? [] : [[name, numberOf(text)]];
  })) as unknown as Bounds;
  const request: Omit<SearchRequest, 'type'> = {
    bounds,
    bug: fields.bug === '' ? null : fields.bug,
    goal: fields.goal === '' ? null : fields.goal,
    timeLimitMs: numberOf(fields.seconds) * 1000,
    mode: fields.mode,
    symmetry: fields.symmetry,
    // Breadth- and depth-first draw nothing at random: their seed is not asked for, and not checked.
    seed: fields.mode === 'random' || fields.mode === 'directed' ? numberOf(fields.seed) : DEFAULT_SEED,
    atomicPersist: fields.persist === 'default' ? null : fields.persist === 'atomic',
  };
  const problems = requestProblems(request as unknown as Record<string, unknown>);
  return problems.length > 0 ? { problems } : { request };
}

/** Only digits count: `Number('')` is 0 and `Number('1e1')` is 10, neither of which the user typed as a number. */
function numberOf(text: string): number {
  const trimmed = text.trim();
  return /^-?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : NaN;
}

function textOf(bounds: Bounds): Record<OfferedBound, string> {
  return Object.fromEntries((Object.keys(BOUND_LIMITS) as OfferedBound[]).map((name) => [name, bounds[name] === undefined ? '' : String(bounds[name])])) as Record<OfferedBound, string>;
}
