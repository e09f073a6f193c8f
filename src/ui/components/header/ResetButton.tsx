import { memo, useEffect, useRef, useState } from 'react';
import { useRun, useStorageName } from '../../app/context';
import { resetCluster } from '../../commands/cluster';
import { Icon } from '../common/Icon';

/**
 * Reset wipes every node's storage: it asks first, inside the page (a blocking window.confirm
 * would stop the page's clock and rendering behind it, and cannot be styled or tested by role).
 * Cancel has the focus, so Enter on a stray double press does not wipe anything. The banners
 * that offer a reset (no voting majority, an unusable stored shape) use this button too.
 */
export const ResetButton = memo(function ResetButton({ label = 'Reset cluster', primary = false }: {
  /** The button's text (a banner says more: "Reset cluster and start a new one"). */
  readonly label?: string;
  readonly primary?: boolean;
}) {
  const run = useRun(resetCluster);
  const [asking, setAsking] = useState(false);
  return (
    <div className="popover-anchor">
      <button className={`btn ${primary ? 'primary' : ''} ${asking ? 'active' : ''}`} onClick={() => setAsking(!asking)} aria-expanded={asking} title="Wipe every node's storage and start over">
        <Icon name="reset" /><span>{label}</span>
      </button>
      {asking && <ResetConfirm onCancel={() => setAsking(false)} onConfirm={() => { setAsking(false); run(); }} />}
    </div>
  );
});

function ResetConfirm({ onCancel, onConfirm }: { onCancel: () => void; onConfirm: () => void }) {
  const storage = useStorageName();
  const ref = useRef<HTMLDivElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    cancel.current?.focus();
    // A click anywhere else closes it, as the other popovers do.
    const onDown = (event: PointerEvent): void => {
      if (!ref.current?.parentElement?.contains(event.target as Node)) onCancel();
    };
    document.addEventListener('pointerdown', onDown);
    return () => document.removeEventListener('pointerdown', onDown);
  }, [onCancel]);
  return (
    <div ref={ref} className="popover reset-confirm" role="alertdialog" aria-label="Reset the cluster?" aria-describedby="reset-confirm-text"
      onKeyDown={(event) => { if (event.key === 'Escape') { event.stopPropagation(); onCancel(); } }}>
      <p id="reset-confirm-text" className="pop-intro">Wipe every node's storage ({storage}), the history and the timeline, and start a new cluster of the same size?</p>
      <div className="confirm-actions">
        <button className="btn danger" onClick={onConfirm}>Reset cluster</button>
        <button ref={cancel} className="btn" onClick={onCancel}>Cancel</button>
      </div>
    </div>
  );
}
