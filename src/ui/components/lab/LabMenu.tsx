import { memo, useEffect, useState } from 'react';
import { usePageApp } from '../../app/context';
import { useMenu } from '../common/use-menu';
import { labUrl } from './lab-url';
import '../../styles/lab.css';

type TestList = readonly { readonly name: string; readonly description: string }[];

/**
 * "Lab tests" (issue 9, item 7): pick one of the lab's 21 tests and a seed; "Watch" reopens the
 * page on the simulated engine running exactly what `npm run lab -- partN name --seed S` runs, from
 * its start at the page's speed (the seed from a failing terminal run opens the same run here).
 */
export const LabMenu = memo(function LabMenu() {
  const { lab, seed, params } = usePageApp();
  const { open, setOpen, ref, onKeyDown } = useMenu();
  const [tests, setTests] = useState<TestList | null>(null);
  const [test, setTest] = useState(lab?.test ?? 'part1.leader_election');
  const [seedText, setSeedText] = useState(String(lab?.seed ?? seed));
  useEffect(() => {
    // The list lives with the tests, loaded when the menu first opens.
    if (open && !tests) void import('../../../lab/watch').then((m) => setTests(m.labTestList()));
  }, [open, tests]);
  const seedValue = /^\d{1,10}$/.test(seedText.trim()) ? Number(seedText.trim()) : NaN;
  const seedOk = Number.isInteger(seedValue) && seedValue <= 0xffffffff;
  const chosen = tests?.find((t) => t.name === test);
  const watch = (): void => {
    if (seedOk) window.location.assign(labUrl(window.location.href, test, seedValue, params.speed));
  };
  return (
    <div className="popover-anchor" ref={ref} onKeyDown={open ? onKeyDown : undefined}>
      <button className={`btn ${open ? 'active' : ''}`} aria-expanded={open} onClick={() => setOpen(!open)}
        title="Watch one of the lab's 21 tests run in the simulated engine, as npm run lab runs it">
        <span>Lab tests</span>
      </button>
      {open && (
        <div className="popover right lab-menu" role="dialog" aria-label="Lab tests">
          <p className="pop-intro">The lab's tests run here exactly as in a terminal with the same seed, then play from their start: every step, check and message.</p>
          <label className="lab-field">
            <span>Test</span>
            <select value={test} onChange={(event) => setTest(event.target.value)} disabled={!tests}>
              {(tests ?? [{ name: test, description: '' }]).map((t) => <option key={t.name} value={t.name}>{t.name}</option>)}
            </select>
          </label>
          {chosen && <p className="lab-description">{chosen.description}</p>}
          <label className="lab-field">
            <span>Seed</span>
            <input type="text" inputMode="numeric" value={seedText} aria-invalid={!seedOk} onChange={(event) => setSeedText(event.target.value)}
              onKeyDown={(event) => { if (event.key === 'Enter') watch(); }} />
          </label>
          {!seedOk && <p role="alert" className="lab-error">The seed is an integer from 0 to 4294967295.</p>}
          <button className="btn primary" disabled={!seedOk || !tests} onClick={watch}>Watch</button>
        </div>
      )}
    </div>
  );
});
