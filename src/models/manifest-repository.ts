/** Manifests live in IndexedDB (one record per model key); bytes live in OPFS. */
import type { DBSchema } from 'idb';
import { createDatabaseHandle } from '../storage/open-database';
import type { ModelKey, ModelManifest } from './model-manifest';

export interface ManifestRepository {
  get(key: ModelKey): Promise<ModelManifest | undefined>;
  list(): Promise<ModelManifest[]>;
  put(manifest: ModelManifest): Promise<void>;
  /** Read-modify-write in one transaction, so concurrent writers (downloader, readers touching lastUsed) never lose updates. */
  update(key: ModelKey, mutate: (manifest: ModelManifest) => void): Promise<ModelManifest | undefined>;
  delete(key: ModelKey): Promise<void>;
  clear(): Promise<void>;
}

interface ModelStoreDb extends DBSchema {
  manifests: { key: string; value: ModelManifest };
}

export const MODEL_DB_NAME = 'lora-model-store';

export function createIdbManifestRepository(dbName = MODEL_DB_NAME): ManifestRepository {
  // Also opened by the download worker and the service worker: upgrades never leave them hanging.
  const handle = createDatabaseHandle<ModelStoreDb>(dbName, 1, (database) => {
    database.createObjectStore('manifests', { keyPath: 'key' });
  });
  const db = () => handle.get();

  return {
    async get(key) {
      return (await db()).get('manifests', key);
    },
    async list() {
      return (await db()).getAll('manifests');
    },
    async put(manifest) {
      await (await db()).put('manifests', manifest);
    },
    async update(key, mutate) {
      const tx = (await db()).transaction('manifests', 'readwrite');
      const manifest = await tx.store.get(key);
      if (manifest) {
        mutate(manifest);
        await tx.store.put(manifest);
      }
      await tx.done;
      return manifest;
    },
    async delete(key) {
      await (await db()).delete('manifests', key);
    },
    async clear() {
      await (await db()).clear('manifests');
    },
  };
}
