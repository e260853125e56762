/**
 * A full disk: the browser's real quota enforcement, made small with the DevTools protocol's
 * Storage.overrideQuotaForOrigin (no JS patching), so it is hit after ~12 MB instead of ~1.2 GB.
 */
import { BIG_FILE, DOWNLOADED_FILES, expect, expectStatus, openModelSettings, opfsSha256, repoFileSha256, repoFileSize, storageUsage, test } from './support/model-actions';

test('a storage quota hit gives its message and keeps the partial file for a resume', async ({ page, hub }) => {
  const card = await openModelSettings(page, hub.url);
  const origin = new URL(page.url()).origin;
  const cdp = await page.context().newCDPSession(page);
  const quota = (await storageUsage(page)) + 12 * 1024 * 1024;
  await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: quota });
  try {
    await card.getByRole('button', { name: 'Download' }).click();
    await expectStatus(card, 'error');
    await expect(card.getByRole('alert')).toContainText(/The browser ran out of storage space: about [\d.]+ MB more is needed\./);
    await expect(card.getByRole('alert')).toContainText('Nothing already saved was lost.');
    const keptPerFile = await page.evaluate(async () => {
      const models = await (await navigator.storage.getDirectory()).getDirectoryHandle('models');
      const sizes: Record<string, number> = {};
      for await (const model of (models as unknown as { values(): AsyncIterable<FileSystemDirectoryHandle> }).values()) {
        for await (const file of (model as unknown as { values(): AsyncIterable<FileSystemFileHandle> }).values()) sizes[decodeURIComponent(file.name)] = (await file.getFile()).size;
      }
      return sizes;
    });
    const kept = Object.values(keptPerFile).reduce((sum, bytes) => sum + bytes, 0);
    expect(kept).toBeGreaterThan(5 * 1024 * 1024);
    // what fitted under the quota, less the chunk that did not fit
    expect(kept).toBeLessThan(13 * 1024 * 1024);
    const partial = keptPerFile[BIG_FILE] ?? 0;
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(await repoFileSize(BIG_FILE));
    await expect(card.getByRole('button', { name: 'Resume' })).toBeVisible();

    // With room again, Resume continues from what was kept.
    await cdp.send('Storage.overrideQuotaForOrigin', { origin });
    await card.getByRole('button', { name: 'Resume' }).click();
    await expectStatus(card, 'ready');
    // Only the partial file was asked for again, from the byte where it stopped.
    const requests = hub.requests.filter((request) => request.kind === 'cdn' || (request.kind === 'resolve' && request.status !== 302));
    const bigFile = requests.filter((request) => request.path === BIG_FILE);
    expect(bigFile.map((request) => request.range)).toEqual([undefined, `bytes=${partial}-`]);
    for (const path of DOWNLOADED_FILES.filter((name) => name !== BIG_FILE)) expect(requests.filter((request) => request.path === path).length, path).toBe(1);
    expect((await opfsSha256(page))[BIG_FILE]).toBe(await repoFileSha256(BIG_FILE));
  } finally {
    await cdp.send('Storage.overrideQuotaForOrigin', { origin }).catch(() => undefined);
  }
});
