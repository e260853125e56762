/**
 * The runnable tiny Qwen2-VL (scripts/fixtures/make-tiny-qwen2vl.mjs) goes through the real
 * path: Hub stand-in -> downloader -> store -> transformers.js cache keys. It has fp32 files
 * only, so every device gets the fp32 set.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startHubServer, type HubServer } from '../../e2e/fixtures/hub-server';
// @ts-expect-error the generator is a plain .mjs script without type declarations
import { ensureTinyQwen2VlFixture, FIXTURE_MODELS_DIR } from '../../scripts/fixtures/make-tiny-qwen2vl.mjs';
import { buildManifest } from '../../src/models/build-manifest';
import { createHubClient } from '../../src/models/hub-client';
import { createModelDownloader } from '../../src/models/model-downloader';
import { createModelStore } from '../../src/models/model-store';
import { createTransformersCache } from '../../src/models/transformers-cache';
import { FAST_RETRY } from './support/model-test-kit';
import { createMemoryManifestRepository } from './support/memory-manifest-repository';
import { createNodeModelFileSystem } from './support/node-model-file-system';

let hub: HubServer;
let dir: string;
let repo: string;
beforeAll(async () => {
  ({ repo } = (await ensureTinyQwen2VlFixture('standard')) as { repo: string });
  hub = await startHubServer({ root: FIXTURE_MODELS_DIR });
  dir = await mkdtemp(join(tmpdir(), 'tiny-download-'));
}, 120_000);
afterAll(async () => {
  await hub?.close();
  await rm(dir, { recursive: true, force: true });
});

it('downloads the tiny model (fp32 set), verified, and serves it under its remote URLs', async () => {
  const store = createModelStore({ manifests: createMemoryManifestRepository(), files: createNodeModelFileSystem(join(dir, 'opfs')), isDownloadRunning: async () => false });
  const client = createHubClient(hub.url);
  const commit = await client.resolveCommit(repo, 'main');
  for (const [device, hasShaderF16] of [['webgpu', true], ['webgpu', false], ['wasm', false]] as const) {
    const manifest = buildManifest({ variantId: 'custom', source: { host: hub.url, repo, revision: 'main' }, commit, device, hasShaderF16, entries: await client.listFiles(repo, commit), now: Date.now() });
    expect(manifest.dtype).toEqual({ vision_encoder: 'fp32', embed_tokens: 'fp32', decoder_model_merged: 'fp32' });
    expect(manifest.files.map((file) => file.path)).toEqual(expect.arrayContaining(['config.json', 'tokenizer.json', 'onnx/vision_encoder.onnx', 'onnx/embed_tokens.onnx', 'onnx/decoder_model_merged.onnx']));
    await store.saveManifest(manifest);
  }
  const [installed] = await store.manifests();
  const downloader = createModelDownloader({ store, fetch: (input, init) => fetch(input, init), retry: FAST_RETRY, now: Date.now, checkpoint: { everyMs: 1000, everyBytes: 1 << 30 }, progressEveryMs: 100 });
  expect(await downloader.download(installed!.key, { signal: new AbortController().signal, onEvent: () => {} })).toBe('ready');

  const cache = createTransformersCache(store);
  for (const path of ['config.json', 'onnx/decoder_model_merged.onnx']) {
    const response = await cache.match(`${hub.url}/${repo}/resolve/main/${path}`);
    const local = await readFile(join(FIXTURE_MODELS_DIR, ...repo.split('/'), ...path.split('/')));
    expect(createHash('sha256').update(Buffer.from(await response!.arrayBuffer())).digest('hex')).toBe(createHash('sha256').update(local).digest('hex'));
  }
  expect((await store.findInstalled({ host: hub.url, repo, revision: 'main' }, 'wasm', false))?.key).toBe(installed!.key);
}, 120_000);
