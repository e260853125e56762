/**
 * Resolving the real Qwen2-VL-2B listing (served listing-only by the Hub stand-in: its files have
 * no bytes here) through the download worker's API: the dtype set and the memory verdict come
 * from the listing, and a set that will not fit is refused before a single file is requested.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHubServer, type HubServer } from '../../e2e/fixtures/hub-server';
import { createModelsStore } from '../../src/features/models/create-models-store';
import { createDownloadApi } from '../../src/models/create-download-api';
import { createInThreadHasher } from '../../src/models/file-hasher';
import { createModelStore, type WritableModelStore } from '../../src/models/model-store';
import { QWEN2_VL_2B_FILES, QWEN2_VL_2B_REPO } from '../fixtures/qwen2-vl-2b-instruct-listing';
import { createMemoryManifestRepository } from './support/memory-manifest-repository';
import { createNodeModelFileSystem } from './support/node-model-file-system';

let hub: HubServer;
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'resolve-real-'));
  hub = await startHubServer({ root: dir, listedRepos: [{ id: QWEN2_VL_2B_REPO, files: [...QWEN2_VL_2B_FILES] }] });
});
afterAll(async () => {
  await hub.close();
  await rm(dir, { recursive: true, force: true });
});

function api(): { store: WritableModelStore; download: ReturnType<typeof createDownloadApi> } {
  const store = createModelStore({ manifests: createMemoryManifestRepository(), files: createNodeModelFileSystem(join(dir, 'opfs')), isDownloadRunning: async () => false });
  const download = createDownloadApi({ store, fetch: (input, init) => fetch(input, init), locks: {} as LockManager, channel: new BroadcastChannel('resolve-test'), createHasher: createInThreadHasher });
  return { store, download };
}
const fileRequests = () => hub.requests.filter((request) => request.kind === 'resolve' || request.kind === 'cdn');
const source = () => ({ host: hub.url, repo: QWEN2_VL_2B_REPO, revision: 'main', variantId: 'qwen2-vl-2b' });

describe('resolving the real 2B listing', () => {
  it('WASM: records the q8/q8/q4 set, about 1.9 GB, which fits', async () => {
    const { store, download } = api();
    const result = await download.resolve({ ...source(), device: 'wasm', hasShaderF16: false, deviceMemoryGb: 16 });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.model.dtype).toEqual({ vision_encoder: 'q8', embed_tokens: 'q8', decoder_model_merged: 'q4' });
    expect(result.model.totalBytes).toBeGreaterThan(1.85e9);
    expect(result.model.totalBytes).toBeLessThan(1.9e9);
    expect(result.model.fit.verdict).toBe('fits');
    expect((await store.manifest(result.model.key))?.files.map((file) => file.path)).toEqual([
      'added_tokens.json', 'chat_template.json', 'config.json', 'generation_config.json', 'merges.txt', 'preprocessor_config.json', 'tokenizer.json', 'tokenizer_config.json', 'vocab.json',
      'onnx/decoder_model_merged_q4.onnx', 'onnx/embed_tokens_quantized.onnx', 'onnx/vision_encoder_quantized.onnx',
    ]);
    expect(fileRequests()).toEqual([]);
  });

  it('WebGPU without shader-f16 on a 4 GB device: refuses the 4.6 GB set before any file is requested', async () => {
    const { store, download } = api();
    const result = await download.resolve({ ...source(), device: 'webgpu', hasShaderF16: false, deviceMemoryGb: 4 });
    if (result.ok) throw new Error('expected a refusal');
    expect(result.error.kind).toBe('InsufficientMemory');
    expect(result.error.message).toMatch(/^This model needs about 5\.2 GB of memory; about 3\.0 GB of this device's memory is usable\.$/);
    expect(result.refused?.dtype).toEqual({ vision_encoder: 'fp32', embed_tokens: 'fp32', decoder_model_merged: 'q4' });
    expect(result.refused?.fit.label).toBe('will not fit: use Cloud');
    expect(await store.manifests()).toEqual([]);
    expect(fileRequests()).toEqual([]);
  });
});

describe('the 2B model card', () => {
  it('shows the refused set, its size and the verdict, and downloads nothing', async () => {
    const { store, download } = api();
    const [state, actions] = createModelsStore({
      store,
      detectDevice: async () => ({ device: 'webgpu', hasShaderF16: false }),
      deviceMemoryGb: 4,
      createClient: () => ({ ...download, dispose: () => undefined }),
    });
    await actions.download('qwen2-vl-2b', { hubHost: hub.url, customModel: null, offlineVariant: 'qwen2-vl-2b' });
    const card = state.cards['qwen2-vl-2b']!;
    expect(card.status.kind).toBe('not-downloaded');
    expect(card.dtype).toEqual({ vision_encoder: 'fp32', embed_tokens: 'fp32', decoder_model_merged: 'q4' });
    expect(card.totalBytes).toBeGreaterThan(4.5e9);
    expect(card.fit?.label).toBe('will not fit: use Cloud');
    expect(card.message).toMatchObject({ tone: 'error', text: expect.stringContaining('This model needs about 5.2 GB') });
    expect(fileRequests()).toEqual([]);

    // The refused figures stay while this source is selected, and go with it.
    await actions.refresh({ hubHost: hub.url, customModel: null, offlineVariant: 'qwen2-vl-2b' });
    expect(state.cards['qwen2-vl-2b']!.fit?.verdict).toBe('will-not-fit');
    await actions.refresh({ hubHost: 'https://mirror.example', customModel: null, offlineVariant: 'qwen2-vl-2b' });
    const moved = state.cards['qwen2-vl-2b']!;
    expect([moved.fit, moved.dtype, moved.totalBytes, moved.message]).toEqual([undefined, undefined, undefined, undefined]);
  });
});
