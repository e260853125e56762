/**
 * The Cloud journey on the served dist/ under its CSP, with the settings that guard the key:
 * a plain-http endpoint on the network is refused with the reason, the key is kept in this tab
 * only when "remember" is off (nothing in IndexedDB), the analysis runs against the Claude
 * stand-in on this machine, the documents export, and after a reload the key is gone.
 */
import type { Page } from '@playwright/test';
import { analyze, chooseImages, continueToBatches, enterSref, exportAs, goToStep, openApp } from '../e2e/support/app';
import { styleImages, TEST_API_KEY, TEST_SREF } from '../e2e/support/test';
import { expect, test } from './support/test';

/** Every string value in the app's IndexedDB key/value store (where settings and a remembered key live). */
function storedStrings(page: Page): Promise<string[]> {
  return page.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open('lora-dataset-generator');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const all = open.result.transaction('kv').objectStore('kv').getAll();
          all.onsuccess = () => resolve(JSON.stringify(all.result).match(/"[^"]*"/g) ?? []);
        };
      }),
  );
}

test('Cloud analysis with the key kept in this tab only', async ({ page, claude }) => {
  await openApp(page);
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('radio', { name: /^Cloud/ }).check();

  const endpoint = page.getByLabel('API endpoint');
  await endpoint.fill('http://proxy.example.com');
  await endpoint.press('Tab');
  await expect(endpoint).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText(/Use an https:\/\/ address: over plain http:\/\/ your API key and your images would travel unencrypted/)).toBeVisible();
  await endpoint.fill(claude.url);
  await endpoint.press('Tab');
  await expect(endpoint).toHaveAttribute('aria-invalid', 'false');

  const remember = page.getByRole('checkbox', { name: 'Remember my key on this device' });
  await expect(remember).toBeChecked();
  await expect(page.getByText(/stored in this browser's IndexedDB for/)).toContainText(new URL(page.url()).origin);
  await remember.uncheck();
  await expect(page.getByText("Your key is kept only in this tab's memory")).toBeVisible();
  await page.getByLabel('Claude API key').fill(TEST_API_KEY);
  await page.getByRole('button', { name: 'Save key' }).click();
  await expect(page.getByText('API key kept in this tab only (not stored).')).toBeVisible();
  expect(await storedStrings(page)).not.toContain(`"${TEST_API_KEY}"`);

  await goToStep(page, '1. Images');
  await enterSref(page, TEST_SREF);
  await chooseImages(page, styleImages(3));
  await page.getByRole('button', { name: 'Continue to analysis' }).click();
  await analyze(page);
  await continueToBatches(page);
  await expect(page.getByText('All 8 batches are valid')).toBeVisible();
  expect(claude.requests.some((request) => request.path === '/v1/messages')).toBe(true);

  await page.getByRole('button', { name: 'Continue to export' }).click();
  expect(JSON.parse((await exportAs(page, 'Download JSON')).text).sref_code).toBe(TEST_SREF);
  expect((await exportAs(page, 'Download Markdown')).text).toContain(`--sref ${TEST_SREF}`);

  await page.reload();
  await page.getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByLabel('Claude API key')).toHaveAttribute('placeholder', 'sk-ant-…');
  await expect(page.getByRole('button', { name: 'Remove key' })).toHaveCount(0);
  expect(await storedStrings(page)).not.toContain(`"${TEST_API_KEY}"`);
});
