/**
 * transformers.js `env.customCache` backed by ModelStore, so the inference worker loads verified
 * files with no service worker in control (first visit, hard reload) and no network. Keys are
 * the remote URLs `${host}/${repo}/resolve/${revision}/${path}` (FACTS.md section 4); local
 * service-worker URLs (model-url.ts) are understood too.
 */
import { parseModelFileUrl } from './model-url';
import type { ModelStore } from './model-store';

export interface TransformersCache {
  match(request: string | Request): Promise<Response | undefined>;
  put(request: string | Request, response: Response): Promise<void>;
}

export function createTransformersCache(store: ModelStore): TransformersCache {
  return {
    async match(request) {
      const address = parseModelFileUrl(typeof request === 'string' ? request : request.url);
      if (!address) return undefined;
      const found = await store.locate(address.host, address.repo, address.revision, address.path);
      const file = found && (await store.readFile(found.manifest.key, address.path));
      if (!found || !file) return undefined;
      return new Response(file, {
        status: 200,
        headers: { 'Content-Type': 'application/octet-stream', 'Content-Length': String(file.size), ETag: `"${found.file.sha256}"` },
      });
    },
    /**
     * Deliberately a no-op: the downloader is the only writer. A put here would store bytes
     * with no pinned SHA-256 and no manifest entry (unverifiable, invisible to status and
     * clear), and would duplicate multi-GB files already in the store.
     */
    async put() {},
  };
}
