/**
 * The fetch worker's contract (workers/fetch.worker.ts). The download worker's thread stops on
 * every OPFS write (sync access handles block), and a response body read on that thread stops
 * with it: fetching and writing took turns instead of overlapping (measured in issue 13). The
 * fetch worker reads the body on its own thread, a bounded window ahead of the download worker,
 * and sends it over a MessagePort (relayed-body.ts), so the network keeps flowing during writes.
 */

/** What the downloader asks for: a GET (or HEAD) with headers; no request body. */
export interface RelayedRequest {
  url: string;
  method: 'GET' | 'HEAD';
  headers: [string, string][];
  cache?: RequestCache;
}

export type RelayedResponse =
  | { kind: 'response'; status: number; statusText: string; headers: [string, string][]; body: MessagePort | null }
  /** fetch() itself rejected: `aborted` when that was our abort, else a network error. */
  | { kind: 'failed'; aborted: boolean; message: string };

export interface FetchRelayApi {
  /** `id` names the request for `abort`, which also stops its body while it is being read. */
  fetch(id: number, request: RelayedRequest): Promise<RelayedResponse>;
  abort(id: number): void;
}

