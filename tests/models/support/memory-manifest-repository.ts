/**
 * ManifestRepository in memory for Node tests (no IndexedDB in Node). Values are cloned on the
 * way in and out, as IndexedDB does, so tests catch code that relies on shared references.
 */
import type { ManifestRepository } from '../../../src/models/manifest-repository';
import type { ModelManifest } from '../../../src/models/model-manifest';

export function createMemoryManifestRepository(): ManifestRepository {
  const records = new Map<string, ModelManifest>();
  return {
    get: async (key) => (records.has(key) ? structuredClone(records.get(key)) : undefined),
    list: async () => [...records.values()].map((manifest) => structuredClone(manifest)),
    put: async (manifest) => void records.set(manifest.key, structuredClone(manifest)),
    async update(key, mutate) {
      const current = records.get(key);
      if (!current) return undefined;
      const next = structuredClone(current);
      mutate(next);
      records.set(key, structuredClone(next));
      return next;
    },
    delete: async (key) => void records.delete(key),
    clear: async () => records.clear(),
  };
}
