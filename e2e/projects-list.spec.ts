/**
 * The project list as a user keeps it (issues 9 and 11): visits and "New project" leave no empty
 * "Untitled project" behind, and the delete dialog is a real modal (focus stays in it, Escape
 * keeps the project).
 */
import { openApp } from './support/app';
import { expect, test } from './support/test';

test('a first visit and New project leave no empty projects behind', async ({ page }) => {
  await openApp(page);
  await page.reload();
  await page.getByRole('link', { name: 'Projects' }).click();
  await page.getByRole('button', { name: 'New project' }).click();
  await page.getByRole('link', { name: 'Projects' }).click();
  await page.getByRole('button', { name: 'New project' }).click();
  await page.getByRole('link', { name: 'Projects' }).click();
  await expect(page.getByText('No saved projects yet.')).toBeVisible();
});

test('the delete dialog keeps focus inside, and Escape closes it without deleting', async ({ page }) => {
  await openApp(page);
  await page.getByRole('link', { name: 'Projects' }).click();
  await page.getByRole('button', { name: 'Open the example project' }).click();
  await expect(page.getByText('All 8 batches are valid')).toBeVisible();
  await page.getByRole('link', { name: 'Projects' }).click();
  await page.getByRole('button', { name: 'Delete Example: retro travel posters' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Delete “Example: retro travel posters”?' });
  await expect(dialog.getByRole('button', { name: 'Keep it' })).toBeFocused();
  for (let press = 0; press < 6; press += 1) {
    await page.keyboard.press('Tab');
    expect(await dialog.evaluate((element) => element.contains(document.activeElement))).toBe(true);
  }
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('button', { name: 'Delete Example: retro travel posters' })).toBeFocused();
  await expect(page.getByRole('listitem').filter({ hasText: 'Example: retro travel posters' })).toHaveCount(1);
});
