/**
 * A `fetch` for the download worker that runs in the fetch worker (see fetch-relay-api.ts for
 * why). It keeps fetch's contract where the downloader relies on it: a network failure rejects
 * with TypeError (retried), an abort rejects with the signal's reason and stops the body there.
 */
import * as Comlink from 'comlink';
import type { FetchRelayApi, RelayedRequest } from './fetch-relay-api';
import { receiveBody } from './relayed-body';

/** Statuses whose Response may not carry a body (the Response constructor throws otherwise). */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

export function createRelayedFetch(api: Comlink.Remote<FetchRelayApi>): typeof fetch {
  let nextId = 1;
  return async (input, init = {}) => {
    const signal = init.signal ?? undefined;
    signal?.throwIfAborted();
    const request = toRelayedRequest(input, init);
    const id = nextId++;
    // Registered until the body is done: an abort mid-body stops the read in the worker too.
    let rejectAnswer: (reason: unknown) => void = () => undefined;
    const onAbort = () => {
      void api.abort(id);
      rejectAnswer(signal?.reason);
    };
    const done = () => signal?.removeEventListener('abort', onAbort);
    signal?.addEventListener('abort', onAbort);
    try {
      const aborted = new Promise<never>((_, reject) => (rejectAnswer = reject));
      const result = await Promise.race([api.fetch(id, request), aborted]);
      if (result.kind === 'failed') {
        if (result.aborted && signal?.aborted) throw signal.reason;
        throw new TypeError(`Failed to fetch (${result.message})`);
      }
      const body = result.body && receiveBody(result.body, done);
      if (!body) done();
      if (body && NULL_BODY_STATUSES.has(result.status)) {
        await body.cancel();
        return new Response(null, { status: result.status, statusText: result.statusText, headers: result.headers });
      }
      return new Response(body, { status: result.status, statusText: result.statusText, headers: result.headers });
    } catch (error) {
      done();
      throw error;
    }
  };
}

function toRelayedRequest(input: RequestInfo | URL, init: RequestInit): RelayedRequest {
  const method = (init.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
  if ((method !== 'GET' && method !== 'HEAD') || init.body != null) throw new TypeError(`the fetch worker relays GET and HEAD only, not ${method}`);
  const headers = new Headers(init.headers ?? (input instanceof Request ? input.headers : undefined));
  return { url: input instanceof Request ? input.url : String(input), method, headers: [...headers], cache: init.cache };
}

/** The fetch worker starts on first use; where workers cannot start workers, `fallback` fetches on this thread. */
export function createFetchWorkerFetch(fallback: typeof fetch): typeof fetch {
  if (typeof Worker === 'undefined') return fallback;
  let relayed: typeof fetch | undefined;
  return (input, init) => {
    relayed ??= createRelayedFetch(
      Comlink.wrap<FetchRelayApi>(new Worker(new URL('../../workers/fetch.worker.ts', import.meta.url), { type: 'module', name: 'model-fetch' })),
    );
    return relayed(input, init);
  };
}
