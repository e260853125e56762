/** The models feature store's device-memory warning (navigator.deviceMemory cannot be set in Chromium tests). */
import { describe, expect, it } from 'vitest';
import { createModelsStore } from '../../src/features/models/create-models-store';
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
