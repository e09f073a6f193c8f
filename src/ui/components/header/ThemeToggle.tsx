import { memo } from 'react';
import { useAppState, useRun } from '../../app/context';
import { toggleTheme } from '../../commands/cluster';
import { Icon } from '../common/Icon';

export const ThemeToggle = memo(function ThemeToggle() {
  const dark = useAppState((s) => s.theme === 'dark');
  const run = useRun(toggleTheme);
  return (
    <button className="btn icon-only" aria-label={dark ? 'Light theme' : 'Dark theme'} title={dark ? 'Light theme' : 'Dark theme'} onClick={() => run()}>
      <Icon name={dark ? 'sun' : 'moon'} />
    </button>
  );
});
