/**
 * What docs/deploy.md promises, checked on the served dist/: every response carries the headers
 * of public/_headers (the meta policy in index.html is the same policy less frame-ancestors);
 * the app runs from a sub-path; the service worker precaches the app shell and nothing else;
 * and a new deploy shows the update prompt, which installs the new version when accepted.
 */
import { readdir, readFile, appendFile } from 'node:fs/promises';
import { openApp } from '../e2e/support/app';
import { headersForPath, metaPolicyFrom, parseHeadersFile } from '../scripts/hosting/headers-file.mjs';
import { DIST_BASE_PATH } from '../playwright.dist.config';
import { serveDistCopy } from './support/dist-copy-server';
import { expect, test } from './support/test';

const rules = parseHeadersFile(await readFile('public/_headers', 'utf8'));
const assets = await readdir('dist/assets');
const asset = (pattern: RegExp) => `assets/${assets.find((name) => pattern.test(name))}`;

test('every file is served with the headers of public/_headers', async ({ request }) => {
  const paths = ['', 'index.html', 'sw.js', 'manifest.webmanifest', 'icons/icon-192.png', asset(/^index-.*\.js$/), asset(/^index-.*\.css$/), asset(/^inference\.worker-.*\.js$/), asset(/\.wasm$/)];
  for (const path of paths) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(200);
    const expected = headersForPath(rules, `/${path}`);
    expect(expected.get('Content-Security-Policy'), path).toBeTruthy();
    for (const [name, value] of expected) {
      // The e2e server adds a report-uri so violations anywhere reach the guard; nothing else differs.
      const served = response.headers()[name.toLowerCase()]?.replace(/; report-uri \S+$/, '');
      expect(served, `${name} of /${path}`).toBe(value);
    }
  }
  expect((await request.get(asset(/\.wasm$/))).headers()['content-type']).toBe('application/wasm');
  expect((await request.get('_headers')).status()).toBe(404);
});

test('index.html carries the same policy as a meta element', async ({ request }) => {
  const html = await (await request.get('')).text();
  const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
  const header = headersForPath(rules, '/index.html').get('Content-Security-Policy')!;
  expect(meta).toBe(metaPolicyFrom(header));
  expect(header).toContain("frame-ancestors 'none'");
  expect(meta).not.toContain('frame-ancestors');
  // Before any script, so it governs them all.
  expect(html.indexOf('http-equiv="Content-Security-Policy"')).toBeLessThan(html.indexOf('<script'));
});

test('from a sub-path, the service worker precaches the app shell and nothing else', async ({ page, baseURL }) => {
  expect(new URL(baseURL!).pathname).toBe(DIST_BASE_PATH);
  await openApp(page);
  const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
  expect(scope).toBe(baseURL);
  const cached = await page.evaluate(async (cacheScope) => {
    const cache = await caches.open(`workbox-precache-v2-${cacheScope}`);
    return (await cache.keys()).map((request) => new URL(request.url).pathname);
  }, scope);
  const shell = cached.map((path) => path.slice(DIST_BASE_PATH.length)).sort();
  expect(shell).toEqual(expect.arrayContaining(['index.html', 'manifest.webmanifest', asset(/^index-.*\.js$/), asset(/^index-.*\.css$/), asset(/^inference\.worker-.*\.js$/)]));
  expect(shell.filter((path) => /\.(wasm|map|onnx|onnx_data)$/.test(path) || path.startsWith('models/'))).toEqual([]);
  expect(await page.evaluate(() => caches.keys())).toEqual([`workbox-precache-v2-${scope}`]);
});

test('a new deploy shows the update prompt; accepting it runs the new version', async ({ page, context }) => {
  const deploy = await serveDistCopy(DIST_BASE_PATH);
  try {
    await page.goto(deploy.url);
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.reload();
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);

    // The next release: a service worker with other bytes (a real one lists other hashed files).
    await appendFile(`${deploy.dir}/sw.js`, '\nself.releaseOfTest = 2;\n');
    await page.reload();
    const prompt = page.getByRole('status').filter({ hasText: 'A new version is available.' });
    await expect(prompt).toBeVisible();
    // Accepting activates the new worker and the page reloads itself: wait for that load, or the
    // checks below could run on the old page as it goes away.
    const reloaded = page.waitForEvent('load');
    await prompt.getByRole('button', { name: 'Reload to update' }).click();
    await reloaded;

    await expect
      .poll(async () => Promise.all(context.serviceWorkers().map((worker) => worker.evaluate(() => (self as { releaseOfTest?: number }).releaseOfTest).catch(() => undefined))))
      .toContain(2);
    await expect(page.getByRole('link', { name: 'Project', exact: true })).toBeVisible();
    await expect.poll(() => page.evaluate(async () => Boolean((await navigator.serviceWorker.getRegistration())?.waiting))).toBe(false);
    await page.reload();
    await expect(page.getByRole('link', { name: 'Project', exact: true })).toBeVisible();
    await expect(prompt).toHaveCount(0);
  } finally {
    await deploy.close();
  }
});
