/** Cancelling an offline analysis mid-generation stops it, and the app stays usable: the next analysis completes. */
import { analysisProgress, chooseAnalysisMode, downloadOfflineModel, expect, test, waitForAnalysis } from './offline-actions';
import { analyze, chooseImages, enterSref, goToStep, openApp } from './support/app';
import { styleImages, TEST_SREF } from './support/test';

test.setTimeout(240_000);

test('cancel while tokens are being generated, then analyse again', async ({ page, hub }) => {
  await openApp(page);
  await downloadOfflineModel(page, hub.url);
  await chooseAnalysisMode(page, 'Offline');
  await goToStep(page, '1. Images');
  await enterSref(page, TEST_SREF);
  await chooseImages(page, styleImages(3));
  await page.getByRole('button', { name: 'Continue to analysis' }).click();

  await analyze(page);
  await expect(analysisProgress(page)).toContainText(/\d+ tokens · [\d.]+ tokens\/s/, { timeout: 120_000 });
  await page.getByRole('button', { name: 'Cancel analysis' }).click();
  // Stopped within the cooperative cancel window: no error, the start button is back.
  await expect(page.getByRole('button', { name: 'Analyse style' })).toBeVisible({ timeout: 3_000 });
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.getByRole('tab', { name: '3. Batches' })).not.toHaveAttribute('aria-selected', 'true');

  await page.getByRole('button', { name: 'Analyse style' }).click();
  await waitForAnalysis(page);
  await expect(page.getByText(/All (8|9|10) batches are valid/)).toBeVisible();
});
