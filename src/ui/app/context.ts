import { createContext, useCallback, useContext } from 'react';
import { useStore } from 'zustand';
import type { Command, CommandContext } from '../commands/types';
import type { AppState } from '../store/store';
import type { PageApp } from './boot';
import { STORAGE_NAMES } from './engine-choice';

/** The page's app (cluster, store, commands, frame loop), provided once at the root. */
export const AppContext = createContext<PageApp | null>(null);

export function usePageApp(): PageApp {
  const app = useContext(AppContext);
  if (!app) throw new Error('usePageApp outside <AppContext.Provider>');
  return app;
}

/** Select one value from the store (re-render only when it changes). */
export function useAppState<T>(selector: (state: AppState) => T): T {
  return useStore(usePageApp().store, selector);
}

/** What the page calls the nodes' durable storage: IndexedDB on the live engine, a simulated disk on the other. */
export function useStorageName(): string {
  const app = useContext(AppContext);
  return STORAGE_NAMES[app?.engine ?? 'live'];
}

export function useCommands(): CommandContext {
  const commands = usePageApp().commands;
  if (!commands) throw new Error('no cluster: commands are unavailable');
  return commands;
}

/** A stable callback that performs `command` with the page's context. */
export function useRun<A>(command: Command<A>): (arg: A) => void {
  const ctx = useCommands();
  return useCallback((arg: A) => { void command.perform(ctx, arg); }, [ctx, command]);
}
