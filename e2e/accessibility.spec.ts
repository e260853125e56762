/** axe-core finds no serious or critical violations on any page, in light and dark themes. */
import AxeBuilder from '@axe-core/playwright';
import { goToStep, openApp } from './support/app';
import { expect, test } from './support/test';
import type { Page } from '@playwright/test';

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

for (const scheme of ['light', 'dark'] as const) {
  test(`no serious accessibility violations (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await openApp(page);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Projects' }).click();
    await page.getByRole('button', { name: 'Open the example project' }).click();
    await expect(page.getByText('All 8 batches are valid')).toBeVisible();
    for (const step of ['2. Analysis', '3. Batches', '4. Export'] as const) {
      await goToStep(page, step);
      expect(await seriousViolations(page), step).toEqual([]);
    }
    await page.getByRole('link', { name: 'Settings' }).click();
    await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });
}
