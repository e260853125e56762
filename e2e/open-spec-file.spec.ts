/**
 * "Open project file…" takes specifications too (issue 11): this app's JSON export (which says it
 * is for tools and re-import) and the original desktop app's JSON open as a new project with the
 * spec and no images, clearly labelled; the project the export came from is untouched.
 */
import type { Page } from '@playwright/test';
import { exportAs, goToStep, openApp } from './support/app';
import { originalAppProjectFile, originalAppSpecification } from './fixtures/original-app-spec';
import { readStorage } from './support/project-storage';
import { expect, test } from './support/test';

async function openFile(page: Page, name: string, text: string): Promise<void> {
  await page.getByRole('link', { name: 'Projects' }).click();
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Open project file…' }).click();
  await (await chooser).setFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
}

test("this app's JSON export opens again as a new project with its spec and no images", async ({ page }) => {
  await openApp(page);
  await page.getByRole('link', { name: 'Projects' }).click();
  await page.getByRole('button', { name: 'Open the example project' }).click();
  await goToStep(page, '4. Export');
  const json = await exportAs(page, 'Download JSON');

  await openFile(page, json.name, json.text);
  await expect(page.getByRole('status').filter({ hasText: 'Opened a JSON export of this app as' })).toContainText('Add them on step 1');
  await expect(page.getByLabel('Project name')).toHaveValue(/\(imported\)$/);
  await expect(page.getByRole('heading', { name: 'Colour palette' })).toBeVisible();
  await page.getByRole('button', { name: 'Next: batches' }).click();
  await expect(page.getByText('All 8 batches are valid')).toBeVisible();
  await goToStep(page, '1. Images');
  await expect(page.getByText('0 of 10 added.')).toBeVisible();

  const stored = await readStorage(page);
  expect(stored.projects).toHaveLength(2);
  expect(stored.projects.find((project) => project.isExample)?.imageIds).toHaveLength(4);
});

test("the original desktop app's JSON export and project file open, converted and labelled", async ({ page }) => {
  await openApp(page);
  await openFile(page, 'lora-40154857.json', JSON.stringify(originalAppSpecification('4015485712'), null, 2));
  await expect(page.getByRole('status').filter({ hasText: 'Opened a JSON export of the original desktop app as “lora-40154857 (imported)”' })).toBeVisible();
  await page.getByRole('button', { name: 'Next: batches' }).click();
  await expect(page.getByText('All 8 batches are valid')).toBeVisible();
  await expect(page.getByLabel('Permutation prompt').first()).toHaveValue(/--sref 4015485712$/);

  await openFile(page, 'posters.lora-project', originalAppProjectFile('7777777777'));
  await expect(page.getByRole('status').filter({ hasText: 'Opened a project file of the original desktop app as “posters (imported)”' })).toBeVisible();
  await goToStep(page, '1. Images');
  await expect(page.getByLabel('Style reference (--sref)')).toHaveValue('7777777777');
});
