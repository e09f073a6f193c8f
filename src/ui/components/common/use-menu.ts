import { useEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react';

/**
 * A header menu's own open state (Runs, Lab tests, Explore): a click anywhere outside it closes
 * it, as the other popovers do, and so does Escape from inside it (without reaching the page's
 * shortcuts). Put `ref` and `onKeyDown` on its anchor (the toggle and the menu both).
 */
export function useMenu(): { open: boolean; setOpen: (open: boolean) => void; ref: RefObject<HTMLDivElement | null>; onKeyDown: (event: KeyboardEvent) => void } {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const onDown = (event: PointerEvent): void => {
      if (!ref.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onDown);
    return () => document.removeEventListener('pointerdown', onDown);
  }, [open]);
  const onKeyDown = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    setOpen(false);
  };
  return { open, setOpen, ref, onKeyDown };
}
