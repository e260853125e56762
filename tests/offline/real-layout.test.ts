/**
 * The real loading path in Node, on the fixture shaped like onnx-community/Qwen2-VL-2B-Instruct
 * (dtype-suffixed files, external data, `transformers.js_config`): Hub stand-in -> dtype plan ->
 * downloader -> ModelStore -> transformers.js reading every file through the store's custom cache,
 * network refused, exactly as the browser's inference worker does (readModelsFromStore).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHubServer, type HubServer } from '../../e2e/fixtures/hub-server';
// @ts-expect-error the generator is a plain .mjs script without type declarations
import { ensureTinyQwen2VlFixture, FIXTURE_MODELS_DIR } from '../../scripts/fixtures/make-tiny-qwen2vl.mjs';
import { readModelsFromStore } from '../../src/analysis/offline/browser-inference-deps';
import { createInferenceApi } from '../../src/analysis/offline/create-inference-api';
import { parseDraft } from '../../src/domain/draft';
import { buildManifest } from '../../src/models/build-manifest';
import { createHubClient } from '../../src/models/hub-client';
import { totalBytes, type ModelManifest } from '../../src/models/model-manifest';
import { createModelDownloader } from '../../src/models/model-downloader';
import { createModelStore, type WritableModelStore } from '../../src/models/model-store';
import type { InferenceDevice } from '../../src/models/registry';
import { createTransformersCache } from '../../src/models/transformers-cache';
import { createMemoryManifestRepository } from '../models/support/memory-manifest-repository';
import { FAST_RETRY } from '../models/support/model-test-kit';
import { createNodeModelFileSystem } from '../models/support/node-model-file-system';
import { loadXGrammarInNode } from './support/node-xgrammar';
import { makeTestImages } from './support/test-images';

let hub: HubServer;
let dir: string;
let repo: string;
let store: WritableModelStore;
beforeAll(async () => {
  ({ repo } = (await ensureTinyQwen2VlFixture('realLayout')) as { repo: string });
  hub = await startHubServer({ root: FIXTURE_MODELS_DIR });
  dir = await mkdtemp(join(tmpdir(), 'real-layout-'));
  store = createModelStore({ manifests: createMemoryManifestRepository(), files: createNodeModelFileSystem(join(dir, 'opfs')), isDownloadRunning: async () => false });
}, 120_000);
afterAll(async () => {
  await hub?.close();
  await rm(dir, { recursive: true, force: true });
});

/** Plans the set for a device from the listing, downloads it into the store, verified. */
async function install(device: InferenceDevice): Promise<ModelManifest> {
  const client = createHubClient(hub.url);
  const commit = await client.resolveCommit(repo, 'main');
  const manifest = buildManifest({ variantId: 'custom', source: { host: hub.url, repo, revision: 'main' }, commit, device, hasShaderF16: false, entries: await client.listFiles(repo, commit), now: Date.now() });
  await store.saveManifest(manifest);
  const downloader = createModelDownloader({ store, fetch: (input, init) => fetch(input, init), retry: FAST_RETRY, now: Date.now, checkpoint: { everyMs: 1000, everyBytes: 1 << 30 }, progressEveryMs: 100 });
  expect(await downloader.download(manifest.key, { signal: new AbortController().signal, onEvent: () => {} })).toBe('ready');
  return manifest;
}

/** The inference API reading from the store like the browser worker, recording what it asked for. */
function storeBackedApi() {
  const cache = createTransformersCache(store);
  const asked: string[] = [];
  const recording = {
    match: async (request: string | Request) => {
      asked.push(new URL(typeof request === 'string' ? request : request.url).pathname.split('/resolve/')[1]!.split('/').slice(1).join('/'));
      return cache.match(request);
    },
    put: cache.put,
  };
  const api = createInferenceApi({
    loadXGrammar: loadXGrammarInNode,
    configureModelSource: (env, source) => readModelsFromStore(env, recording, source),
    probeDevice: async () => ({ gpu: null, deviceMemoryGb: null }),
    runtimeDevice: () => 'cpu',
    sessionOptions: { intraOpNumThreads: 1, interOpNumThreads: 1 },
    yieldToEventLoop: () => new Promise<void>((resolve) => setImmediate(resolve)),
  });
  return { api, asked };
}

describe('the real-layout fixture through ModelStore', () => {
  it('WASM: picks q8/q8/q4 as for the real repo, loads the suffixed files and their external data from the store, and drafts', async () => {
    const manifest = await install('wasm');
    expect(manifest.dtype).toEqual({ vision_encoder: 'q8', embed_tokens: 'q8', decoder_model_merged: 'q4' });
    const onnx = manifest.files.map((file) => file.path).filter((path) => path.startsWith('onnx/'));
    expect(onnx).toEqual([
      'onnx/decoder_model_merged_q4.onnx', 'onnx/decoder_model_merged_q4.onnx_data',
      'onnx/embed_tokens_quantized.onnx',
      'onnx/vision_encoder_quantized.onnx', 'onnx/vision_encoder_quantized.onnx_data',
    ]);

    const { api, asked } = storeBackedApi();
    await api.loadModel({ source: { host: manifest.host, repo, revision: manifest.commit }, device: 'wasm', dtype: manifest.dtype, modelBytes: totalBytes(manifest) });
    // Every graph and data file came from the store; the config's own default dtypes (fp16 embed) never.
    for (const path of onnx) expect(asked, path).toContain(path);
    expect(asked.filter((path) => path.startsWith('onnx/')).every((path) => onnx.includes(path))).toBe(true);

    const draft = await api.generateDraft({ requestId: 'real-layout', images: await makeTestImages(3, 5) });
    expect(draft.complete).toBe(true);
    expect(parseDraft(draft.text).ok).toBe(true);
    await api.unloadModel();
  }, 240_000);

  it('WebGPU without shader-f16 plans q4/q4/q4, all external data, and the set runs', async () => {
    const manifest = await install('webgpu');
    expect(manifest.dtype).toEqual({ vision_encoder: 'q4', embed_tokens: 'q4', decoder_model_merged: 'q4' });
    expect(manifest.files.filter((file) => file.path.endsWith('.onnx_data')).map((file) => file.path)).toEqual([
      'onnx/decoder_model_merged_q4.onnx_data', 'onnx/embed_tokens_q4.onnx_data', 'onnx/vision_encoder_q4.onnx_data',
    ]);
    // Node has no WebGPU: the same files run on the CPU here (the browser e2e runs them on SwiftShader).
    const { api } = storeBackedApi();
    await api.loadModel({ source: { host: manifest.host, repo, revision: manifest.commit }, device: 'wasm', dtype: manifest.dtype, modelBytes: totalBytes(manifest) });
    const caption = await api.generateCaption({ requestId: 'q4', image: (await makeTestImages(1, 9))[0]!, maxNewTokens: 6 });
    expect(caption.tokens).toBeGreaterThan(0);
    await api.unloadModel();
  }, 240_000);
});
