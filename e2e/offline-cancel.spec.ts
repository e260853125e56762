/**
 * Cancelling an offline analysis mid-generation stops it, and the app stays usable: the next
 * analysis generates again, and is cancelled as cleanly. (The worker after a cancel:
 * offline-worker-cancel.spec.ts; complete offline analyses in the app: offline-network-off,
 * offline-fallback and e2e-dist/offline-journey.)
 */
import { analysisProgress, expect, prepareOfflineProject, test } from './support/offline-actions';
import { analyze } from './support/app';

test.setTimeout(240_000);

test('cancel while tokens are being generated, then analyse again', async ({ page, hub }) => {
  await prepareOfflineProject(page, hub.url);

  await analyze(page);
  await expect(analysisProgress(page)).toContainText(/\d+ tokens · [\d.]+ tokens\/s/, { timeout: 120_000 });
  await page.getByRole('button', { name: 'Cancel analysis' }).click();
  // Stopped within the cooperative cancel window: no error, the start button is back.
  await expect(page.getByRole('button', { name: 'Analyse style' })).toBeVisible({ timeout: 3_000 });
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.getByRole('tab', { name: '3. Batches' })).not.toHaveAttribute('aria-selected', 'true');

  await page.getByRole('button', { name: 'Analyse style' }).click();
  await expect(analysisProgress(page)).toContainText(/\d+ tokens · [\d.]+ tokens\/s/, { timeout: 120_000 });
  await page.getByRole('button', { name: 'Cancel analysis' }).click();
  await expect(page.getByRole('button', { name: 'Analyse style' })).toBeVisible({ timeout: 3_000 });
  await expect(page.getByRole('alert')).toHaveCount(0);
});
