/**
 * ModelStore: the one facade over installed models (bytes in OPFS, manifest in IndexedDB).
 * Works in the window, a dedicated worker and the service worker; only the downloader writes.
 */
import { StorageError } from '../errors';
import { isDownloadRunning } from './download-lock';
import { createIdbManifestRepository, type ManifestRepository } from './manifest-repository';
import type { ModelFileSystem } from './model-file-system';
import { statusOf, type ManifestFile, type ModelKey, type ModelManifest, type ModelStatus } from './model-manifest';
import { createOpfsModelFileSystem } from './opfs-model-file-system';
import { isDtypeSetUsable, normalizeHost, type InferenceDevice, type ModelSource } from './registry';

export type { ModelManifest, ModelStatus, ModelKey, ManifestFile } from './model-manifest';

export interface ModelStore {
  manifest(key: ModelKey): Promise<ModelManifest | undefined>;
  manifests(): Promise<ModelManifest[]>;
  /** Verified files only (state 'ready'); a ready file missing from disk marks the model corrupt. */
  readFile(key: ModelKey, path: string): Promise<File | undefined>;
  status(key: ModelKey): Promise<ModelStatus>;
  /** Bytes freed. */
  clear(key: ModelKey): Promise<number>;
  clearAll(): Promise<number>;
  usage(): Promise<{ modelBytes: number; quota?: number }>;
  /**
   * The ready file at `path` of a model from this host and repo, where `revision` may be the
   * revision name the user chose or the pinned commit (what the SW route and transformers.js ask for).
   */
  locate(host: string, repo: string, revision: string, path: string): Promise<{ manifest: ModelManifest; file: ManifestFile } | undefined>;
  /** A fully ready model of this source whose dtype set runs on the device (most recently used first). */
  findInstalled(source: ModelSource, device: InferenceDevice, hasShaderF16: boolean): Promise<ModelManifest | undefined>;
}

/** What the downloader additionally needs; readers only see ModelStore. */
export interface WritableModelStore extends ModelStore {
  readonly files: ModelFileSystem;
  saveManifest(manifest: ModelManifest): Promise<void>;
  updateManifest(key: ModelKey, mutate: (manifest: ModelManifest) => void): Promise<ModelManifest | undefined>;
  deleteManifest(key: ModelKey): Promise<void>;
}

export interface ModelStoreDeps {
  manifests?: ManifestRepository;
  files?: ModelFileSystem;
  isDownloadRunning?: (key: ModelKey) => Promise<boolean>;
  now?: () => number;
}

/** lastUsed is advisory: refreshing it at most once a minute keeps reads from writing IndexedDB. */
const LAST_USED_RESOLUTION_MS = 60_000;

export function createModelStore(deps: ModelStoreDeps = {}): WritableModelStore {
  const manifests = deps.manifests ?? createIdbManifestRepository();
  const files = deps.files ?? createOpfsModelFileSystem();
  const running = deps.isDownloadRunning ?? isDownloadRunning;
  const now = deps.now ?? Date.now;

  async function markMissing(key: ModelKey, path: string): Promise<void> {
    await manifests.update(key, (manifest) => {
      const file = manifest.files.find((entry) => entry.path === path);
      if (file) Object.assign(file, { state: 'corrupt', bytesDone: 0, hashState: undefined });
      manifest.state = 'corrupt';
      manifest.updatedAt = now();
    });
  }

  const store: WritableModelStore = {
    files,
    manifest: (key) => manifests.get(key),
    manifests: () => manifests.list(),
    async readFile(key, path) {
      const manifest = await manifests.get(key);
      const entry = manifest?.files.find((file) => file.path === path);
      if (!entry || entry.state !== 'ready') return undefined;
      const file = await files.readFile(key, path);
      if (!file || file.size !== entry.size) {
        await markMissing(key, path);
        return undefined;
      }
      if (!entry.lastUsed || now() - entry.lastUsed > LAST_USED_RESOLUTION_MS) {
        await manifests.update(key, (current) => {
          const target = current.files.find((candidate) => candidate.path === path);
          if (target) target.lastUsed = now();
        });
      }
      return file;
    },
    async status(key) {
      const manifest = await manifests.get(key);
      return statusOf(manifest, manifest?.state === 'downloading' ? await running(key) : false);
    },
    async clear(key) {
      if (await running(key)) throw new StorageError('This model is downloading: cancel the download before deleting it.');
      const freed = await files.removeModel(key);
      await manifests.delete(key);
      return freed;
    },
    async clearAll() {
      for (const manifest of await manifests.list()) {
        if (await running(manifest.key)) throw new StorageError('A model is downloading: cancel it before clearing all models.');
      }
      const freed = await files.removeAll();
      await manifests.clear();
      return freed;
    },
    async usage() {
      const modelBytes = await files.usage();
      const estimate = await globalThis.navigator?.storage?.estimate?.().catch(() => undefined);
      return estimate?.quota === undefined ? { modelBytes } : { modelBytes, quota: estimate.quota };
    },
    async locate(host, repo, revision, path) {
      const wantedHost = normalizeHost(host);
      const candidates = (await manifests.list())
        .filter((manifest) => manifest.host === wantedHost && manifest.repo === repo)
        .filter((manifest) => manifest.revision === revision || manifest.commit === revision)
        .sort(readyFirst);
      for (const manifest of candidates) {
        const file = manifest.files.find((entry) => entry.path === path && entry.state === 'ready');
        if (file) return { manifest, file };
      }
      return undefined;
    },
    async findInstalled(source, device, hasShaderF16) {
      const host = normalizeHost(source.host);
      return (await manifests.list())
        .filter((manifest) => manifest.host === host && manifest.repo === source.repo && manifest.revision === source.revision)
        .filter((manifest) => manifest.state === 'ready' && isDtypeSetUsable(manifest.dtype, device, hasShaderF16))
        .sort((a, b) => lastUse(b) - lastUse(a))[0];
    },
    saveManifest: (manifest) => manifests.put(manifest),
    updateManifest: (key, mutate) => manifests.update(key, mutate),
    deleteManifest: (key) => manifests.delete(key),
  };
  return store;
}

function readyFirst(a: ModelManifest, b: ModelManifest): number {
  return Number(b.state === 'ready') - Number(a.state === 'ready');
}

function lastUse(manifest: ModelManifest): number {
  return Math.max(manifest.updatedAt, ...manifest.files.map((file) => file.lastUsed ?? 0));
}
