import { memo, useState } from 'react';
import { usePageApp } from '../../app/context';
import { RichText } from '../common/UserText';

/**
 * URL parameters the page did not use, each with its reason (PageParams.ignored: out of range, not
 * understood, or overridden by a remembered cluster). Someone who followed a link should not wonder
 * why `?size=7` shows five nodes. Dismissible; it never covers the top bar's controls.
 */
export const ParamsNotice = memo(function ParamsNotice() {
  const ignored = usePageApp().params.ignored;
  const [open, setOpen] = useState(true);
  if (!open || ignored.length === 0) return null;
  return (
    <div className="params-notice" role="status" aria-label="Ignored URL parameters">
      <ul>{ignored.map((note, i) => <li key={i}><RichText text={note} /></li>)}</ul>
      <button className="btn small" onClick={() => setOpen(false)}>Dismiss</button>
    </div>
  );
});
