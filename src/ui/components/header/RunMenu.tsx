import { lazy, memo, Suspense, useState, type ChangeEvent } from 'react';
import { usePageApp } from '../../app/context';
import type { EngineName } from '../../app/params';
import { downloadRun, openRunInSimulator, readRunFile, shareLink } from '../../app/run-io';
import { clipText } from '../../model/user-text';
import { UserText } from '../common/UserText';
import { useMenu } from '../common/use-menu';
import '../../styles/runs.css';

/** What the menu last did, shown in it: a link to copy by hand, or why something failed. */
type Outcome =
  | { readonly kind: 'link'; readonly link: string; readonly copied: boolean }
  | { readonly kind: 'error'; readonly message: string }
  | null;

/** An error's message as the page shows it (it may quote a file: clipped, shown as user text). */
const ERROR_CHARS = 400;

/**
 * Runs as data (issue 9, item 5): "Export run" saves the run so far as a .json file; "Import run"
 * opens one in the simulated engine (a malformed file is refused with its reason, and nothing else
 * changes); "Copy share link" puts the run in a link (the run rides in the fragment, compressed);
 * on the live engine, "Replay in the simulator" re-runs the recorded session under virtual time.
 * Opening a run reloads the page on the simulated engine, as the Engine switch does.
 */
const RunsMenu = memo(function RunsMenu() {
  const { engine, exportRun } = usePageApp();
  const { open, setOpen, ref, onKeyDown } = useMenu();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  if (!exportRun) return null;

  /** Run one of the menu's tasks: one at a time, its failure shown in the alert. */
  const task = (work: () => Promise<void>) => async (): Promise<void> => {
    setBusy(true);
    setOutcome(null);
    try {
      await work();
    } catch (error) {
      setOutcome({ kind: 'error', message: (error as Error).message });
    } finally {
      setBusy(false);
    }
  };
  const exportFile = task(async () => downloadRun(await exportRun()));
  const copyLink = task(async () => {
    const link = await shareLink(await exportRun(), window.location.href);
    setOutcome({ kind: 'link', link, copied: await copied(link) });
  });
  const replay = task(async () => openRunInSimulator(await exportRun()));
  const importFile = (event: ChangeEvent<HTMLInputElement>): void => {
    const file = event.target.files?.[0];
    event.target.value = ''; // picking the same file again is a new import
    if (file) void task(async () => openRunInSimulator(await readRunFile(file)))();
  };

  return (
    <div className="popover-anchor" ref={ref} onKeyDown={open ? onKeyDown : undefined}>
      <button className={`btn ${open ? 'active' : ''}`} aria-expanded={open} onClick={() => setOpen(!open)}
        title="Export, import and share the run: a seed, a configuration and what the user did when">
        <span>Runs</span>
      </button>
      {open && (
        <div className="popover right run-menu" role="dialog" aria-label="Runs">
          <p className="pop-intro">
            {engine === 'sim'
              ? 'A run is its seed, its configuration and what was done when: the simulated engine replays it exactly.'
              : 'This live session is recorded (its start and every action): the simulated engine can re-run it under virtual time.'}
          </p>
          <div className="run-actions">
            <button className="btn" disabled={busy} onClick={() => void exportFile()}>Export run</button>
            <label className={`btn file-button ${busy ? 'disabled' : ''}`}>
              Import run
              <input type="file" accept=".json,application/json" className="visually-hidden" disabled={busy} onChange={importFile} />
            </label>
            <button className="btn" disabled={busy} onClick={() => void copyLink()}>Copy share link</button>
            {engine === 'live' && <button className="btn" disabled={busy} onClick={() => void replay()}>Replay in the simulator</button>}
          </div>
          <RunOutcome outcome={outcome} engine={engine} />
        </div>
      )}
    </div>
  );
});

// The model checker's menu (issue 13), loaded after this one: nothing of it is in the initial JavaScript.
const LazyCounterexampleMenu = lazy(() => import('../model/CounterexampleMenu').then((m) => ({ default: m.CounterexampleMenu })));

/** The run row's menus: Runs, and Find a counterexample (whose traces open as runs). */
export const RunMenu = memo(function RunMenu() {
  return (
    <>
      <RunsMenu />
      <Suspense fallback={null}><LazyCounterexampleMenu /></Suspense>
    </>
  );
});

/** Put the link on the clipboard; false when the browser refuses (no permission, no focus, no API). */
async function copied(link: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(link);
    return true;
  } catch {
    return false;
  }
}

const REPLAYS: Record<EngineName, string> = {
  sim: 'Opening it replays this run exactly:',
  live: 'Opening it re-runs this session in the simulated engine:',
};

/** The error in an alert (announced at once); a link in a status, with its text to copy by hand. */
function RunOutcome({ outcome, engine }: { readonly outcome: Outcome; readonly engine: EngineName }) {
  return (
    <>
      <div role="alert" className="run-error">
        {outcome?.kind === 'error' && <UserText text={clipText(outcome.message, ERROR_CHARS)} />}
      </div>
      {outcome?.kind === 'link' && (
        <div role="status" className="run-link">
          <p>{outcome.copied ? 'Link copied.' : 'The browser refused the clipboard: copy the link by hand.'} {REPLAYS[engine]}</p>
          <input type="text" readOnly aria-label="Share link" value={outcome.link} onFocus={(event) => event.target.select()} />
        </div>
      )}
    </>
  );
}
