/**
 * The training-set journey's user steps, shared by e2e/training-set.spec.ts and the served-dist
 * specs: open the example project's training set, bring back the generated images of one batch
 * (a zip of Midjourney downloads plus one renamed file), export a layout and read the zip back.
 */
import { unzipSync, zipSync } from 'fflate';
import { readFile } from 'node:fs/promises';
import { expect, type Page } from '@playwright/test';
import { EXAMPLE_SPEC } from '../../src/domain/example-spec';
import { listTrainingJobs } from '../../src/domain/training-set/training-jobs';
import { openApp } from './app';
import { generateJobImages } from './training-set-images';

export const BATCH = 2; // "Wild animals": 8 subjects x 5 modifiers = 40 jobs
export const jobs = listTrainingJobs(EXAMPLE_SPEC).jobs.filter((job) => job.batchNumber === BATCH);
export const images = generateJobImages(jobs);
/** The user renamed this one: nothing in its name points to a job. */
export const RENAMED = 17;
export const RENAMED_NAME = 'IMG_0042.png';

export async function openExampleTrainingSet(page: Page): Promise<void> {
  await openApp(page);
  await page.getByRole('link', { name: 'Projects' }).click();
  await page.getByRole('button', { name: 'Open the example project' }).click();
  await expect(page.getByText('All 8 batches are valid')).toBeVisible();
  await page.getByRole('link', { name: 'Training set' }).click();
  await expect(page.getByRole('heading', { name: 'Training set', level: 2 })).toBeVisible();
}

export async function importGeneratedImages(page: Page): Promise<void> {
  const zipped = Object.fromEntries(images.filter((_, index) => index !== RENAMED).map((image) => [`midjourney/${image.name}`, new Uint8Array(image.png)]));
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Choose images or zip…' }).click();
  await (await chooser).setFiles([
    { name: 'wild-animals.zip', mimeType: 'application/zip', buffer: Buffer.from(zipSync(zipped, { level: 0 })) },
    { name: RENAMED_NAME, mimeType: 'image/png', buffer: images[RENAMED]!.png },
  ]);
}

export async function exportLayout(page: Page, layout: string): Promise<Record<string, Uint8Array>> {
  await page.getByRole('radio', { name: new RegExp(`^${layout}`) }).check();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export zip' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^example-retro-travel-posters-(kohya|ai-toolkit|diffusers)\.zip$/);
  return unzipSync(new Uint8Array(await readFile(await file.path())));
}
