/** Presenter mode's keys, as data (tested on their own): what a key press does to the run shown. */
export type PresenterMove =
  | { readonly kind: 'step'; readonly by: 1 | -1 }
  | { readonly kind: 'seek'; readonly at: number }
  | { readonly kind: 'play' };

/** Shift with an arrow moves this much virtual time. */
export const PRESENTER_JUMP_MS = 100;

export const PRESENTER_KEYS = '→ / Page Down: one event · ← / Page Up: back · Shift: 100 ms · Home / End · P: play';

export function presenterMove(event: Pick<KeyboardEvent, 'key' | 'shiftKey' | 'ctrlKey' | 'metaKey' | 'altKey'>, run: { readonly at: number; readonly endAt: number }): PresenterMove | null {
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  const forward = event.key === 'ArrowRight' || event.key === 'PageDown';
  const back = event.key === 'ArrowLeft' || event.key === 'PageUp';
  if (forward || back) {
    if (!event.shiftKey) return { kind: 'step', by: forward ? 1 : -1 };
    return { kind: 'seek', at: Math.min(run.endAt, Math.max(0, run.at + (forward ? PRESENTER_JUMP_MS : -PRESENTER_JUMP_MS))) };
  }
  if (event.key === 'Home') return { kind: 'seek', at: 0 };
  if (event.key === 'End') return { kind: 'seek', at: run.endAt };
  if (event.key === 'p' || event.key === 'P') return { kind: 'play' };
  return null;
}
