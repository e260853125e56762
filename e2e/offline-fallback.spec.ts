/**
 * Auto mode with a key: Cloud first. The Claude stand-in keeps answering 529 (overloaded), the
 * SDK's retries run out, and the analysis finishes offline; the app says so.
 */
import { reply } from './fixtures/claude-server';
import { chooseAnalysisMode, downloadOfflineModel, expect, test } from './support/offline-actions';
import { analyze, chooseImages, continueToBatches, enterSref, goToStep, openApp, useCloud } from './support/app';
import { styleImages, TEST_API_KEY, TEST_SREF } from './support/test';

test.setTimeout(240_000);

test('Auto falls back to the offline model when Claude stays overloaded', async ({ page, hub, claude }) => {
  claude.enqueue(...Array.from({ length: 10 }, () => reply.overloaded(20)));
  await openApp(page);
  await downloadOfflineModel(page, hub.url);
  await useCloud(page, { apiKey: TEST_API_KEY, endpoint: claude.url });
  await chooseAnalysisMode(page, 'Auto');

  await goToStep(page, '1. Images');
  await enterSref(page, TEST_SREF);
  await chooseImages(page, styleImages(3));
  await page.getByRole('button', { name: 'Continue to analysis' }).click();
  await analyze(page);

  await expect(page.getByText('Cloud analysis failed').first()).toBeVisible({ timeout: 60_000 });
  // Results first: the finished analysis shows its results, and says there how it got them.
  await expect(page.getByRole('button', { name: 'Next: batches' })).toBeVisible({ timeout: 150_000 });
  await expect(page.getByText('Completed using the offline model after the Cloud call failed.')).toBeVisible();
  const apiCalls = claude.requests.filter((request) => request.path === '/v1/messages');
  expect(apiCalls.length).toBeGreaterThanOrEqual(2); // first try + the SDK's retries
  expect(apiCalls.length).toBe(10 - claude.pending());

  await expect(page.locator('.analysis-meta')).toContainText('Offline');
  await expect(page.locator('.analysis-meta')).toContainText('Fallback used');
  await continueToBatches(page);
  await expect(page.getByText(/All \d+ batches are valid/)).toBeVisible();
});
