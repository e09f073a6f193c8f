import { useEffect, useRef, type ReactNode } from 'react';
import { usePageApp } from '../../app/context';

/**
 * A panel that opens under its button (the parent `.popover-anchor`). One popover is open at a
 * time (store.popover); a click outside or Escape closes it.
 */
export function Popover({ label, children, align = 'left', wide = false }: { label: string; children: ReactNode; align?: 'left' | 'right'; wide?: boolean }) {
  const { store } = usePageApp();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const onDown = (event: PointerEvent): void => {
      const anchor = ref.current?.parentElement;
      if (anchor && !anchor.contains(event.target as Node)) store.getState().setPopover(null);
    };
    document.addEventListener('pointerdown', onDown);
    return () => document.removeEventListener('pointerdown', onDown);
  }, [store]);
  return (
    <div ref={ref} className={`popover ${align} ${wide ? 'wide' : ''}`} role="dialog" aria-label={label}>
      {children}
    </div>
  );
}
