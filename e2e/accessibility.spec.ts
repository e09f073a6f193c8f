import { axeViolations, expect, openApp, nodeAction, openClientPanel, test } from './fixtures';

/**
 * WCAG checks by axe-core (every rule it runs, colour contrast included) in both themes, over the
 * page's main states: the cluster with a leader, a crashed node and the client panel; the Runs,
 * Lab tests and Explore menus open (a lab test's status: lab-tests.spec.ts). Zero violations is the bar.
 */

test('no axe violations in either theme: a crashed node, the client panel, and each menu open', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openApp(page, '?speed=1&size=3&profile=lab&theme=light', { engine: 'sim', seed: 11, at: 3000 });
  await nodeAction(page, 0, 'Crash node 0');
  await openClientPanel(page);
  for (const theme of ['light', 'dark'] as const) {
    if (theme === 'dark') await page.getByRole('button', { name: 'Dark theme' }).click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    expect(await axeViolations(page), `${theme}: the cluster, a crashed node, the client panel`).toEqual([]);
    for (const menu of ['Runs', 'Lab tests', 'Explore']) {
      await page.getByRole('button', { name: menu, exact: true }).click();
      const dialog = page.getByRole('dialog', { name: menu });
      await expect(dialog).toBeVisible();
      if (menu === 'Lab tests') await expect(dialog.getByRole('button', { name: 'Watch' })).toBeEnabled();
      if (menu === 'Explore') await expect(dialog.getByRole('list', { name: 'Pending' })).toBeVisible();
      expect(await axeViolations(page, `[role="dialog"][aria-label="${menu}"]`), `${theme}: the ${menu} menu`).toEqual([]);
      await page.keyboard.press('Escape');
      await expect(dialog).toBeHidden();
    }
  }
});
