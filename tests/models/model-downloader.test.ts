/**
 * The downloader in Node with its real parts: the Hub stand-in over HTTP, hash-wasm, files on
 * disk. Browser-only parts (OPFS, IndexedDB, locks) are covered by the Playwright specs.
 */
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { ChecksumMismatchError, DownloadFailedError, QuotaExceededError } from '../../src/errors';
import type { DownloadEvent } from '../../src/models/download-api';
import { totalBytes } from '../../src/models/model-manifest';
import { createModelTestKit, type ModelTestKit } from './support/model-test-kit';

let kit: ModelTestKit;
afterEach(async () => kit?.dispose());

const DECODER_DATA = 'onnx/decoder_model_merged_q4.onnx_data';

async function fileSha256(file: File): Promise<string> {
  return createHash('sha256').update(Buffer.from(await file.arrayBuffer())).digest('hex');
}

function collect() {
  const events: DownloadEvent[] = [];
  return { events, onEvent: (event: DownloadEvent) => events.push(event) };
}

describe('model downloader', () => {
  it('downloads only the chosen dtype set, verifies every file and ends ready', async () => {
    kit = await createModelTestKit();
    const manifest = await kit.resolve();
    expect(manifest.dtype).toEqual({ vision_encoder: 'q4', embed_tokens: 'q4', decoder_model_merged: 'q4' });
    const { events, onEvent } = collect();
    const outcome = await kit.downloader().download(manifest.key, { signal: new AbortController().signal, onEvent });
    expect(outcome).toBe('ready');

    const stored = (await kit.store.manifest(manifest.key))!;
    expect(stored.state).toBe('ready');
    for (const file of stored.files) {
      const bytes = (await kit.store.readFile(manifest.key, file.path))!;
      expect(await fileSha256(bytes)).toBe(file.sha256);
      expect(file.hashState).toBeUndefined();
    }
    // small JSON files are checked by git blob id and get their SHA-256 recorded
    expect(stored.files.find((file) => file.path === 'config.json')?.check.kind).toBe('git-blob-sha1');
    expect(stored.files.find((file) => file.path === 'config.json')?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(events.filter((event) => event.type === 'file-verified').length).toBe(stored.files.length);
    const last = events.filter((event) => event.type === 'progress').at(-1);
    expect(last?.type === 'progress' && last.total.bytesDone).toBe(totalBytes(stored));
    // f16 files are never fetched on WASM
    expect(kit.hub.requests.some((request) => request.path?.includes('q4f16'))).toBe(false);
    expect(await kit.store.status(manifest.key)).toEqual({ kind: 'ready', totalBytes: totalBytes(stored) });
  });

  it('resumes a dropped connection from the last byte received', async () => {
    kit = await createModelTestKit({ faults: { dropConnection: [{ path: DECODER_DATA, afterBytes: 1_500_000, times: 1 }] } });
    const manifest = await kit.resolve();
    const { events, onEvent } = collect();
    expect(await kit.downloader().download(manifest.key, { signal: new AbortController().signal, onEvent })).toBe('ready');
    const size = manifest.files.find((file) => file.path === DECODER_DATA)!.size;
    const refetched = kit.hub.bytesServed(DECODER_DATA) - size;
    expect(refetched).toBeLessThan(1024 * 1024);
    const resumed = kit.hub.requests.filter((request) => request.path === DECODER_DATA && request.kind === 'cdn').at(-1);
    expect(resumed?.range).toMatch(/^bytes=\d+-$/);
    expect(events.some((event) => event.type === 'retrying' && event.path === DECODER_DATA)).toBe(true);
  });

  it('continues from the recorded offset and hash state after an interruption (reload)', async () => {
    kit = await createModelTestKit({ faults: { bytesPerSecond: 4_000_000 } });
    const manifest = await kit.resolve();
    const controller = new AbortController();
    const first = kit.downloader({ everyMs: 100 }).download(manifest.key, {
      signal: controller.signal,
      onEvent: (event) => {
        if (event.type === 'progress' && event.path === DECODER_DATA && event.file.bytesDone > 1_000_000) controller.abort('pause');
      },
    });
    expect(await first).toBe('paused');
    const recorded = (await kit.store.manifest(manifest.key))!.files.find((file) => file.path === DECODER_DATA)!;
    expect(recorded.bytesDone).toBeGreaterThan(1_000_000);
    expect(recorded.hashState?.length).toBe(1);
    expect(await kit.store.status(manifest.key)).toMatchObject({ kind: 'paused' });

    kit.hub.setFaults({});
    kit.hub.clearRequests();
    // a new downloader, as after a page reload
    expect(await kit.downloader().download(manifest.key, { signal: new AbortController().signal, onEvent: () => {} })).toBe('ready');
    const resumed = kit.hub.requests.find((request) => request.path === DECODER_DATA && request.kind === 'cdn');
    expect(resumed?.range).toBe(`bytes=${recorded.bytesDone}-`);
    const stored = (await kit.store.manifest(manifest.key))!.files.find((file) => file.path === DECODER_DATA)!;
    expect(await fileSha256((await kit.store.readFile(manifest.key, DECODER_DATA))!)).toBe(stored.sha256);
  });

  it('discards a corrupted file, downloads it once more, and succeeds', async () => {
    kit = await createModelTestKit({ faults: { corrupt: [{ path: DECODER_DATA, times: 1 }] } });
    const manifest = await kit.resolve();
    const { events, onEvent } = collect();
    expect(await kit.downloader().download(manifest.key, { signal: new AbortController().signal, onEvent })).toBe('ready');
    expect(events.filter((event) => event.type === 'checksum-mismatch')).toEqual([{ type: 'checksum-mismatch', key: manifest.key, path: DECODER_DATA, willRetry: true }]);
    const size = manifest.files.find((file) => file.path === DECODER_DATA)!.size;
    expect(kit.hub.bytesServed(DECODER_DATA)).toBe(2 * size);
  });

  it('reports a persistent mismatch as a checksum error and marks the model corrupt', async () => {
    kit = await createModelTestKit({ faults: { corrupt: [{ path: DECODER_DATA, times: 99 }] } });
    const manifest = await kit.resolve();
    const failure = kit.downloader().download(manifest.key, { signal: new AbortController().signal, onEvent: () => {} });
    await expect(failure).rejects.toBeInstanceOf(ChecksumMismatchError);
    await expect(failure).rejects.toThrow(`${DECODER_DATA} was downloaded twice`);
    expect(await kit.store.status(manifest.key)).toEqual({ kind: 'corrupt', files: [DECODER_DATA] });
    // the damaged bytes were discarded, the verified files kept
    expect((await kit.files.readFile(manifest.key, DECODER_DATA))?.size ?? 0).toBe(0);
    expect(await kit.store.readFile(manifest.key, 'config.json')).toBeDefined();
  });

  it('retries 500 and 429 with growing delays and honours Retry-After', async () => {
    kit = await createModelTestKit({
      faults: { status: [{ path: 'config.json', status: 500, times: 2 }, { path: 'config.json', status: 429, times: 1, retryAfterSeconds: 1 }] },
    });
    const manifest = await kit.resolve();
    const { events, onEvent } = collect();
    expect(await kit.downloader().download(manifest.key, { signal: new AbortController().signal, onEvent })).toBe('ready');
    const retries = events.filter((event) => event.type === 'retrying');
    expect(retries.map((event) => event.type === 'retrying' && [event.retry, event.delayMs])).toEqual([
      [1, 20],
      [2, 40],
      [3, 1000],
    ]);
    const tries = kit.hub.requests.filter((request) => request.path === 'config.json');
    expect(tries.map((request) => request.status)).toEqual([500, 500, 429, 200]);
    expect(tries[3]!.startedAt - tries[2]!.startedAt).toBeGreaterThanOrEqual(990);
  });

  it('gives up after 3 retries with a download error, keeping the bytes', async () => {
    kit = await createModelTestKit({ faults: { status: [{ path: DECODER_DATA, status: 503, times: 10 }] } });
    const manifest = await kit.resolve();
    await expect(kit.downloader().download(manifest.key, { signal: new AbortController().signal, onEvent: () => {} })).rejects.toBeInstanceOf(DownloadFailedError);
    expect(kit.hub.requests.filter((request) => request.path === DECODER_DATA).length).toBe(4);
    const status = await kit.store.status(manifest.key);
    expect(status.kind).toBe('error');
    expect(status.kind === 'error' && status.bytesDone).toBeGreaterThan(0);
  });

  it('stops on a full disk naming the bytes still needed, keeps the partial file, and resumes later', async () => {
    kit = await createModelTestKit();
    const manifest = await kit.resolve();
    const total = totalBytes(manifest);
    kit.files.setQuota(Math.floor(total / 2));
    const failure = kit.downloader().download(manifest.key, { signal: new AbortController().signal, onEvent: () => {} });
    await expect(failure).rejects.toBeInstanceOf(QuotaExceededError);
    const stored = (await kit.store.manifest(manifest.key))!;
    const done = stored.files.reduce((sum, file) => sum + file.bytesDone, 0);
    expect(done).toBeGreaterThan(0);
    expect(stored.error?.message).toContain('more is needed');
    expect(await kit.files.usage()).toBe(done);

    kit.files.setQuota(undefined);
    kit.hub.clearRequests();
    expect(await kit.downloader().download(manifest.key, { signal: new AbortController().signal, onEvent: () => {} })).toBe('ready');
    const served = kit.hub.requests.reduce((sum, request) => sum + (request.kind === 'cdn' || request.kind === 'resolve' ? request.bytesSent : 0), 0);
    expect(served).toBe(total - done);
  });

  it('restarts a file from byte 0 when the server ignores Range', async () => {
    kit = await createModelTestKit();
    const manifest = await kit.resolve();
    const noRange: typeof fetch = (input, init) => fetch(input, { ...init, headers: {} });
    const controller = new AbortController();
    // Slow serving so the pause lands mid-file however loaded the machine is.
    kit.hub.setFaults({ bytesPerSecond: 2_000_000 });
    const downloader = kit.downloader({ everyMs: 0 });
    await downloader.download(manifest.key, {
      signal: controller.signal,
      onEvent: (event) => event.type === 'progress' && event.path === DECODER_DATA && event.file.bytesDone > 500_000 && controller.abort('pause'),
    });
    const { createModelDownloader } = await import('../../src/models/model-downloader');
    const ignoring = createModelDownloader({ store: kit.store, fetch: noRange, retry: { retries: 0, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 1 }, now: Date.now, checkpoint: { everyMs: 1000, everyBytes: 1 << 30 }, progressEveryMs: 50 });
    kit.hub.setFaults({});
    kit.hub.clearRequests();
    expect(await ignoring.download(manifest.key, { signal: new AbortController().signal, onEvent: () => {} })).toBe('ready');
    const size = manifest.files.find((file) => file.path === DECODER_DATA)!.size;
    expect(kit.hub.requests.find((request) => request.path === DECODER_DATA && request.kind === 'cdn')?.range).toBeUndefined();
    expect(kit.hub.bytesServed(DECODER_DATA)).toBe(size);
  });

  it('cancel removes the partial files and the manifest', async () => {
    kit = await createModelTestKit({ faults: { bytesPerSecond: 4_000_000 } });
    const manifest = await kit.resolve();
    const controller = new AbortController();
    const outcome = await kit.downloader().download(manifest.key, {
      signal: controller.signal,
      onEvent: (event) => event.type === 'progress' && event.total.bytesDone > 500_000 && controller.abort('cancel'),
    });
    expect(outcome).toBe('cancelled');
    expect(await kit.store.manifest(manifest.key)).toBeUndefined();
    expect(await kit.files.usage()).toBe(0);
  });
});
