/**
 * A first-time visitor explores the bundled example (no key, no model), saves it as a project
 * file, opens that file again, and manages the project list. A malformed file imports nothing.
 */
import { exportAs, goToStep, openApp } from './support/app';
import { expect, test } from './support/test';

test('explore the example, save and reopen it as a file, delete a project', async ({ page }) => {
  await openApp(page);
  await page.getByRole('link', { name: 'Projects' }).click();
  await page.getByRole('button', { name: 'Open the example project' }).click();

  await expect(page.getByText('All 8 batches are valid')).toBeVisible();
  await goToStep(page, '2. Analysis');
  await expect(page.getByText('Example specification.')).toBeVisible();
  await expect(page.getByRole('list', { name: 'Colour palette' }).getByRole('listitem')).toHaveCount(6);

  await goToStep(page, '4. Export');
  const saved = await exportAs(page, 'Save project file');
  expect(saved.name).toMatch(/\.lora-project$/);
  const file = JSON.parse(saved.text);
  expect(file.project.images).toHaveLength(4);

  await page.getByRole('link', { name: 'Projects' }).click();
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Open project file…' }).click();
  await (await chooser).setFiles({ name: 'broken.lora-project', mimeType: 'application/json', buffer: Buffer.from('{"format":"lora-project"') });
  await expect(page.getByRole('alert').filter({ hasText: 'This project file cannot be opened' })).toBeVisible();

  const chooser2 = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Open project file…' }).click();
  await (await chooser2).setFiles({ name: saved.name, mimeType: 'application/json', buffer: Buffer.from(saved.text) });
  await expect(page.getByRole('tab', { name: '4. Export' })).toHaveAttribute('aria-selected', 'true');
  await goToStep(page, '1. Images');
  await expect(page.getByRole('list', { name: 'Style images' }).getByRole('listitem')).toHaveCount(4);

  await page.getByRole('link', { name: 'Projects' }).click();
  const rows = page.getByRole('listitem').filter({ hasText: 'Example: retro travel posters' });
  await expect(rows).toHaveCount(2);
  await page.getByRole('button', { name: 'Delete Example: retro travel posters' }).first().click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Delete' }).click();
  await expect(rows).toHaveCount(1);
});
