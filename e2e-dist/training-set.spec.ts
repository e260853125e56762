/**
 * The training set on the served dist/ under its CSP: generated images imported from a zip
 * (decoded, hashed, shown from blob: URLs), the unmatched one assigned, a layout exported.
 */
import { exportLayout, images, importGeneratedImages, openExampleTrainingSet, RENAMED, RENAMED_NAME } from '../e2e/support/training-set-actions';
import { expect, test } from './support/test';

test('import generated images and export the training set', async ({ page }) => {
  await openExampleTrainingSet(page);
  await importGeneratedImages(page);
  await expect(page.getByRole('status').filter({ hasText: 'Added 40 images' })).toHaveText('Added 40 images: 39 matched to jobs, 1 needs a job.');
  await page.getByLabel(`Job for ${RENAMED_NAME}`).selectOption(images[RENAMED]!.job.key);
  await page.getByLabel('Trigger word').fill('pstr_style');
  const files = await exportLayout(page, 'diffusers');
  expect(Object.keys(files).filter((name) => name.endsWith('.png'))).toHaveLength(40);
  expect(new TextDecoder().decode(files['train/metadata.jsonl']).trim().split('\n')).toHaveLength(40);
});
