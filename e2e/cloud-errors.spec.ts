/** How Cloud analysis behaves when Claude fails or misbehaves, as the user sees it. */
import { analyze, chooseImages, continueToBatches, enterSref, openApp, goToStep, useCloud } from './support/app';
import { expect, styleImages, test, TEST_API_KEY, TEST_SREF } from './support/test';
import { reply } from './fixtures/claude-server';
import { buildSampleSpec } from './fixtures/sample-spec';
import type { Page } from '@playwright/test';
import type { ClaudeStandIn } from './fixtures/claude-server';

async function readyToAnalyse(page: Page, claude: ClaudeStandIn) {
  await openApp(page);
  await useCloud(page, { apiKey: TEST_API_KEY, endpoint: claude.url });
  await page.getByRole('checkbox', { name: /Auto-fallback/ }).uncheck();
  await goToStep(page, '1. Images');
  await enterSref(page, TEST_SREF);
  await chooseImages(page, styleImages(3));
}

test('a 529 overload recovers through retries', async ({ page, claude }) => {
  claude.enqueue(reply.overloaded(50), reply.spec());
  await readyToAnalyse(page, claude);
  await analyze(page);
  await continueToBatches(page);
  await expect(page.getByText('All 8 batches are valid')).toBeVisible();
  expect(claude.requests.filter((request) => request.path === '/v1/messages')).toHaveLength(2);
});

test('a rejected key (401) says so and keeps the project', async ({ page, claude }) => {
  claude.enqueue(reply.httpError(401));
  await readyToAnalyse(page, claude);
  await analyze(page);
  const alert = page.getByRole('alert').filter({ hasText: /API key/i }).first();
  await expect(alert).toBeVisible();
  await expect(alert).not.toContainText(TEST_API_KEY);
  await goToStep(page, '1. Images');
  await expect(page.getByRole('list', { name: 'Style images' }).getByRole('listitem')).toHaveCount(3);
});

test('invalid model output is repaired with one more request', async ({ page, claude }) => {
  claude.enqueue(reply.spec({ batches: 6 }), reply.spec());
  await readyToAnalyse(page, claude);
  await analyze(page);
  await continueToBatches(page);
  await expect(page.getByText('All 8 batches are valid')).toBeVisible();
  const calls = claude.requests.filter((request) => request.path === '/v1/messages');
  expect(calls).toHaveLength(2);
  expect(JSON.stringify(calls[1]!.body)).toMatch(/batch/i);
});

test('markup in model output is shown as text, never run', async ({ page, claude }) => {
  const payload = '<img src=x onerror="window.__xss=1">';
  const spec = buildSampleSpec(TEST_SREF);
  spec.style_analysis.primary_style = `Ink wash ${payload}`;
  spec.permutation_batches[0]!.batch_name = `Animals ${payload}`;
  claude.enqueue(reply.spec(spec));
  await readyToAnalyse(page, claude);
  await analyze(page);
  await continueToBatches(page);
  await expect(page.getByRole('heading', { name: /Animals <img src=x/ })).toBeVisible();
  await goToStep(page, '2. Analysis');
  await expect(page.getByText(`Ink wash ${payload}`)).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  expect(await page.locator('img[src="x"]').count()).toBe(0);
});
