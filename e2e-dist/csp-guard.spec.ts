/**
 * The guard every spec here relies on can fail: violations provoked on purpose in the page, a
 * dedicated worker and the service worker are all reported, from the `securitypolicyviolation`
 * events, Chromium's console message, and the reports the browser sends to the server.
 */
import { readdir } from 'node:fs/promises';
import { openApp } from '../e2e/support/app';
import { EXPECTS_CSP_VIOLATIONS, serverReports, VIOLATION_MARK } from '../e2e/support/csp-guard';
import { expect, test } from './support/test';

test('violations in the page, a worker and the service worker are reported', async ({ page, context, request, cspReports }) => {
  test.info().annotations.push({ type: EXPECTS_CSP_VIOLATIONS, description: 'provoked on purpose' });
  await openApp(page);
  const serviceWorker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));

  // The page adds an inline script: script-src has no 'unsafe-inline'.
  await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.inlineRan = true';
    document.head.append(script);
  });
  // A worker of the app (any same-origin script will do) fetches a plain-http host.
  const workerFile = (await readdir('dist/assets')).find((name) => /^hash\.worker-.*\.js$/.test(name));
  const workerCreated = page.waitForEvent('worker');
  await page.evaluate((file) => new Worker(`assets/${file}`, { type: 'module' }), workerFile);
  const worker = await workerCreated;
  await expect.poll(() => worker.evaluate(() => typeof self.addEventListener)).toBe('function');
  await expect
    .poll(async () => {
      await worker.evaluate(() => fetch('http://example.com/from-worker').catch(() => undefined));
      return cspReports.some((report) => report.where === worker.url() && report.text.startsWith(VIOLATION_MARK));
    })
    .toBe(true);
  // The service worker does the same.
  await expect
    .poll(async () => {
      await serviceWorker.evaluate(() => fetch('http://example.com/from-service-worker').catch(() => undefined));
      return cspReports.some((report) => report.where === serviceWorker.url() && report.text.startsWith(VIOLATION_MARK));
    })
    .toBe(true);

  const pageUrl = page.url();
  expect(cspReports.filter((report) => report.where === pageUrl).map((report) => report.text)).toEqual(
    expect.arrayContaining([expect.stringMatching(/^\[securitypolicyviolation\] script-src-elem blocked inline/), expect.stringMatching(/Content Security Policy/)]),
  );
  expect(cspReports.filter((report) => report.where === worker.url()).map((report) => report.text)).toEqual(
    expect.arrayContaining([expect.stringMatching(/connect-src blocked http:\/\/example\.com\/from-worker/)]),
  );
  expect(await page.evaluate(() => (window as { inlineRan?: boolean }).inlineRan)).toBeUndefined();

  // The browser's own reports name all three contexts too.
  await expect
    .poll(async () => new Set((await serverReports(request)).map((report) => report.where)))
    .toEqual(new Set([pageUrl, worker.url(), serviceWorker.url()]));
});
