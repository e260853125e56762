/**
 * With the network switched off after the model download, the offline analysis still works:
 * app shell from the service worker, model from ModelStore, ONNX runtime from the app's cache.
 */
import { chooseAnalysisMode, downloadOfflineModel, expect, test, waitForAnalysis } from './support/offline-actions';
import { analyze, chooseImages, enterSref, goToStep, openApp } from './support/app';
import { styleImages, TEST_SREF } from './support/test';

test.setTimeout(240_000);

test('after the download, an analysis runs with the network off', async ({ page, context, hub }) => {
  await openApp(page);
  await page.evaluate(() => navigator.serviceWorker.ready);
  await downloadOfflineModel(page, hub.url);
  await chooseAnalysisMode(page, 'Offline');

  // The service worker takes control on the next load; then the network goes away.
  await page.reload();
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  // With a model ready, the app stores the ONNX runtime (its .wasm; the glue is in the worker) by itself while online.
  await expect
    .poll(() => page.evaluate(async () => (await (await caches.open('onnx-runtime')).keys()).length), { timeout: 60_000 })
    .toBe(1);
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('link', { name: 'Project', exact: true })).toBeVisible();

  await goToStep(page, '1. Images');
  await enterSref(page, TEST_SREF);
  await chooseImages(page, styleImages(3));
  await page.getByRole('button', { name: 'Continue to analysis' }).click();
  await analyze(page);
  await waitForAnalysis(page);
  await expect(page.getByText(/All (8|9|10) batches are valid/)).toBeVisible();
});
