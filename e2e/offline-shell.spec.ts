/** After one visit the service worker has the app shell: it opens with the network off. */
import { openApp } from './support/app';
import { expect, test } from './support/test';

test('the app shell loads offline after the first visit', async ({ page, context }) => {
  await openApp(page);
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await expect(page.getByText('The app is ready to work offline.')).toBeVisible();

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('tab', { name: '1. Images' })).toBeVisible();
  await page.getByRole('link', { name: 'Projects' }).click();
  await page.getByRole('button', { name: 'Open the example project' }).click();
  await expect(page.getByText('All 8 batches are valid')).toBeVisible();
});
