import { memo, useEffect, useState } from 'react';
import type { Standby } from '../../../runtime';
import { useAppState, usePageApp, useRun } from '../../app/context';
import { cancelTakeOver, takeOverHere } from '../../commands/cluster';
import { ResetButton } from '../header/ResetButton';

/** What the page says while the cluster's workers do not run in this tab, and the way out. */
function explain(standby: Standby): { title: string; detail: string } {
  switch (standby.kind) {
    case 'elsewhere':
      return {
        title: 'This cluster is open in another tab',
        detail: 'Only one tab at a time runs it, so that two tabs never write the same IndexedDB databases. Taking it over here makes the other tab stop its nodes first (each finishes the write it has in flight); then this tab restores them from IndexedDB.',
      };
    case 'taking-over':
      return { title: 'Taking the cluster over…', detail: 'Waiting for the other tab to stop its nodes; each finishes the write it has in flight first.' };
    case 'taken-over':
      return {
        title: 'Another tab took this cluster over',
        detail: 'Its nodes stopped here after finishing their writes and now run in the other tab. Commands still open here were cancelled: they may yet commit there.',
      };
    case 'unusable-shape':
      return {
        title: 'The remembered cluster cannot be run',
        detail: `Its shape record in IndexedDB is wrong: ${standby.reason}. Nothing was changed. Resetting wipes every node's store and starts a new, empty cluster.`,
      };
  }
}

/** A hand-over takes one write per node (milliseconds); this long without one, the owner is not answering. */
export const SLOW_HANDOVER_MS = 3000;

export const StandbyBanner = memo(function StandbyBanner() {
  const standby = useAppState((s) => s.standby);
  const { owner } = usePageApp();
  const takeOver = useRun(takeOverHere);
  const stopWaiting = useRun(cancelTakeOver);
  if (!standby) return null;
  const { title, detail } = explain(standby);
  return (
    <div className="status-banner tone-warning" role="alert" data-testid="standby">
      <h1 className="headline">{title}</h1>
      <p className="headline-detail">{detail}</p>
      {standby.kind === 'taking-over' && <SlowOwner since={standby.since} />}
      <div className="violation-actions" style={{ marginTop: 'var(--space-3)' }}>
        {owner && standby.kind === 'elsewhere' && <button className="btn primary" onClick={() => takeOver(owner)}>Take over here</button>}
        {owner && standby.kind === 'taking-over' && <button className="btn" onClick={() => stopWaiting(owner)}>Stop waiting</button>}
        {owner && standby.kind === 'taken-over' && <button className="btn primary" onClick={() => takeOver(owner)}>Take it back here</button>}
        {standby.kind === 'unusable-shape' && <ResetButton label="Reset cluster and start a new one" primary />}
      </div>
    </div>
  );
});

/**
 * The owner lets go only once its nodes have stopped; a frozen background tab or a hung page never
 * does, and holds the Web Lock until it is closed. Say so once the wait is clearly too long.
 */
function SlowOwner({ since }: { readonly since: number }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const waited = now - since;
  if (waited < SLOW_HANDOVER_MS) return null;
  return (
    <p className="headline-detail" data-testid="slow-owner">
      The other tab has not let go for {Math.floor(waited / 1000)} s: it may be frozen (a background tab the browser suspended) or busy.
      Switch to it or close it, and this tab takes over the moment it lets go; or stop waiting, and it keeps the cluster.
    </p>
  );
}
