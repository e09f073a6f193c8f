import { memo, useState, type FormEvent } from 'react';
import { DEFAULT_BOUNDS, type Bounds } from '../../../model/context';
import { GOALS } from '../../../model/goals';
import { BOUND_LIMITS, boundsProblems, MAX_TIME_LIMIT_MS, type OfferedBound, type SearchRequest } from '../../../model/worker-protocol';
import { BUG_NAMES, type BugName } from '../../../shared/bugs';
import { BUG_INFO } from '../../checks/bugs';

/** What the form starts with: the smallest bounds that find grantVoteWithoutUpToDate in well under a second. */
const DEFAULT_BUG: BugName = 'grantVoteWithoutUpToDate';
const DEFAULT_SECONDS = 60;

/**
 * What to look for and within which bounds (issue 13, item 5): a bug switch (or the correct core),
 * optionally a goal state instead of a Figure 3 violation, and the search's budgets. A value out of
 * range is refused with what is allowed, before anything runs.
 */
export const SearchForm = memo(function SearchForm({ running, onSearch }: { running: boolean; onSearch: (request: Omit<SearchRequest, 'type'>) => void }) {
  const [bug, setBug] = useState<string>(DEFAULT_BUG);
  const [goal, setGoal] = useState<string>('');
  const [bounds, setBounds] = useState<Record<OfferedBound, string>>(() => stringsOf(DEFAULT_BOUNDS));
  const [seconds, setSeconds] = useState(String(DEFAULT_SECONDS));
  const [problems, setProblems] = useState<string[]>([]);
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const numbers = Object.fromEntries(Object.entries(bounds).map(([name, text]) => [name, text.trim() === '' ? NaN : Number(text)])) as unknown as Bounds;
    const limit = Number(seconds);
    const found = boundsProblems(numbers as unknown as Record<string, unknown>);
    if (!(Number.isInteger(limit) && limit >= 1 && limit * 1000 <= MAX_TIME_LIMIT_MS)) found.push(`Time limit must be a whole number of seconds from 1 to ${MAX_TIME_LIMIT_MS / 1000}`);
    setProblems(found);
    if (found.length === 0) onSearch({ bounds: numbers, bug: bug === '' ? null : bug as BugName, goal: goal === '' ? null : goal, timeLimitMs: limit * 1000 });
  };
  return (
    <form className="model-form" onSubmit={submit} aria-label="Search settings" noValidate>
      <label className="model-field wide">Bug switch
        <select value={bug} onChange={(e) => setBug(e.target.value)}>
          <option value="">None: the correct core</option>
          {BUG_NAMES.map((name) => <option key={name} value={name}>{BUG_INFO[name].title} ({name})</option>)}
        </select>
      </label>
      <label className="model-field wide">Look for
        <select value={goal} onChange={(e) => setGoal(e.target.value)}>
          <option value="">A violation of Figure 3's properties</option>
          {GOALS.map((g) => <option key={g.name} value={g.name}>Goal: {g.question}</option>)}
        </select>
      </label>
      {(Object.keys(BOUND_LIMITS) as OfferedBound[]).map((name) => (
        <label key={name} className="model-field">{BOUND_LIMITS[name].label}
          <input type="number" inputMode="numeric" min={BOUND_LIMITS[name].min} max={BOUND_LIMITS[name].max} step={1} value={bounds[name]}
            onChange={(e) => setBounds({ ...bounds, [name]: e.target.value })} />
        </label>
      ))}
      <label className="model-field">Time limit (s)
        <input type="number" inputMode="numeric" min={1} max={MAX_TIME_LIMIT_MS / 1000} step={1} value={seconds} onChange={(e) => setSeconds(e.target.value)} />
      </label>
      <div className="model-submit">
        <button className="btn primary" type="submit" disabled={running}>Search</button>
      </div>
      <div role="alert" className="model-error">{problems.length > 0 && <ul>{problems.map((p) => <li key={p}>{p}</li>)}</ul>}</div>
    </form>
  );
});

function stringsOf(bounds: Bounds): Record<OfferedBound, string> {
  return Object.fromEntries((Object.keys(BOUND_LIMITS) as OfferedBound[]).map((name) => [name, String(bounds[name])])) as Record<OfferedBound, string>;
}
