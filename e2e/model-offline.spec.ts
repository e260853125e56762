/** After download the model needs no network: Ready offline, files served by the service worker; clearing frees what it says. */
import { formatBytes } from '../src/errors';
import { localModelFileUrl } from '../src/models/model-url';
import { readFile } from 'node:fs/promises';
import { DOWNLOADED_FILES, MODEL_REPO, expect, expectStatus, modelCard, openModelSettings, repoFilePath, repoFileSize, storageUsage, test } from './support/model-actions';

test('with the network off after download, the model is Ready and its files are served', async ({ page, context, hub }) => {
  const card = await openModelSettings(page, hub.url);
  await page.evaluate(() => navigator.serviceWorker.ready);
  await card.getByRole('button', { name: 'Download' }).click();
  await expectStatus(card, 'ready');

  await page.reload();
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  const hubRequests = hub.requests.length;
  await context.setOffline(true);
  await page.reload();
  await expectStatus(modelCard(page), 'ready');

  const url = (path: string) => localModelFileUrl(page.url(), { host: hub.url, repo: MODEL_REPO, revision: 'main', path });
  const answers = await page.evaluate(
    async ({ decoder, config, missing }) => {
      const ranged = await fetch(decoder, { headers: { Range: 'bytes=100-199' } });
      const whole = await fetch(config);
      return {
        status: ranged.status,
        contentRange: ranged.headers.get('Content-Range'),
        bytes: [...new Uint8Array(await ranged.arrayBuffer())],
        configStatus: whole.status,
        config: await whole.text(),
        missingStatus: (await fetch(missing)).status,
      };
    },
    { decoder: url('onnx/decoder_model_merged_q4.onnx'), config: url('config.json'), missing: url('onnx/vision_encoder.onnx') },
  );
  const decoder = await readFile(repoFilePath('onnx/decoder_model_merged_q4.onnx'));
  expect(answers.status).toBe(206);
  expect(answers.contentRange).toBe(`bytes 100-199/${decoder.length}`);
  expect(Buffer.from(answers.bytes).equals(decoder.subarray(100, 200))).toBe(true);
  expect([answers.configStatus, answers.config]).toEqual([200, await readFile(repoFilePath('config.json'), 'utf8')]);
  expect(answers.missingStatus).toBe(404);
  expect(hub.requests.length).toBe(hubRequests);
});

test('clearing the model cache frees the bytes it reports', async ({ page, hub }) => {
  const card = await openModelSettings(page, hub.url);
  await card.getByRole('button', { name: 'Download' }).click();
  await expectStatus(card, 'ready');
  let total = 0;
  for (const path of DOWNLOADED_FILES) total += await repoFileSize(path);
  await expect(page.getByTestId('model-usage')).toContainText(`Models use ${formatBytes(total)}`);
  // A ready model makes the app store the ONNX runtime (.wasm) too; let that settle first.
  await expect
    .poll(() => page.evaluate(async () => (await (await caches.open('onnx-runtime')).keys()).length), { timeout: 60_000 })
    .toBe(1);
  const before = await storageUsage(page);

  await page.getByRole('button', { name: 'Clear all models' }).click();
  await page.getByRole('button', { name: 'Delete all model files' }).click();
  await expect(page.getByText(`All models deleted: ${formatBytes(total)} freed.`)).toBeVisible();
  await expect(page.getByTestId('model-usage')).toContainText('Models use 0 B');
  await expectStatus(card, 'not-downloaded');
  // The browser's own accounting drops by the same amount (within its bookkeeping overhead).
  await expect.poll(async () => before - (await storageUsage(page))).toBeGreaterThan(total * 0.97);
  expect(before - (await storageUsage(page))).toBeLessThan(total * 1.03 + 512 * 1024);
});
