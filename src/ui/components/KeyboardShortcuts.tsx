import { useEffect } from 'react';
import { usePageApp } from '../app/context';
import { commandForKey, keyBelongsToTarget } from '../commands/keyboard';

/** Space, S, +, −, digits, C, R, T, I, ?, Esc: see the legend. Renders nothing; listens on the window. */
export function KeyboardShortcuts(): null {
  const { commands, store } = usePageApp();
  useEffect(() => {
    if (!commands) return;
    const onKey = (event: KeyboardEvent): void => {
      if (keyBelongsToTarget(event.target, event.key)) return;
      const binding = commandForKey(event, store.getState());
      if (!binding) return;
      event.preventDefault();
      void binding.command.perform(commands, binding.arg);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [commands, store]);
  return null;
}
