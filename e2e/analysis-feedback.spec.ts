/**
 * What the user is told around an analysis (issue 11): a failure with every cause, once; a run cut
 * off by a reload is named; focus follows the user to the next step and to what a run produced.
 */
import type { Page } from '@playwright/test';
import { analyze, chooseImages, enterSref, goToStep, openApp } from './support/app';
import { reply } from './fixtures/claude-server';
import { expect, styleImages, test, TEST_API_KEY, TEST_SREF } from './support/test';

/** Settings as a first-time user leaves them (Auto, auto-fallback on), with a key and the stand-in. */
async function useDefaultModeWithKey(page: Page, endpoint: string): Promise<void> {
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByLabel('Claude API key').fill(TEST_API_KEY);
  await page.getByRole('button', { name: 'Save key' }).click();
  const field = page.getByLabel('API endpoint');
  await field.fill(endpoint);
  await field.press('Tab');
  await expect(page.getByText('API key saved in this browser.')).toBeVisible();
}

async function prepareProject(page: Page): Promise<void> {
  await goToStep(page, '1. Images');
  await enterSref(page, TEST_SREF);
  await chooseImages(page, styleImages(3));
  await expect(page.getByRole('list', { name: 'Style images' }).getByRole('listitem')).toHaveCount(3);
}

test('a rejected key with no offline model installed tells both causes, once, with where to fix each', async ({ page, claude }) => {
  await openApp(page);
  await useDefaultModeWithKey(page, claude.url);
  await prepareProject(page);
  claude.enqueue(reply.httpError(401));
  await analyze(page);
  const alert = page.getByRole('alert').filter({ hasText: 'The API key was rejected (401).' });
  await expect(alert).toContainText('The offline fallback could not run either: the offline model Qwen2-VL 2B Instruct is not installed on this device.');
  await expect(alert.getByRole('link', { name: 'Add or test your key in Settings' })).toBeVisible();
  await expect(alert.getByRole('link', { name: 'Install the offline model in Settings' })).toBeVisible();
  // Told once: no toast repeats what the panel shows.
  await expect(page.getByRole('region', { name: 'Notifications' }).getByText('rejected')).toHaveCount(0);
  await expect(page.getByRole('alert')).toHaveCount(1);
});

test('a reload in the middle of an analysis says the run was cut off', async ({ page, claude }) => {
  await openApp(page);
  await useDefaultModeWithKey(page, claude.url);
  await prepareProject(page);
  claude.enqueue(reply.delay(30_000, reply.spec()));
  await analyze(page);
  await expect(page.getByRole('button', { name: 'Cancel analysis' })).toBeVisible();
  await page.reload();
  await goToStep(page, '2. Analysis');
  await expect(page.getByText(/was cut off when the page reloaded; nothing was saved from it/)).toBeVisible();
  await page.getByRole('button', { name: 'Dismiss' }).click();
  await expect(page.getByText(/was cut off/)).toHaveCount(0);
});

test('focus moves to the next step after Continue, and to the results after an analysis', async ({ page, claude }) => {
  await openApp(page);
  await useDefaultModeWithKey(page, claude.url);
  await prepareProject(page);
  await page.getByRole('button', { name: 'Continue to analysis' }).click();
  await expect(page.getByRole('heading', { name: 'Style analysis' })).toBeFocused();

  claude.enqueue(reply.delay(1_500, reply.spec()));
  await page.getByRole('button', { name: 'Analyse style' }).click();
  await expect(page.getByRole('button', { name: 'Next: batches' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('heading', { name: 'Results' })).toBeFocused();
  await page.getByRole('button', { name: 'Next: batches' }).click();
  await expect(page.getByRole('heading', { name: 'Permutation batches' })).toBeFocused();
});
