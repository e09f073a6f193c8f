import type { StateCreator } from 'zustand/vanilla';
import type { AppState } from './store';

export type Theme = 'light' | 'dark';
export type PanelTab = 'timeline' | 'client' | 'storage' | 'diagram';
export type Popover = 'legend' | 'bugs' | 'partition' | 'timing' | null;

/** How the page looks: theme, which panel tab and which popover is open. */
export interface PrefsSlice {
  theme: Theme;
  tab: PanelTab;
  popover: Popover;
  setTheme(theme: Theme): void;
  setTab(tab: PanelTab): void;
  setPopover(popover: Popover): void;
}

export const createPrefsSlice = (theme: Theme): StateCreator<AppState, [], [], PrefsSlice> => (set) => ({
  theme,
  tab: 'timeline',
  popover: null,
  setTheme: (next) => set({ theme: next }),
  setTab: (tab) => set({ tab }),
  setPopover: (popover) => set({ popover }),
});
