/**
 * The training set under hostile input and deletes (issue 9): a real zip bomb is refused early
 * with a clear message, and deleting a project deletes its training set in every database.
 */
import type { Page } from '@playwright/test';
import { zipSync } from 'fflate';
import { EXAMPLE_SPEC } from '../src/domain/example-spec';
import { listTrainingJobs } from '../src/domain/training-set/training-jobs';
import { integrityProblems, readStorage } from './support/project-storage';
import { expect, test } from './support/test';
import { generateJobImages } from './support/training-set-images';
import { buildZipBomb } from './support/zip-bomb';
import { openExampleTrainingSet } from './support/training-set-actions';

async function chooseTrainingFiles(page: Page, files: { name: string; mimeType: string; buffer: Buffer }[]): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Choose images or zip…' }).click();
  await (await chooser).setFiles(files);
}

test('a 1.5 MB zip that inflates to 1.5 GB is refused early, whether or not it declares its size', async ({ page }) => {
  const declared = await buildZipBomb('midjourney/user_fox_at_dawn_0.png', 1.5 * 1024 ** 3);
  const hidden = await buildZipBomb('midjourney/user_owl_in_fog_1.png', 1.5 * 1024 ** 3, { hideSizes: true });
  expect(hidden.length).toBeLessThan(2 * 1024 * 1024);
  await openExampleTrainingSet(page);
  const good = generateJobImages(listTrainingJobs(EXAMPLE_SPEC).jobs.slice(0, 2));

  const started = Date.now();
  await chooseTrainingFiles(page, [
    { name: 'declared.zip', mimeType: 'application/zip', buffer: declared },
    { name: 'hidden.zip', mimeType: 'application/zip', buffer: hidden },
    ...good.map((image) => ({ name: image.name, mimeType: 'image/png', buffer: image.png })),
  ]);
  const summary = page.getByRole('status').filter({ hasText: 'Added 2 images' });
  // Refused from its header before inflating anything...
  await expect(summary).toContainText('declared.zip was not unpacked: midjourney/user_fox_at_dawn_0.png would unpack to 1.5 GB, more than the 256 MB allowed per file.');
  // ...or, when the header hides the size, stopped while inflating.
  await expect(summary).toContainText('hidden.zip was not unpacked: it unpacks to more than 50 times its size');
  expect(Date.now() - started).toBeLessThan(20_000);
  const metrics = await (await page.context().newCDPSession(page)).send('Performance.getMetrics');
  expect(metrics.metrics.find((metric) => metric.name === 'JSHeapUsedSize')?.value ?? 0).toBeLessThan(300 * 1024 * 1024);
  await expect(page.getByRole('button', { name: 'Choose images or zip…' })).toBeEnabled();
});

test('deleting a project deletes its training set too', async ({ page }) => {
  await openExampleTrainingSet(page);
  const images = generateJobImages(listTrainingJobs(EXAMPLE_SPEC).jobs.slice(0, 3));
  await chooseTrainingFiles(page, [
    { name: 'set.zip', mimeType: 'application/zip', buffer: Buffer.from(zipSync(Object.fromEntries(images.map((image) => [image.name, new Uint8Array(image.png)])), { level: 0 })) },
  ]);
  await expect(page.getByRole('status').filter({ hasText: 'Added 3 images' })).toBeVisible();
  const before = await readStorage(page);
  expect(before.trainingOwners.length).toBeGreaterThanOrEqual(3);

  await page.getByRole('link', { name: 'Projects' }).click();
  await page.getByRole('button', { name: 'Delete Example: retro travel posters' }).click();
  const dialog = page.getByRole('alertdialog');
  await expect(dialog).toContainText('training set');
  await dialog.getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByText('No saved projects yet.')).toBeVisible();
  const after = await readStorage(page);
  expect(after.projects).toEqual([]);
  expect(after.images).toEqual([]);
  expect(after.trainingOwners).toEqual([]);
  expect(integrityProblems(after)).toEqual([]);
});
