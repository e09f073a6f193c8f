import { memo, useState, type FormEvent } from 'react';
import { GOALS } from '../../../model/goals';
import { BOUND_LIMITS, MAX_SEED, MAX_TIME_LIMIT_MS, SEARCH_MODES, type OfferedBound, type SearchMode, type SearchRequest } from '../../../model/worker-protocol';
import { BUG_NAMES, type BugName } from '../../../shared/bugs';
import { BUG_INFO } from '../../checks/bugs';
import { DEFAULT_BUG, fieldsForBug, readFields, unmodelledReason, type SearchFields } from './search-fields';

/**
 * What to look for and how (issue 13, item 5): a bug switch (or the correct core), optionally a
 * goal state instead of a Figure 3 violation, the mode, the bounds and the budgets. Choosing a bug
 * switch fills in the search that finds it (search-fields.ts). A value out of range is refused with
 * what is allowed, before anything runs.
 */
export const SearchForm = memo(function SearchForm({ running, onSearch }: { running: boolean; onSearch: (request: Omit<SearchRequest, 'type'>) => void }) {
  const [fields, setFields] = useState<SearchFields>(() => fieldsForBug(DEFAULT_BUG));
  const [problems, setProblems] = useState<string[]>([]);
  const set = (change: Partial<SearchFields>): void => setFields({ ...fields, ...change });
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const read = readFields(fields);
    setProblems('problems' in read ? read.problems : []);
    if ('request' in read) onSearch(read.request);
  };
  const reason = unmodelledReason(fields.bug);
  const seeded = fields.mode === 'random' || fields.mode === 'directed';
  return (
    <form className="model-form" onSubmit={submit} aria-label="Search settings" noValidate>
      <label className="model-field wide">Bug switch
        <select value={fields.bug} onChange={(e) => setFields(fieldsForBug(e.target.value as BugName | '', fields))}>
          <option value="">None: the correct core</option>
          {BUG_NAMES.map((name) => <option key={name} value={name}>{BUG_INFO[name].title} ({name})</option>)}
        </select>
      </label>
      {reason && <p className="model-field wide muted small" data-testid="unmodelled">Not modelled: {reason}.</p>}
      <label className="model-field wide">Look for
        <select value={fields.goal} onChange={(e) => set({ goal: e.target.value })}>
          <option value="">A violation of Figure 3's properties</option>
          {GOALS.map((g) => <option key={g.name} value={g.name}>Goal: {g.question}</option>)}
        </select>
      </label>
      <label className="model-field wide">Mode
        <select value={fields.mode} onChange={(e) => set({ mode: e.target.value as SearchMode })}>
          {(Object.keys(SEARCH_MODES) as SearchMode[]).map((mode) => <option key={mode} value={mode}>{SEARCH_MODES[mode]}</option>)}
        </select>
      </label>
      {(Object.keys(BOUND_LIMITS) as OfferedBound[]).map((name) => {
        const limits: { label: string; min: number; max: number; empty?: string } = BOUND_LIMITS[name];
        return (
          <label key={name} className="model-field">{limits.label}
            <input type="number" inputMode="numeric" min={limits.min} max={limits.max} step={1} value={fields.bounds[name]} placeholder={limits.empty}
              onChange={(e) => set({ bounds: { ...fields.bounds, [name]: e.target.value } })} />
          </label>
        );
      })}
      {seeded && (
        <label className="model-field">Seed
          <input type="number" inputMode="numeric" min={0} max={MAX_SEED} step={1} value={fields.seed} onChange={(e) => set({ seed: e.target.value })} />
        </label>
      )}
      <label className="model-field">Time limit (s)
        <input type="number" inputMode="numeric" min={1} max={MAX_TIME_LIMIT_MS / 1000} step={1} value={fields.seconds} onChange={(e) => set({ seconds: e.target.value })} />
      </label>
      <label className="model-field">Disk writes
        <select value={fields.persist} onChange={(e) => set({ persist: e.target.value as SearchFields['persist'] })}>
          <option value="default">Default (within the step unless a node can crash)</option>
          <option value="atomic">Within the step that made them</option>
          <option value="step">Steps of their own</option>
        </select>
      </label>
      <label className="model-field model-check">
        <input type="checkbox" checked={fields.symmetry} onChange={(e) => set({ symmetry: e.target.checked })} /> Symmetry reduction
      </label>
      <div className="model-submit">
        <button className="btn primary" type="submit" disabled={running}>Search</button>
      </div>
      <div role="alert" className="model-error">{problems.length > 0 && <ul>{problems.map((p) => <li key={p}>{p}</li>)}</ul>}</div>
    </form>
  );
});
