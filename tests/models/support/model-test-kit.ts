/** Shared setup for Node model tests: a fake-layout repo on the Hub stand-in, a store on a temp dir. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHubServer, type HubFaults, type HubServer } from '../../../e2e/fixtures/hub-server';
import { writeFakeModelRepo, fakeQwen2VlLayout, type FakeRepoFile } from '../../../e2e/support/model-fixtures';
import { buildManifest } from '../../../src/models/build-manifest';
import { createHubClient } from '../../../src/models/hub-client';
import { createModelDownloader, type ModelDownloader } from '../../../src/models/model-downloader';
import { createModelStore, type WritableModelStore } from '../../../src/models/model-store';
import type { ModelManifest } from '../../../src/models/model-manifest';
import type { RetryPolicy } from '../../../src/models/retry-policy';
import { createMemoryManifestRepository } from './memory-manifest-repository';
import { createNodeModelFileSystem, type NodeModelFileSystem } from './node-model-file-system';

export const TEST_REPO = 'onnx-community/Qwen2-VL-2B-Instruct';
export const FAST_RETRY: RetryPolicy = { retries: 3, baseDelayMs: 20, maxDelayMs: 200, maxRetryAfterMs: 2_000 };

export interface ModelTestKit {
  hub: HubServer;
  store: WritableModelStore;
  files: NodeModelFileSystem;
  repoFiles: FakeRepoFile[];
  /** Root the Hub stand-in serves (repos under it). */
  hubRoot: string;
  /** Resolves and records the manifest for the WASM device. */
  resolve(): Promise<ModelManifest>;
  downloader(overrides?: Partial<{ retry: RetryPolicy; everyMs: number; everyBytes: number }>): ModelDownloader;
  dispose(): Promise<void>;
}

export async function createModelTestKit(options: { faults?: HubFaults; scale?: number; treePageSize?: number } = {}): Promise<ModelTestKit> {
  const dir = await mkdtemp(join(tmpdir(), 'model-store-'));
  const repoFiles = await writeFakeModelRepo(join(dir, 'hub'), TEST_REPO, fakeQwen2VlLayout(options.scale ?? 0.25));
  const hub = await startHubServer({ root: join(dir, 'hub'), ...(options.faults ? { faults: options.faults } : {}), ...(options.treePageSize ? { treePageSize: options.treePageSize } : {}) });
  const files = createNodeModelFileSystem(join(dir, 'opfs'));
  const store = createModelStore({ manifests: createMemoryManifestRepository(), files, isDownloadRunning: async () => false });
  return {
    hub,
    store,
    files,
    repoFiles,
    hubRoot: join(dir, 'hub'),
    async resolve() {
      const client = createHubClient(hub.url);
      const commit = await client.resolveCommit(TEST_REPO, 'main');
      const manifest = buildManifest({
        variantId: 'qwen2-vl-2b',
        source: { host: hub.url, repo: TEST_REPO, revision: 'main' },
        commit,
        device: 'wasm',
        hasShaderF16: false,
        entries: await client.listFiles(TEST_REPO, commit),
        now: Date.now(),
      });
      await store.saveManifest(manifest);
      return manifest;
    },
    downloader(overrides = {}) {
      return createModelDownloader({
        store,
        fetch: (input, init) => fetch(input, init),
        retry: overrides.retry ?? FAST_RETRY,
        now: Date.now,
        checkpoint: { everyMs: overrides.everyMs ?? 1_000, everyBytes: overrides.everyBytes ?? 32 * 1024 * 1024 },
        progressEveryMs: 50,
      });
    },
    async dispose() {
      await hub.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
