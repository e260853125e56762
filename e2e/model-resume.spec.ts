/** Downloads survive a reload, and two tabs download once. */
import { DEFAULT_RELAY_OPTIONS } from '../src/models/create-fetch-relay-api';
import { recordedOffset, BIG_FILE, expect, expectStatus, modelCard, openModelSettings, opfsSha256, repoFileSha256, repoFileSize, servedPerFile, test, waitForProgress, DOWNLOADED_FILES } from './support/model-actions';

test('a reload mid-download resumes from the recorded offset', async ({ page, hub }) => {
  // Slow enough that the reload cuts the big file even on a loaded machine (the fetch worker reads ahead).
  hub.setFaults({ bytesPerSecond: 2_000_000 });
  const card = await openModelSettings(page, hub.url);
  await card.getByRole('button', { name: 'Download' }).click();
  // Wait until the app has recorded an offset inside the big file, then cut it off.
  let recorded = 0;
  await expect.poll(async () => (recorded = await recordedOffset(page, BIG_FILE)), { timeout: 30_000, intervals: [100] }).toBeGreaterThan(2_000_000);

  await page.reload();
  const again = modelCard(page);
  await expectStatus(again, 'ready', 60_000);

  const requests = hub.requests.filter((request) => request.path === BIG_FILE && request.kind === 'cdn');
  expect(requests.length).toBe(2);
  const [cut, resumed] = requests as [(typeof requests)[0], (typeof requests)[0]];
  const resumedFrom = Number(/^bytes=(\d+)-$/.exec(resumed.range ?? '')?.[1] ?? 0);
  // Offsets are recorded about once a second, and the fetch worker reads up to its window ahead of
  // the writes: the resume starts before where the reload cut it, by at most that much...
  expect(resumedFrom).toBeGreaterThanOrEqual(recorded);
  expect(resumedFrom).toBeLessThanOrEqual(cut.bytesSent);
  expect(cut.bytesSent - resumedFrom).toBeLessThan(DEFAULT_RELAY_OPTIONS.windowBytes + 2_000_000);
  expect(resumed.bytesSent).toBe((await repoFileSize(BIG_FILE)) - resumedFrom);
  // ...and hashing went on from the saved state: the file still verifies.
  expect((await opfsSha256(page))[BIG_FILE]).toBe(await repoFileSha256(BIG_FILE));
});

test('two open tabs download once; the other tab shows the progress', async ({ page, context, hub }) => {
  hub.setFaults({ bytesPerSecond: 10_000_000 });
  const first = await openModelSettings(page, hub.url);
  await first.getByRole('button', { name: 'Download' }).click();
  await waitForProgress(first, 5);

  const other = await context.newPage();
  await other.goto('./#/settings');
  const second = modelCard(other);
  await expectStatus(second, 'downloading');
  await expect(second.getByText('This model is downloading in another tab; its progress is shown here.')).toBeVisible();
  const seen = await waitForProgress(second, 30);
  expect(seen).toBeLessThan(100);

  await expectStatus(first, 'ready');
  await expectStatus(second, 'ready');
  const served = servedPerFile(hub);
  for (const path of DOWNLOADED_FILES) expect(served.get(path), path).toBe(await repoFileSize(path));
});

test('when the CDN hides Content-Range from scripts, a resume restarts the file from byte 0 and still verifies', async ({ page, hub }) => {
  // The real CDN exposes Content-Range (huggingface/datasets#7931); a mirror or proxy may not.
  hub.setFaults({ dropConnection: [{ path: BIG_FILE, afterBytes: 5_000_000, times: 1 }], cdnHidesContentRange: true });
  const card = await openModelSettings(page, hub.url);
  await card.getByRole('button', { name: 'Download' }).click();
  await expectStatus(card, 'ready');

  const requests = hub.requests.filter((request) => request.path === BIG_FILE && request.kind === 'cdn');
  expect(requests.map((request) => [request.status, request.range === undefined ? 'whole' : 'ranged'])).toEqual([
    [200, 'whole'], // cut after 5 MB
    [206, 'ranged'], // the resume: honoured by the CDN, but the page cannot read where the bytes start
    [200, 'whole'], // so the file starts over
  ]);
  expect(requests[2]!.bytesSent).toBe(await repoFileSize(BIG_FILE));
  await expect(card.getByText('arrived damaged')).toHaveCount(0); // no misplaced bytes were written
  expect((await opfsSha256(page))[BIG_FILE]).toBe(await repoFileSha256(BIG_FILE));
});
