/**
 * The fetch relay over a real MessageChannel (ports and buffers transferred as between workers),
 * against the Hub stand-in over HTTP: bytes, headers and statuses come through intact, the
 * reader stays a bounded window ahead of a consumer that is busy, failures keep the kind the
 * downloader's retry rule depends on, and the downloader still resumes and verifies through it.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter';
import { afterEach, describe, expect, it } from 'vitest';
import { createFetchRelayApi } from '../../src/models/create-fetch-relay-api';
import type { FetchRelayApi } from '../../src/models/fetch-relay-api';
import { createModelDownloader } from '../../src/models/model-downloader';
import type { RelayOptions } from '../../src/models/relayed-body';
import { createRelayedFetch } from '../../src/models/relayed-fetch';
import { createModelTestKit, FAST_RETRY, TEST_REPO, type ModelTestKit } from './support/model-test-kit';

const DECODER_DATA = 'onnx/decoder_model_merged_q4.onnx_data';
const SMALL: RelayOptions = { windowBytes: 256 * 1024, pieceBytes: 64 * 1024 };

let kit: ModelTestKit;
const channels: MessageChannel[] = [];
afterEach(async () => {
  channels.splice(0).forEach((channel) => channel.port1.close());
  await kit?.dispose();
});

/** The relay as the download worker sees it, plus how far the relay has read each body and whether it was cancelled. */
function relay(options: RelayOptions = SMALL) {
  const read = { bytes: 0, cancelled: false };
  const countingFetch: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    if (!response.body) return response;
    const reader = response.body.getReader();
    const counted = new ReadableStream<Uint8Array>(
      {
        async pull(controller) {
          const { done, value } = await reader.read();
          if (done) return controller.close();
          read.bytes += value.byteLength;
          controller.enqueue(value);
        },
        cancel(reason) {
          read.cancelled = true;
          return reader.cancel(reason);
        },
      },
      { highWaterMark: 0 },
    );
    return new Response(counted, response);
  };
  const channel = new MessageChannel();
  channels.push(channel);
  Comlink.expose(createFetchRelayApi({ fetch: countingFetch, options }), nodeEndpoint(channel.port2));
  return { fetch: createRelayedFetch(Comlink.wrap<FetchRelayApi>(nodeEndpoint(channel.port1))), read };
}

async function fileUrl(path: string): Promise<string> {
  return `${kit.hub.url}/${TEST_REPO}/resolve/${await kit.hub.commitOf(TEST_REPO)}/${path}`;
}

async function repoBytes(path: string): Promise<Buffer> {
  return readFile(join(kit.hubRoot, ...TEST_REPO.split('/'), ...path.split('/')));
}

async function readAll(response: Response): Promise<{ pieces: number[]; bytes: Buffer; error?: unknown }> {
  const reader = response.body!.getReader();
  const pieces: Uint8Array[] = [];
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      pieces.push(value);
    }
    return { pieces: pieces.map((piece) => piece.byteLength), bytes: Buffer.concat(pieces) };
  } catch (error) {
    return { pieces: pieces.map((piece) => piece.byteLength), bytes: Buffer.concat(pieces), error };
  }
}

