/**
 * The models feature store: the device-memory warning (navigator.deviceMemory cannot be set in
 * Chromium tests), and a download that does not wait for the browser's persistent-storage answer.
 */
import { describe, expect, it } from 'vitest';
import { createModelsStore } from '../../src/features/models/create-models-store';
import type { DownloadClient } from '../../src/models/download-client';
import { DEFAULT_HUB_HOST, DEFAULT_OFFLINE_VARIANT } from '../../src/domain/settings';
import { createMemoryManifestRepository } from './support/memory-manifest-repository';
import { createModelStore } from '../../src/models/model-store';
import { createNodeModelFileSystem } from './support/node-model-file-system';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const store = createModelStore({ manifests: createMemoryManifestRepository(), files: createNodeModelFileSystem(join(tmpdir(), 'models-store-test')), isDownloadRunning: async () => false });

describe('memory warning', () => {
  it.each([
    [4, 'qwen2-vl-2b', undefined],
    [2, 'qwen2-vl-2b', 'This model needs about 4 GB of memory; this device reports 2 GB (browsers round this down).'],
    [8, 'qwen2-vl-7b', 'This model needs about 10 GB of memory; this device reports 8 GB (browsers round this down).'],
    [16, 'qwen2-vl-7b', undefined],
    [undefined, 'qwen2-vl-7b', undefined],
  ])('%s GB reported, %s', (deviceMemoryGb, variant, expected) => {
    const [, actions] = createModelsStore({ store, ...(deviceMemoryGb === undefined ? {} : { deviceMemoryGb }) });
    const warning = actions.memoryWarning(variant);
    if (expected === undefined) expect(warning).toBeUndefined();
    else expect(warning).toContain(expected);
  });
});

describe('starting a download', () => {
  it('does not wait for the persistent-storage answer (Firefox asks the user and may never hear back)', async () => {
    const downloads: string[] = [];
    const client: DownloadClient = {
      resolve: async () => ({ ok: true, model: { key: 'k', commit: 'c'.repeat(40), dtype: {} as never, fileCount: 9, totalBytes: 50 * 1024 * 1024, bytesDone: 0, fit: {} as never } }),
      download: async (key) => {
        downloads.push(key);
        return { status: 'paused', key };
      },
      pause: async () => undefined,
      cancel: async () => undefined,
      importFiles: async (key) => ({ status: 'ready', key, imported: [] }),
      dispose: () => undefined,
    };
    let asked = 0;
    const [, actions] = createModelsStore({
      store,
      createClient: () => client,
      detectDevice: async () => ({ device: 'wasm', hasShaderF16: false }),
      // A permission prompt nobody answers.
      storageManager: { persisted: async () => false, persist: () => ((asked += 1), new Promise<boolean>(() => undefined)) },
    });
    const settings = { hubHost: DEFAULT_HUB_HOST, customModel: null, offlineVariant: DEFAULT_OFFLINE_VARIANT };
    const started = actions.download(DEFAULT_OFFLINE_VARIANT, settings);
    await expect.poll(() => downloads, { timeout: 2_000 }).toEqual(['k']);
    expect(asked).toBe(1);
    await started;
  });
});
