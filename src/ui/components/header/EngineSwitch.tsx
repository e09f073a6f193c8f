import { memo, useState, type FormEvent, type KeyboardEvent } from 'react';
import { usePageApp } from '../../app/context';
import { ENGINE_TITLES, engineCaption, engineUrl } from '../../app/engine-choice';
import { MAX_SEED, type EngineName } from '../../app/params';

const ENGINES: readonly EngineName[] = ['live', 'sim'];

/** Open the page again on another engine or seed (the cluster is rebuilt; nothing is carried over). */
function reopen(engine: EngineName, seed: number | null): void {
  window.location.assign(engineUrl(window.location.href, engine, seed));
}

/**
 * Which engine runs the cluster: "Live" (a Worker per node, real time) or "Simulated" (one Worker,
 * virtual time, a seed). Switching reloads the page with ?engine and ?seed; the simulated engine's
 * seed is shown, and another can be entered.
 */
export const EngineSwitch = memo(function EngineSwitch() {
  const { engine, seed } = usePageApp();
  return (
    <div className="engine-switch">
      <div className="segmented" role="radiogroup" aria-label="Engine" title={engineCaption(engine, seed)} onKeyDown={onArrow}>
        {ENGINES.map((name) => (
          <button key={name} type="button" role="radio" aria-checked={name === engine} className={name === engine ? 'seg active' : 'seg'}
            tabIndex={name === engine ? 0 : -1}
            onClick={() => { if (name !== engine) reopen(name, name === 'sim' ? seed : null); }}>{ENGINE_TITLES[name]}</button>
        ))}
      </div>
      {engine === 'sim' && <SeedField seed={seed} />}
    </div>
  );
});

/**
 * The radio group's keys (WAI-ARIA radio pattern): one tab stop, the arrow keys move focus to the
 * other engine; Space or Enter chooses it (choosing reloads the page, so arrows do not choose).
 */
function onArrow(event: KeyboardEvent<HTMLDivElement>): void {
  if (!['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown'].includes(event.key)) return;
  const radios = [...event.currentTarget.querySelectorAll<HTMLButtonElement>('[role="radio"]')];
  const at = radios.indexOf(document.activeElement as HTMLButtonElement);
  const step = event.key === 'ArrowLeft' || event.key === 'ArrowUp' ? -1 : 1;
  radios[(Math.max(at, 0) + step + radios.length) % radios.length]?.focus();
  event.preventDefault();
}

function SeedField({ seed }: { readonly seed: number }) {
  const [text, setText] = useState(String(seed));
  const value = /^\d{1,10}$/.test(text) ? Number(text) : NaN;
  const valid = value >= 0 && value <= MAX_SEED;
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (valid && value !== seed) reopen('sim', value);
  };
  return (
    <form className="seed-field" onSubmit={submit} title="The simulated run's seed: the same seed and the same actions give the same run">
      <label>
        <span className="seg-caption">seed</span>
        <input type="text" inputMode="numeric" aria-label="Seed" aria-invalid={!valid} value={text} size={10}
          onChange={(event) => setText(event.target.value.trim())} />
      </label>
      {valid && value !== seed && <button type="submit" className="btn small">Run seed</button>}
    </form>
  );
}
