/**
 * The service worker's model-file route: same-origin GETs under `<scope>models/…/resolve/…`
 * (see model-url.ts) are answered from ModelStore, Range included, so the inference worker can
 * load with the network off. Model files are never put in the precache or the Cache API.
 */
import { createRangeResponse } from './http-range';
import { isLocalModelFileUrl, parseModelFileUrl } from './model-url';
import type { ModelStore } from './model-store';

export interface ModelFileRoute {
  /** workbox-routing match callback. */
  match(options: { url: URL; request: Request }): boolean;
  /** workbox-routing handler. */
  handle(options: { request: Request }): Promise<Response>;
}

export function createModelFileRoute(store: ModelStore, scope: string): ModelFileRoute {
  return {
    match: ({ url, request }) => (request.method === 'GET' || request.method === 'HEAD') && isLocalModelFileUrl(url, scope),
    async handle({ request }) {
      const address = parseModelFileUrl(request.url);
      const found = address && (await store.locate(address.host, address.repo, address.revision, address.path));
      const file = found && (await store.readFile(found.manifest.key, address.path));
      if (!found || !file) {
        return new Response(JSON.stringify({ error: 'This model file is not installed.' }), {
          status: 404,
          headers: { 'Content-Type': 'application/json' },
        });
      }
      const response = createRangeResponse(file, request.headers.get('Range'), {
        ETag: `"${found.file.sha256}"`,
        'X-Repo-Commit': found.manifest.commit,
        'Cache-Control': 'no-store',
      });
      return request.method === 'HEAD' ? new Response(null, { status: response.status, headers: response.headers }) : response;
    },
  };
}
