import { memo, useEffect, useState } from 'react';
import type { Explore } from '../../../engine/cluster';
import type { ExploreChoice, PendingItem } from '../../../sim/explore';
import { useAppState } from '../../app/context';
import { clipText } from '../../model/user-text';
import { formatAt } from '../../model/timeline';
import { UserText } from '../common/UserText';
import { useMenu } from '../common/use-menu';
import '../../styles/explore.css';

/** More than this many pending items are summed up: a busy 7-node cluster has dozens of timers. */
const SHOWN_ITEMS = 60;

/**
 * Explore mode (issue 9, item 6, as DViz does for DSLabs): while the simulated engine is paused,
 * everything pending — messages in flight, timers, disk writes — and the user decides what happens
 * next: deliver, drop or duplicate any message in any order, fire a timer now, or make a disk write
 * durable now. Each choice is an action of the run (exported, shared and replayed with it); Step
 * forward lets the next event happen by itself.
 */
export const ExplorePanel = memo(function ExplorePanel({ explore, stepForward }: { explore: Explore; stepForward: () => void }) {
  const { open, setOpen, ref, onKeyDown } = useMenu();
  const paused = useAppState((s) => s.liveClock?.paused ?? false);
  return (
    <div className="popover-anchor" ref={ref} onKeyDown={open ? onKeyDown : undefined}>
      <button className={`btn ${open ? 'active' : ''}`} aria-expanded={open} onClick={() => setOpen(!open)}
        title="Explore mode: see every message in flight and every timer, and choose what happens next">
        <span>Explore</span>
      </button>
      {open && (
        <div className="popover wide explore-panel" role="dialog" aria-label="Explore">
          {paused ? <PendingList explore={explore} stepForward={stepForward} />
            : <p className="pop-intro">Pause the run to explore: then every message in flight and every timer is listed, and you choose what happens next.</p>}
        </div>
      )}
    </div>
  );
});

function PendingList({ explore, stepForward }: { explore: Explore; stepForward: () => void }) {
  const run = useAppState((s) => s.run);
  const [items, setItems] = useState<PendingItem[] | null>(null);
  const [choices, setChoices] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Read again at every move of the run (a step, a seek, a fork) and after each choice.
  useEffect(() => {
    let current = true;
    explore.pending().then((list) => { if (current) setItems(list); }, (e: unknown) => { if (current) setError((e as Error).message); });
    return () => { current = false; };
  }, [explore, run?.step, run?.at, run?.forks, choices]);
  const choose = async (choice: ExploreChoice): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await explore.explore(choice);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
      setChoices((n) => n + 1);
    }
  };
  if (!items) return <p className="pop-intro">Reading what is pending…</p>;
  const messages = items.filter((item) => item.kind === 'message').length;
  return (
    <>
      <p className="pop-intro">
        Paused at t = {formatAt(run?.at ?? 0)}: {messages} message{messages === 1 ? '' : 's'} in flight. Choose what happens next, in any order; each choice becomes part of the run. Step forward lets the next event happen by itself.
      </p>
      <button className="btn small" onClick={stepForward} title="Run the next scheduled event (a disk write, a delivery, a timer)">Step forward</button>
      <div role="alert" className="explore-error">{error && <UserText text={clipText(error, 300)} />}</div>
      <ul className="explore-list" aria-label="Pending">
        {items.slice(0, SHOWN_ITEMS).map((item) => <PendingRow key={item.id} item={item} busy={busy} choose={choose} />)}
      </ul>
      {items.length > SHOWN_ITEMS && <p className="muted small">…and {items.length - SHOWN_ITEMS} more, later.</p>}
    </>
  );
}

function PendingRow({ item, busy, choose }: { item: PendingItem; busy: boolean; choose: (choice: ExploreChoice) => Promise<void> }) {
  const due = `due t = ${formatAt(item.dueAt)}`;
  if (item.kind === 'message') {
    const name = `${item.type} ${item.from}→${item.to}`;
    const size = item.type === 'AppendEntries' ? `, ${item.size} entr${item.size === 1 ? 'y' : 'ies'}` : '';
    return (
      <li className="explore-item">
        <span className="explore-what"><strong>{name}</strong> <span className="muted">term {item.term}{size}, {due}</span></span>
        <span className="explore-actions">
          <button className="btn small" disabled={busy} aria-label={`Deliver ${name}`} onClick={() => void choose({ type: 'deliver', id: item.id })}>Deliver</button>
          <button className="btn small" disabled={busy} aria-label={`Drop ${name}`} onClick={() => void choose({ type: 'drop', id: item.id })}>Drop</button>
          <button className="btn small" disabled={busy} aria-label={`Duplicate ${name}`} onClick={() => void choose({ type: 'duplicate', id: item.id })}>Duplicate</button>
        </span>
      </li>
    );
  }
  if (item.kind === 'timer') {
    const name = `Node ${item.node}'s ${item.timer} timer`;
    return (
      <li className="explore-item">
        <span className="explore-what"><strong>{name}</strong> <span className="muted">{due}{item.why ? ` — ${item.why}` : ''}</span></span>
        {item.choosable && (
          <span className="explore-actions">
            <button className="btn small" disabled={busy} aria-label={`Fire ${name} now`} onClick={() => void choose({ type: 'fire', id: item.id })}>Fire now</button>
          </span>
        )}
      </li>
    );
  }
  if (item.kind === 'write') {
    const name = `Node ${item.node}'s disk write`;
    return (
      <li className="explore-item">
        <span className="explore-what"><strong>{name}</strong> <span className="muted">{due}; the messages it holds leave once it is durable</span></span>
        <span className="explore-actions">
          <button className="btn small" disabled={busy} aria-label={`Persist ${name} now`} onClick={() => void choose({ type: 'persist', id: item.id })}>Persist now</button>
        </span>
      </li>
    );
  }
  return (
    <li className="explore-item">
      <span className="explore-what"><strong>Scheduled work</strong> <span className="muted">{due} — {item.why}</span></span>
    </li>
  );
}
