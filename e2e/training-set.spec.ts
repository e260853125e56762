/**
 * The training-set journey: with the example project's batches, a user brings back 40 generated
 * images for one batch (a zip of 39 Midjourney downloads plus one renamed file), fixes the one
 * image that matched no job by hand, sets a trigger word, and exports the set in each layout.
 * The zips are read back: folder names, files, captions and image bytes.
 */
import AxeBuilder from '@axe-core/playwright';
import { unzipSync, zipSync } from 'fflate';
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { EXAMPLE_SPEC } from '../src/domain/example-spec';
import { listTrainingJobs } from '../src/domain/training-set/training-jobs';
import { openApp } from './support/app';
import { expect, test } from './support/test';
import { generateJobImages } from './support/training-set-images';

const BATCH = 2; // "Wild animals": 8 subjects x 5 modifiers = 40 jobs
const jobs = listTrainingJobs(EXAMPLE_SPEC).jobs.filter((job) => job.batchNumber === BATCH);
const images = generateJobImages(jobs);
/** The user renamed this one: nothing in its name points to a job. */
const RENAMED = 17;
const RENAMED_NAME = 'IMG_0042.png';

async function openExampleTrainingSet(page: Page): Promise<void> {
  await openApp(page);
  await page.getByRole('link', { name: 'Projects' }).click();
  await page.getByRole('button', { name: 'Open the example project' }).click();
  await expect(page.getByText('All 8 batches are valid')).toBeVisible();
  await page.getByRole('link', { name: 'Training set' }).click();
  await expect(page.getByRole('heading', { name: 'Training set', level: 2 })).toBeVisible();
}

async function importGeneratedImages(page: Page): Promise<void> {
  const zipped = Object.fromEntries(images.filter((_, index) => index !== RENAMED).map((image) => [`midjourney/${image.name}`, new Uint8Array(image.png)]));
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Choose images or zip…' }).click();
  await (await chooser).setFiles([
    { name: 'wild-animals.zip', mimeType: 'application/zip', buffer: Buffer.from(zipSync(zipped, { level: 0 })) },
    { name: RENAMED_NAME, mimeType: 'image/png', buffer: images[RENAMED]!.png },
  ]);
}

async function exportLayout(page: Page, layout: string): Promise<Record<string, Uint8Array>> {
  await page.getByRole('radio', { name: new RegExp(`^${layout}`) }).check();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export zip' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^example-retro-travel-posters-(kohya|ai-toolkit|diffusers)\.zip$/);
  return unzipSync(new Uint8Array(await readFile(await file.path())));
}

const text = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes);
/** Description -> the PNG the test made for that job. */
const pngByDescription = new Map(images.map((image) => [image.job.description, image.png]));

test('import generated images, fix the unmatched one, export every layout', async ({ page }) => {
  await openExampleTrainingSet(page);
  await importGeneratedImages(page);
  await expect(page.getByRole('status').filter({ hasText: 'Added 40 images' })).toHaveText('Added 40 images: 39 matched to jobs, 1 needs a job.');

  // Every panel is on screen now (an unmatched image, a batch opened): no serious axe violations.
  await page.getByText('Batch 2 · Wild animals (39 images)').click();
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical').map((violation) => violation.id)).toEqual([]);

  // The one image without a job is fixed by hand.
  const unassigned = page.getByRole('region', { name: /Images without a job/ });
  await expect(unassigned).toContainText('Images without a job (1)');
  await page.getByLabel(`Job for ${RENAMED_NAME}`).selectOption(images[RENAMED]!.job.key);
  await expect(unassigned).toHaveCount(0);

  await page.getByLabel('Trigger word').fill('pstr_style');
  await expect(page.getByTestId('caption-preview')).toHaveText(/^pstr_style, style, /);
  const checks = page.getByRole('region', { name: 'Checks' });
  await expect(checks).toContainText('40 images in the set; the plan recommends 60.');
  await expect(checks.getByRole('row', { name: /Wild animals/ })).toContainText('40');

  // kohya: <repeats>_<trigger> <class>/ with a caption .txt per image.
  await page.getByRole('radio', { name: /^kohya/ }).check();
  await page.getByLabel('Repeats per image').fill('12');
  await page.getByLabel('Repeats per image').press('Tab');
  const kohya = await exportLayout(page, 'kohya');
  const kohyaNames = Object.keys(kohya);
  expect(new Set(kohyaNames.map((name) => name.slice(0, name.lastIndexOf('/'))))).toEqual(new Set(['img/12_pstr_style style']));
  expect(kohyaNames.filter((name) => name.endsWith('.png'))).toHaveLength(40);
  expect(kohyaNames.filter((name) => name.endsWith('.txt'))).toHaveLength(40);
  const kohyaCaptions = kohyaNames.filter((name) => name.endsWith('.txt')).map((name) => text(kohya[name]));
  expect(new Set(kohyaCaptions)).toEqual(new Set(jobs.map((job) => `pstr_style, style, ${job.description}`)));
  for (const name of kohyaNames.filter((entry) => entry.endsWith('.txt'))) {
    const description = text(kohya[name]).replace('pstr_style, style, ', '');
    expect(Buffer.from(kohya[name.replace(/\.txt$/, '.png')]!).equals(pngByDescription.get(description)!), name).toBe(true);
  }

  // ai-toolkit: same-name .txt captions with the [trigger] placeholder.
  const aiToolkit = await exportLayout(page, 'ai-toolkit');
  const toolkitTexts = Object.keys(aiToolkit).filter((name) => name.endsWith('.txt'));
  expect(toolkitTexts).toHaveLength(40);
  for (const name of toolkitTexts) {
    expect(name).toMatch(/^dataset\/\d{4}\.txt$/);
    expect(text(aiToolkit[name])).toMatch(/^\[trigger\], style, /);
    expect(aiToolkit[name.replace(/\.txt$/, '.png')]).toBeDefined();
  }
  expect(toolkitTexts.map((name) => text(aiToolkit[name]))).toContain(`[trigger], style, ${images[RENAMED]!.job.description}`);

  // diffusers / InvokeAI: metadata.jsonl with one {"file_name","text"} line per image.
  const diffusers = await exportLayout(page, 'diffusers');
  const lines = text(diffusers['train/metadata.jsonl']).trim().split('\n').map((line) => JSON.parse(line) as { file_name: string; text: string });
  expect(lines).toHaveLength(40);
  expect(Object.keys(diffusers).filter((name) => name.endsWith('.png'))).toHaveLength(40);
  for (const line of lines) {
    const description = line.text.replace('pstr_style, style, ', '');
    expect(Buffer.from(diffusers[`train/${line.file_name}`]!).equals(pngByDescription.get(description)!), line.file_name).toBe(true);
  }

  // Everything is kept in this browser: after a reload the set and the settings are still there.
  await page.reload();
  await page.getByRole('link', { name: 'Training set' }).click();
  await expect(page.getByRole('region', { name: 'Checks' })).toContainText('40 images in the set');
  await expect(page.getByLabel('Trigger word')).toHaveValue('pstr_style');
  await expect(page.getByRole('region', { name: /Images without a job/ })).toHaveCount(0);
});
