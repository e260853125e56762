/** Downloading the model: progress, verification, dropped connections, damaged bytes, server errors. */
import { DOWNLOADED_FILES, BIG_FILE, expect, expectStatus, openModelSettings, opfsSha256, progressBar, repoFileSha256, repoFileSize, servedPerFile, test, waitForProgress } from './support/model-actions';

test('a fresh download shows progress and ends Ready with every hash checked', async ({ page, hub }) => {
  hub.setFaults({ bytesPerSecond: 12_000_000 });
  const card = await openModelSettings(page, hub.url);
  await expectStatus(card, 'not-downloaded');
  await card.getByRole('button', { name: 'Download' }).click();

  await expectStatus(card, 'downloading');
  await waitForProgress(card, 20);
  // bytes, speed and time left
  await expect(card.getByTestId('transfer-figures')).toContainText(/\d+(\.\d)?% · [\d.]+ MB of [\d.]+ MB · [\d.]+ MB\/s · (\d+ s left|less than a second left)/);
  await expect(card.getByRole('button', { name: 'Pause' })).toBeVisible();

  await expectStatus(card, 'ready');
  await expect(card.getByText('Downloaded and verified: every file matches its SHA-256.')).toBeVisible();
  await expect(progressBar(card)).toHaveCount(0);

  // Exactly the q4 set was fetched (no q4f16/fp32 on WASM), each file once...
  const served = servedPerFile(hub);
  expect([...served.keys()].sort()).toEqual([...DOWNLOADED_FILES].sort());
  for (const path of DOWNLOADED_FILES) expect(served.get(path), path).toBe(await repoFileSize(path));
  // ...and what is stored hashes, read back independently, to the Hub's SHA-256.
  const stored = await opfsSha256(page);
  for (const path of DOWNLOADED_FILES) expect(stored[path], path).toBe(await repoFileSha256(path));
  // Persistent storage was asked for before the download and the outcome is shown.
  await expect(page.getByTestId('model-persistence')).toHaveText(/^(Storage is persistent|The browser did not grant persistent storage)/);
});

test('a connection dropped in the middle of a file resumes, re-fetching less than 1 MB', async ({ page, hub }) => {
  hub.setFaults({ dropConnection: [{ path: BIG_FILE, afterBytes: 5_000_000, times: 1 }] });
  const card = await openModelSettings(page, hub.url);
  await card.getByRole('button', { name: 'Download' }).click();
  await expectStatus(card, 'ready');

  const requests = hub.requests.filter((request) => request.path === BIG_FILE && request.kind === 'cdn');
  expect(requests[0]?.dropped).toBe(true);
  expect(requests[1]?.range).toMatch(/^bytes=\d+-$/);
  const refetched = (servedPerFile(hub).get(BIG_FILE) ?? 0) - (await repoFileSize(BIG_FILE));
  expect(refetched).toBeGreaterThanOrEqual(0);
  expect(refetched).toBeLessThan(1024 * 1024);
  expect((await opfsSha256(page))[BIG_FILE]).toBe(await repoFileSha256(BIG_FILE));
});

test('corrupted bytes are caught and downloaded once more', async ({ page, hub }) => {
  hub.setFaults({ corrupt: [{ path: BIG_FILE, times: 1 }] });
  const card = await openModelSettings(page, hub.url);
  await card.getByRole('button', { name: 'Download' }).click();
  await expectStatus(card, 'ready');
  expect(servedPerFile(hub).get(BIG_FILE)).toBe(2 * (await repoFileSize(BIG_FILE)));
  expect((await opfsSha256(page))[BIG_FILE]).toBe(await repoFileSha256(BIG_FILE));
});

test('a persistent checksum mismatch ends in a clear error and a Corrupt status', async ({ page, hub }) => {
  hub.setFaults({ corrupt: [{ path: BIG_FILE, times: 99 }] });
  const card = await openModelSettings(page, hub.url);
  await card.getByRole('button', { name: 'Download' }).click();
  await expectStatus(card, 'corrupt');
  await expect(card.getByRole('alert')).toContainText(`${BIG_FILE} was downloaded twice and its checksum did not match either time.`);
  expect(servedPerFile(hub).get(BIG_FILE)).toBe(2 * (await repoFileSize(BIG_FILE)));
  // The damaged file was discarded; the verified ones are kept for a later retry.
  const stored = await opfsSha256(page);
  expect(stored[BIG_FILE]).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  expect(stored['config.json']).toBe(await repoFileSha256('config.json'));
  await expect(card.getByRole('button', { name: 'Resume' })).toBeVisible();
});

test('500s and 429s are retried with backoff, honouring Retry-After', async ({ page, hub }) => {
  hub.setFaults({
    status: [
      { path: 'config.json', status: 500, times: 2 },
      { path: 'config.json', status: 429, times: 1, retryAfterSeconds: 3 },
    ],
  });
  const card = await openModelSettings(page, hub.url);
  await card.getByRole('button', { name: 'Download' }).click();
  await expect(card.getByText(/retry 1 of 3/)).toBeVisible();
  await expectStatus(card, 'ready');

  const tries = hub.requests.filter((request) => request.path === 'config.json');
  expect(tries.map((request) => request.status)).toEqual([500, 500, 429, 200]);
  const gaps = tries.slice(1).map((request, index) => request.startedAt - tries[index]!.startedAt);
  // backoff 0.5 s, 1 s, then the server's Retry-After (3 s) beats the 2 s backoff
  expect(gaps[0]).toBeGreaterThanOrEqual(450);
  expect(gaps[1]).toBeGreaterThanOrEqual(950);
  expect(gaps[1]).toBeGreaterThan(gaps[0]!);
  expect(gaps[2]).toBeGreaterThanOrEqual(2950);
});
