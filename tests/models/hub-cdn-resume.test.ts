/**
 * Resuming through the Hub's CDN when it hides Content-Range from scripts. A browser's fetch only
 * shows a cross-origin response's safelisted headers and those the server exposes; `corsView`
 * applies that filter here (Node's fetch does not), so the downloader sees what it would see in a
 * page: a 206 whose start it cannot read. It must not write those bytes anywhere; it restarts the
 * file from byte 0 and the file still verifies.
 */
import { afterEach, expect, it } from 'vitest';
import type { DownloadEvent } from '../../src/models/download-api';
import { createModelDownloader } from '../../src/models/model-downloader';
import { createModelTestKit, type ModelTestKit } from './support/model-test-kit';

const DECODER_DATA = 'onnx/decoder_model_merged_q4.onnx_data';
/** CORS-safelisted response headers (Fetch standard). */
const SAFELISTED = ['cache-control', 'content-language', 'content-length', 'content-type', 'expires', 'last-modified', 'pragma'];

/** fetch as a page on `pageOrigin` sees it: cross-origin responses keep only safelisted and exposed headers. */
function corsView(pageOrigin: string): typeof fetch {
  return async (input, init) => {
    const response = await fetch(input, init);
    if (new URL(response.url).origin === pageOrigin) return response;
    const exposed = new Set([...SAFELISTED, ...(response.headers.get('access-control-expose-headers') ?? '').split(',').map((name) => name.trim().toLowerCase())]);
    const headers = new Headers([...response.headers].filter(([name]) => exposed.has(name.toLowerCase())));
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  };
}

let kit: ModelTestKit | undefined;
afterEach(async () => {
  await kit?.dispose();
  kit = undefined;
});

it('a resume answered with an unreadable Content-Range restarts from byte 0, once, and verifies', async () => {
  kit = await createModelTestKit({ faults: { dropConnection: [{ path: DECODER_DATA, afterBytes: 400_000, times: 1 }], cdnHidesContentRange: true } });
  const manifest = await kit.resolve();
  const events: DownloadEvent['type'][] = [];
  const browserLike = createModelDownloader({ store: kit.store, fetch: corsView('http://app.local'), retry: { retries: 3, baseDelayMs: 10, maxDelayMs: 50, maxRetryAfterMs: 100 }, now: Date.now, checkpoint: { everyMs: 1000, everyBytes: 1 << 30 }, progressEveryMs: 50 });
  expect(await browserLike.download(manifest.key, { signal: new AbortController().signal, onEvent: (event) => events.push(event.type) })).toBe('ready');

  const size = manifest.files.find((file) => file.path === DECODER_DATA)!.size;
  const cdn = kit.hub.requests.filter((request) => request.path === DECODER_DATA && request.kind === 'cdn');
  expect(cdn.map((request) => [request.status, request.range === undefined ? 'whole' : 'ranged'])).toEqual([
    [200, 'whole'], // cut after 400 KB
    [206, 'ranged'], // the resume: honoured, but its Content-Range unreadable
    [200, 'whole'], // so: the whole file again, from byte 0
  ]);
  expect(cdn[0]!.dropped).toBe(true);
  expect(cdn[2]!.bytesSent).toBe(size);
  expect(events).not.toContain('checksum-mismatch'); // no misplaced bytes were ever written
  expect((await kit.store.manifest(manifest.key))?.files.find((file) => file.path === DECODER_DATA)?.state).toBe('ready');
});
