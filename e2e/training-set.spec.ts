/**
 * The training-set journey: with the example project's batches, a user brings back 40 generated
 * images for one batch (a zip of 39 Midjourney downloads plus one renamed file), fixes the one
 * image that matched no job by hand, sets a trigger word, and exports the set in each layout.
 * The zips are read back: folder names, files, captions and image bytes.
 */
import AxeBuilder from '@axe-core/playwright';
import { exportLayout, importGeneratedImages, images, jobs, openExampleTrainingSet, RENAMED, RENAMED_NAME } from './support/training-set-actions';
import { expect, test } from './support/test';

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
