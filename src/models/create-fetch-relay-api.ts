/** FetchRelayApi over this thread's fetch: each body is read here and sent over its own port. */
import * as Comlink from 'comlink';
import type { FetchRelayApi } from './fetch-relay-api';
import { errorText } from './hub-client';
import { sendBody, type RelayOptions } from './relayed-body';

/**
 * 16 MiB ahead is about 0.1 s of OPFS writes at the sync handle's speed (FACTS.md section 2:
 * ~170 MB/s), enough to ride out a write or a checkpoint; 1 MiB pieces are what the byte
 * pipeline writes and hashes in one call (stream-to-file.ts).
 */
export const DEFAULT_RELAY_OPTIONS: RelayOptions = { windowBytes: 16 * 1024 * 1024, pieceBytes: 1024 * 1024 };

export interface FetchRelayDeps {
  fetch?: typeof fetch;
  options?: RelayOptions;
}

export function createFetchRelayApi(deps: FetchRelayDeps = {}): FetchRelayApi {
  const doFetch = deps.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const options = deps.options ?? DEFAULT_RELAY_OPTIONS;
  const controllers = new Map<number, AbortController>();

  return {
    async fetch(id, request) {
      const controller = new AbortController();
      controllers.set(id, controller);
      let response: Response;
      try {
        response = await doFetch(request.url, { method: request.method, headers: request.headers, cache: request.cache, signal: controller.signal });
      } catch (error) {
        controllers.delete(id);
        return { kind: 'failed', aborted: controller.signal.aborted, message: errorText(error) };
      }
      const head = { kind: 'response' as const, status: response.status, statusText: response.statusText, headers: [...response.headers] };
      if (!response.body) {
        controllers.delete(id);
        return { ...head, body: null };
      }
      const channel = new MessageChannel();
      void sendBody(response.body.getReader(), channel.port1, options).finally(() => controllers.delete(id));
      return Comlink.transfer({ ...head, body: channel.port2 }, [channel.port2]);
    },
    abort(id) {
      controllers.get(id)?.abort();
    },
  } satisfies FetchRelayApi;
}
