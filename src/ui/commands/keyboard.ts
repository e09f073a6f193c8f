import type { AppState } from '../store/store';
import { clearSelection, selectNode, toggleLegend } from './cluster';
import { crashNode, forceTimeout, restartNode, toggleIsolation } from './nodes';
import { faster, slower, step, togglePause } from './time';
import type { Command, KeyLike } from './types';

/** The commands with a keyboard shortcut, in the order the legend lists them. */
export const SHORTCUTS: readonly Command<never>[] = [
  togglePause, step, faster, slower, crashNode, restartNode, forceTimeout, toggleIsolation, toggleLegend, clearSelection,
] as unknown as Command<never>[];

export interface KeyBinding {
  readonly command: Command<unknown>;
  readonly arg: unknown;
}

/** The command a key press runs now, with its argument, or null. Digits select a node. */
export function commandForKey(event: KeyLike, state: AppState): KeyBinding | null {
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  if (/^[0-8]$/.test(event.key)) return { command: selectNode as Command<unknown>, arg: Number(event.key) };
  for (const command of SHORTCUTS as readonly Command<unknown>[]) {
    if (!command.key?.test(event)) continue;
    const arg = command.key.arg(state);
    if (arg === null) return null; // e.g. "crash" with no node selected
    return { command, arg };
  }
  return null;
}

/**
 * Keys that belong to the focused element: typing in a field must not pause the cluster, and Space
 * on a focused button presses that button, not Pause.
 */
export function keyBelongsToTarget(target: EventTarget | null, key: string): boolean {
  const element = target as HTMLElement | null;
  if (!element || typeof element.tagName !== 'string') return false;
  const tag = element.tagName.toLowerCase();
  if (tag === 'input' || tag === 'textarea' || tag === 'select' || element.isContentEditable === true) return key !== 'Escape';
  const pressable = tag === 'button' || tag === 'a' || tag === 'summary' || element.getAttribute?.('role') === 'button';
  return pressable && (key === ' ' || key === 'Enter');
}
