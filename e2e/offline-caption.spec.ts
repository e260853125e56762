/**
 * With the offline model installed, an image that matches no job can be described by the model:
 * the training-set builder shows the button, and the real worker (WASM, tiny model) writes a
 * one-line description into the image's field.
 */
import { listTrainingJobs } from '../src/domain/training-set/training-jobs';
import { EXAMPLE_SPEC } from '../src/domain/example-spec';
import { downloadOfflineModel, expect, test } from './support/offline-actions';
import { openApp } from './support/app';
import { generateJobImages } from './support/training-set-images';

test.setTimeout(180_000);

const UNMATCHED_NAME = 'IMG_0042.png';

test('an image without a job is described by the installed offline model', async ({ page, hub }) => {
  await openApp(page);
  await downloadOfflineModel(page, hub.url);

  await page.getByRole('link', { name: 'Projects' }).click();
  await page.getByRole('button', { name: 'Open the example project' }).click();
  await expect(page.getByText('All 8 batches are valid')).toBeVisible();
  await page.getByRole('link', { name: 'Training set' }).click();

  const [image] = generateJobImages(listTrainingJobs(EXAMPLE_SPEC).jobs.slice(0, 1));
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Choose images or zip…' }).click();
  await (await chooser).setFiles([{ name: UNMATCHED_NAME, mimeType: 'image/png', buffer: image!.png }]);

  const unassigned = page.getByRole('region', { name: /Images without a job/ });
  await expect(unassigned).toContainText('Images without a job (1)');
  const description = page.getByLabel(`Description of ${UNMATCHED_NAME}`);
  await expect(description).toHaveValue('');
  await unassigned.getByRole('button', { name: 'Describe them with the offline model' }).click();
  await expect(description).not.toHaveValue('', { timeout: 120_000 });
  const caption = await description.inputValue();
  expect(caption).not.toMatch(/\n/);
  expect(caption.length).toBeLessThanOrEqual(160);
});
