/** ModelStore reading side, the SW route and the transformers.js cache, over a real downloaded model. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTransformersCache } from '../../src/models/transformers-cache';
import { createModelFileRoute } from '../../src/models/sw-model-route';
import { localModelFileUrl, localModelHost } from '../../src/models/model-url';
import { totalBytes, type ModelManifest } from '../../src/models/model-manifest';
import { createModelTestKit, TEST_REPO, type ModelTestKit } from './support/model-test-kit';

let kit: ModelTestKit;
let manifest: ModelManifest;
const DECODER = 'onnx/decoder_model_merged_q4.onnx';

beforeAll(async () => {
  kit = await createModelTestKit();
  manifest = await kit.resolve();
  await kit.downloader().download(manifest.key, { signal: new AbortController().signal, onEvent: () => {} });
});
afterAll(async () => kit.dispose());

const remoteBytes = async (path: string) => Buffer.from(await (await fetch(`${kit.hub.url}/${TEST_REPO}/resolve/main/${path}`)).arrayBuffer());

describe('ModelStore', () => {
  it('locates ready files by revision name or pinned commit', async () => {
    expect((await kit.store.locate(kit.hub.url, TEST_REPO, 'main', DECODER))?.manifest.key).toBe(manifest.key);
    expect((await kit.store.locate(`${kit.hub.url}/`, TEST_REPO, manifest.commit, DECODER))?.file.path).toBe(DECODER);
    expect(await kit.store.locate(kit.hub.url, TEST_REPO, 'v2', DECODER)).toBeUndefined();
    expect(await kit.store.locate(kit.hub.url, TEST_REPO, 'main', 'onnx/decoder_model_merged_q4f16.onnx')).toBeUndefined();
  });

  it('finds the installed model usable on a device', async () => {
    const source = { host: kit.hub.url, repo: TEST_REPO, revision: 'main' };
    expect((await kit.store.findInstalled(source, 'wasm', false))?.key).toBe(manifest.key);
    expect((await kit.store.findInstalled(source, 'webgpu', false))?.key).toBe(manifest.key);
    expect(await kit.store.findInstalled({ ...source, repo: 'other/repo' }, 'wasm', false)).toBeUndefined();
  });

  it('records the last use of a file when it is read', async () => {
    await kit.store.readFile(manifest.key, 'config.json');
    const file = (await kit.store.manifest(manifest.key))!.files.find((entry) => entry.path === 'config.json')!;
    expect(Date.now() - (file.lastUsed ?? 0)).toBeLessThan(5_000);
  });

  it('reports usage as the bytes on disk', async () => {
    expect((await kit.store.usage()).modelBytes).toBe(totalBytes(manifest));
  });
});

describe('service worker route', () => {
  const scope = 'http://app.local/sub/';
  const route = () => createModelFileRoute(kit.store, scope);
  const url = (path: string, revision = 'main') => localModelFileUrl(scope, { host: kit.hub.url, repo: TEST_REPO, revision, path });

  it('matches only same-origin model URLs under the scope', () => {
    const request = new Request(url(DECODER));
    expect(route().match({ url: new URL(request.url), request })).toBe(true);
    const other = new Request('http://app.local/sub/assets/index.js');
    expect(route().match({ url: new URL(other.url), request: other })).toBe(false);
    const foreign = new Request(`${kit.hub.url}/${TEST_REPO}/resolve/main/${DECODER}`);
    expect(route().match({ url: new URL(foreign.url), request: foreign })).toBe(false);
  });

  it('serves whole files and Range requests from the store', async () => {
    const whole = await route().handle({ request: new Request(url(DECODER)) });
    expect(whole.status).toBe(200);
    expect(Buffer.from(await whole.arrayBuffer()).equals(await remoteBytes(DECODER))).toBe(true);

    const partial = await route().handle({ request: new Request(url(DECODER, manifest.commit), { headers: { Range: 'bytes=10-19' } }) });
    expect(partial.status).toBe(206);
    expect(partial.headers.get('Content-Range')).toBe(`bytes 10-19/${(await remoteBytes(DECODER)).length}`);
    expect(Buffer.from(await partial.arrayBuffer()).equals((await remoteBytes(DECODER)).subarray(10, 20))).toBe(true);

    const probe = await route().handle({ request: new Request(url('config.json'), { headers: { Range: 'bytes=0-0' } }) });
    expect([probe.status, probe.headers.get('Content-Length')]).toEqual([206, '1']);
  });

  it('ignores an invalid Range (last byte before the first) and sends the whole file, RFC 9110 section 14.2', async () => {
    const bytes = await remoteBytes(DECODER);
    const answer = await route().handle({ request: new Request(url(DECODER), { headers: { Range: 'bytes=500-400' } }) });
    expect([answer.status, answer.headers.get('Content-Range'), answer.headers.get('Content-Length')]).toEqual([200, null, String(bytes.length)]);
    expect(Buffer.from(await answer.arrayBuffer()).equals(bytes)).toBe(true);
    const pastTheEnd = await route().handle({ request: new Request(url(DECODER), { headers: { Range: `bytes=${bytes.length}-` } }) });
    expect([pastTheEnd.status, pastTheEnd.headers.get('Content-Range')]).toEqual([416, `bytes */${bytes.length}`]);
  });

  it('answers 404 for files that are not installed', async () => {
    expect((await route().handle({ request: new Request(url('onnx/vision_encoder.onnx')) })).status).toBe(404);
  });

  it('builds remoteHost values transformers.js can join', () => {
    expect(localModelHost('http://app.local/sub/', 'https://huggingface.co/')).toBe('http://app.local/sub/models/https%3A%2F%2Fhuggingface.co');
    expect(localModelHost('http://app.local/sub/index.html#/settings', 'https://huggingface.co')).toBe('http://app.local/sub/models/https%3A%2F%2Fhuggingface.co');
  });
});

describe('transformers.js custom cache', () => {
  it('answers remote URLs (the keys transformers.js uses) from the store', async () => {
    const cache = createTransformersCache(kit.store);
    const hit = await cache.match(`${kit.hub.url}/${TEST_REPO}/resolve/main/${DECODER}`);
    expect(hit?.status).toBe(200);
    expect(Buffer.from(await hit!.arrayBuffer()).equals(await remoteBytes(DECODER))).toBe(true);
    expect(await cache.match(`${kit.hub.url}/${TEST_REPO}/resolve/main/onnx/vision_encoder.onnx`)).toBeUndefined();
    // transformers.js first tries its local path, which is no URL
    expect(await cache.match(`/models/${TEST_REPO}/config.json`)).toBeUndefined();
  });

  it('does not store anything on put', async () => {
    const cache = createTransformersCache(kit.store);
    const url = `${kit.hub.url}/${TEST_REPO}/resolve/main/onnx/vision_encoder.onnx`;
    await cache.put(url, new Response('x'));
    expect(await cache.match(url)).toBeUndefined();
  });
});

describe('damaged storage', () => {
  it('marks the model corrupt when a ready file vanished from disk', async () => {
    const other = await createModelTestKit({ scale: 0.05 });
    try {
      const installed = await other.resolve();
      await other.downloader().download(installed.key, { signal: new AbortController().signal, onEvent: () => {} });
      await other.files.removeFile(installed.key, 'config.json');
      expect(await other.store.readFile(installed.key, 'config.json')).toBeUndefined();
      expect(await other.store.status(installed.key)).toEqual({ kind: 'corrupt', files: ['config.json'] });
      // a resume downloads just that file again
      other.hub.clearRequests();
      await other.downloader().download(installed.key, { signal: new AbortController().signal, onEvent: () => {} });
      expect(other.hub.requests.filter((request) => request.kind === 'resolve' || request.kind === 'cdn').map((request) => request.path)).toEqual(['config.json']);
      expect((await other.store.status(installed.key)).kind).toBe('ready');
    } finally {
      await other.dispose();
    }
  });

  it('clear frees exactly the bytes stored', async () => {
    const other = await createModelTestKit({ scale: 0.05 });
    try {
      const installed = await other.resolve();
      await other.downloader().download(installed.key, { signal: new AbortController().signal, onEvent: () => {} });
      const before = (await other.store.usage()).modelBytes;
      expect(await other.store.clear(installed.key)).toBe(before);
      expect((await other.store.usage()).modelBytes).toBe(0);
      expect(await other.store.status(installed.key)).toEqual({ kind: 'not-downloaded' });
    } finally {
      await other.dispose();
    }
  });
});
