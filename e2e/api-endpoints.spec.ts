/**
 * Messages-API endpoints other than Anthropic's own, as a user sets them in Settings: a proxy
 * that ignores structured output and answers in the original desktop app's shape is still
 * usable, and an endpoint without GET /v1/models gets key-test advice, not image advice.
 */
import { analyze, chooseImages, enterSref, goToStep, openApp, useCloud } from './support/app';
import { expect, styleImages, test, TEST_API_KEY, TEST_SREF } from './support/test';
import { reply } from './fixtures/claude-server';
import { originalAppSpecification } from './fixtures/original-app-spec';

test('a proxy answering in the original app’s shape gives a valid specification', async ({ page, claude }) => {
  const answer = JSON.stringify(originalAppSpecification(TEST_SREF, 'percent-text'), null, 2);
  claude.enqueue(reply.text(answer), reply.text(answer));
  await openApp(page);
  await useCloud(page, { apiKey: TEST_API_KEY, endpoint: claude.url });
  await page.getByRole('checkbox', { name: /Auto-fallback/ }).uncheck();
  await goToStep(page, '1. Images');
  await enterSref(page, TEST_SREF);
  await chooseImages(page, styleImages(3));
  await analyze(page);

  await goToStep(page, '3. Batches');
  await expect(page.getByText('All 8 batches are valid')).toBeVisible();
  await goToStep(page, '2. Analysis');
  await expect(page.getByText('Muted screen-print illustration')).toBeVisible();
  await expect(page.getByText('flat overlapping colour planes')).toBeVisible();
  expect(claude.requests.filter((request) => request.path === '/v1/messages')).toHaveLength(1);
});

test('testing a key against an endpoint without /v1/models says so, with no image advice', async ({ page, claude }) => {
  claude.enqueue(reply.httpError(404, { message: 'No route for GET /v1/models' }));
  await openApp(page);
  await useCloud(page, { apiKey: TEST_API_KEY, endpoint: claude.url });
  await page.getByRole('button', { name: 'Test key' }).click();
  const status = page.getByRole('status').filter({ hasText: 'The key could not be tested' });
  await expect(status).toContainText('this API endpoint has no model list (GET /v1/models answered 404 Not Found)');
  await expect(status).toContainText('The key may still work: start an analysis to find out.');
  await expect(status).not.toContainText('JPG');
});