const until = async (condition: () => boolean) => {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

describe('fetch relay', () => {
  it('relays the status, the headers and every byte of a Range request, in whole pieces', async () => {
    kit = await createModelTestKit();
    const expected = await repoBytes(DECODER_DATA);
    const from = 100_001;
    const response = await relay().fetch(await fileUrl(DECODER_DATA), { headers: { Range: `bytes=${from}-` }, cache: 'no-store' });
    expect(response.status).toBe(206);
    expect(response.headers.get('Content-Range')).toBe(`bytes ${from}-${expected.length - 1}/${expected.length}`);
    const { pieces, bytes, error } = await readAll(response);
    expect(error).toBeUndefined();
    expect(bytes.equals(expected.subarray(from))).toBe(true);
    // Every piece but the last is at least a full piece: one write and one hash call each.
    expect(pieces.slice(0, -1).every((size) => size >= SMALL.pieceBytes)).toBe(true);
  });

  it('reads ahead while the consumer is busy, but never more than its window', async () => {
    kit = await createModelTestKit();
    const size = (await repoBytes(DECODER_DATA)).length;
    expect(size).toBeGreaterThan(4 * SMALL.windowBytes);
    const { fetch: relayed, read } = relay();
    const response = await relayed(await fileUrl(DECODER_DATA));
    // Nothing has been read by the consumer, yet the relay fills its window...
    await until(() => read.bytes >= SMALL.windowBytes);
    await new Promise((resolve) => setTimeout(resolve, 200));
    // ...and stops there (one piece being gathered and one network chunk in the counter's queue).
    expect(read.bytes).toBeLessThanOrEqual(SMALL.windowBytes + SMALL.pieceBytes + 256 * 1024);
    const { bytes } = await readAll(response);
    expect(bytes.length).toBe(size);
  });

  it('fails a cut connection with a TypeError, after delivering the bytes received before it', async () => {
    kit = await createModelTestKit({ faults: { dropConnection: [{ path: DECODER_DATA, afterBytes: 700_000, times: 1 }] } });
    const expected = await repoBytes(DECODER_DATA);
    const { bytes, error } = await readAll(await relay().fetch(await fileUrl(DECODER_DATA)));
    expect(error).toBeInstanceOf(TypeError);
    expect(bytes.equals(expected.subarray(0, 700_000))).toBe(true);
  });

  it('rejects with TypeError when the server cannot be reached', async () => {
    kit = await createModelTestKit();
    const url = await fileUrl(DECODER_DATA);
    await kit.hub.close();
    await expect(relay().fetch(url)).rejects.toBeInstanceOf(TypeError);
  });

  it('an abort mid-body rejects the read with the abort and stops the reading', async () => {
    kit = await createModelTestKit({ faults: { bytesPerSecond: 2_000_000 } });
    const size = (await repoBytes(DECODER_DATA)).length;
    const { fetch: relayed, read } = relay();
    const controller = new AbortController();
    const response = await relayed(await fileUrl(DECODER_DATA), { signal: controller.signal });
    const reader = response.body!.getReader();
    await reader.read();
    controller.abort('pause');
    await expect(
      (async () => {
        for (;;) if ((await reader.read()).done) return 'ended';
      })(),
    ).rejects.toMatchObject({ name: 'AbortError' });
    const stoppedAt = read.bytes;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(read.bytes).toBe(stoppedAt);
    expect(stoppedAt).toBeLessThan(size);
  });

  it('an abort before the answer rejects with the signal reason', async () => {
    kit = await createModelTestKit();
    const controller = new AbortController();
    controller.abort('cancel');
    await expect(relay().fetch(await fileUrl(DECODER_DATA), { signal: controller.signal })).rejects.toBe('cancel');
  });

  it('cancelling the body stops the reading in the relay', async () => {
    kit = await createModelTestKit({ faults: { bytesPerSecond: 2_000_000 } });
    const { fetch: relayed, read } = relay();
    const response = await relayed(await fileUrl(DECODER_DATA));
    await until(() => read.bytes > 0);
    await response.body!.cancel();
    await until(() => kit.hub.requests.some((request) => request.path === DECODER_DATA && request.endedAt !== undefined));
    const stoppedAt = read.bytes;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(read.bytes).toBe(stoppedAt);
  });

  it('a download that fails while writing stops the relayed body instead of leaving it waiting', async () => {
    kit = await createModelTestKit();
    const manifest = await kit.resolve();
    // Full halfway through the big file, with much more of it still to come than the relay reads ahead.
    const before = manifest.files.slice(0, manifest.files.findIndex((file) => file.path === DECODER_DATA)).reduce((sum, file) => sum + file.size, 0);
    kit.files.setQuota(before + 500_000);
    const { fetch: relayed, read } = relay();
    const downloader = createModelDownloader({ store: kit.store, fetch: relayed, retry: FAST_RETRY, now: Date.now, checkpoint: { everyMs: 1000, everyBytes: 1 << 30 }, progressEveryMs: 50 });
    await expect(downloader.download(manifest.key, { signal: new AbortController().signal, onEvent: () => {} })).rejects.toMatchObject({ kind: 'QuotaExceeded' });
    await until(() => read.cancelled);
  });

  it('error statuses come through with their body', async () => {
    kit = await createModelTestKit({ faults: { status: [{ path: DECODER_DATA, status: 503, times: 1, retryAfterSeconds: 2 }] } });
    const response = await relay().fetch(await fileUrl(DECODER_DATA));
    expect(response.status).toBe(503);
    expect(response.headers.get('Retry-After')).toBe('2');
    await response.body?.cancel();
  });

  it('the downloader resumes a cut connection and a pause through it, and every file verifies', async () => {
    kit = await createModelTestKit({ faults: { dropConnection: [{ path: DECODER_DATA, afterBytes: 1_500_000, times: 1 }], bytesPerSecond: 8_000_000 } });
    const manifest = await kit.resolve();
    const downloader = () =>
      createModelDownloader({ store: kit.store, fetch: relay().fetch, retry: FAST_RETRY, now: Date.now, checkpoint: { everyMs: 50, everyBytes: 1 << 30 }, progressEveryMs: 20 });
    const controller = new AbortController();
    const first = await downloader().download(manifest.key, {
      signal: controller.signal,
      onEvent: (event) => event.type === 'progress' && event.path === DECODER_DATA && event.file.bytesDone > 2_000_000 && controller.abort('pause'),
    });
    expect(first).toBe('paused');
    const recorded = (await kit.store.manifest(manifest.key))!.files.find((file) => file.path === DECODER_DATA)!;
    expect(recorded.bytesDone).toBeGreaterThan(1_500_000);

    kit.hub.setFaults({});
    kit.hub.clearRequests();
    expect(await downloader().download(manifest.key, { signal: new AbortController().signal, onEvent: () => {} })).toBe('ready');
    expect(kit.hub.requests.find((request) => request.path === DECODER_DATA && request.kind === 'cdn')?.range).toBe(`bytes=${recorded.bytesDone}-`);
    for (const file of (await kit.store.manifest(manifest.key))!.files) {
      const stored = Buffer.from(await (await kit.store.readFile(manifest.key, file.path))!.arrayBuffer());
      expect(createHash('sha256').update(stored).digest('hex')).toBe(file.sha256);
      expect(stored.equals(await repoBytes(file.path))).toBe(true);
    }
  });
});
