/**
 * The download pipeline's stages, each timed alone on the same bytes from the same server, so
 * the throughput spec can compare the pipeline with what this machine allows (its ceiling):
 *
 * - fetch: the files read to the end by a dedicated worker (as the download worker reads them),
 *   timed on the server like the pipeline;
 * - SHA-256: the bytes (held in memory) hashed with hash-wasm in a worker, as the hash worker does;
 * - OPFS write: the same bytes written through a sync access handle, one flush per file, as the
 *   download worker does (into a scratch folder, removed afterwards).
 *
 * Hashing and writing use the pipeline's 1 MiB pieces. The worker is a blob of hash-wasm's own
 * SHA-256 bundle plus `stageWorker` below (no build step: the spec runs against the built app).
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Page } from '@playwright/test';
import type { HubServer, RecordedRequest } from '../fixtures/hub-server';

export interface StageTimes {
  bytes: number;
  /** Server-timed, first request start to last response end (as the pipeline is timed). */
  fetchMs: number;
  hashMs: number;
  writeMs: number;
  /** navigator.hardwareConcurrency in the page. */
  cores: number;
}

/** Bytes of repo files served in `requests` and the span they took, timed on the server. */
export function byteSpan(requests: readonly RecordedRequest[]): { ms: number; bytes: number } {
  const bodies = requests.filter((request) => (request.kind === 'cdn' || request.kind === 'resolve') && request.status !== 302);
  const start = Math.min(...bodies.map((request) => request.startedAt));
  const end = Math.max(...bodies.map((request) => request.endedAt ?? Date.now()));
  return { ms: end - start, bytes: bodies.reduce((sum, request) => sum + request.bytesSent, 0) };
}

let hashWasmSource: Promise<string> | undefined;
function sha256Bundle(): Promise<string> {
  hashWasmSource ??= readFile(createRequire(import.meta.url).resolve('hash-wasm/dist/sha256.umd.min.js'), 'utf8');
  return hashWasmSource;
}

/** Runs the three stages once, one after the other, in a fresh worker of the page's origin. */
export async function timeDownloadStages(page: Page, hub: HubServer, urls: string[]): Promise<StageTimes> {
  const source = `${await sha256Bundle()}\n;(${stageWorker.toString()})();`;
  hub.clearRequests();
  const result = await page.evaluate(
    async ({ source, urls }) => {
      const worker = new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })), { name: 'download-stages' });
      try {
        const reply = await new Promise<{ ok: boolean; error?: string; bytes: number; hashMs: number; writeMs: number }>((resolve, reject) => {
          worker.onmessage = (event) => resolve(event.data);
          worker.onerror = (event) => reject(new Error(event.message));
          worker.postMessage({ urls, directory: `download-stages-${crypto.randomUUID()}` });
        });
        if (!reply.ok) throw new Error(reply.error);
        return { ...reply, cores: navigator.hardwareConcurrency };
      } finally {
        worker.terminate();
      }
    },
    { source, urls },
  );
  const fetched = byteSpan(hub.requests);
  if (fetched.bytes !== result.bytes) throw new Error(`the stage worker received ${result.bytes} bytes, the server sent ${fetched.bytes}`);
  return { bytes: result.bytes, fetchMs: fetched.ms, hashMs: result.hashMs, writeMs: result.writeMs, cores: result.cores };
}

/** The worker's body: serialized with toString(), so it must not use anything from this module. */
function stageWorker(): void {
  const PIECE_BYTES = 1 << 20;
  interface SyncHandle {
    write(data: Uint8Array, options: { at: number }): number;
    truncate(size: number): void;
    flush(): void;
    close(): void;
  }
  const scope = self as unknown as {
    hashwasm: { createSHA256(): Promise<{ init(): unknown; update(data: Uint8Array): unknown; digest(format: 'hex'): string }> };
    onmessage: (event: MessageEvent<{ urls: string[]; directory: string }>) => void;
    postMessage(message: unknown): void;
  };

  const regroup = (chunks: Uint8Array[]): Uint8Array[] => {
    const total = chunks.reduce((sum, chunk) => sum + chunk.byteLength, 0);
    const pieces: Uint8Array[] = [];
    let piece = new Uint8Array(Math.min(PIECE_BYTES, total));
    let filled = 0;
    let left = total;
    for (const chunk of chunks) {
      let from = 0;
      while (from < chunk.byteLength) {
        const take = Math.min(piece.byteLength - filled, chunk.byteLength - from);
        piece.set(chunk.subarray(from, from + take), filled);
        filled += take;
        from += take;
        if (filled === piece.byteLength) {
          pieces.push(piece);
          left -= filled;
          piece = new Uint8Array(Math.min(PIECE_BYTES, left));
          filled = 0;
        }
      }
    }
    return pieces;
  };

  scope.onmessage = async (event) => {
    const { urls, directory } = event.data;
    try {
      let bytes = 0;
      const files: Uint8Array[][] = [];
      for (const url of urls) {
        const chunks: Uint8Array[] = [];
        const reader = (await fetch(url, { cache: 'no-store' })).body!.getReader();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          chunks.push(value);
          bytes += value.byteLength;
        }
        files.push(regroup(chunks));
      }

      const sha256 = await scope.hashwasm.createSHA256();
      const hashStarted = performance.now();
      for (const pieces of files) {
        sha256.init();
        for (const piece of pieces) sha256.update(piece);
        sha256.digest('hex');
      }
      const hashMs = performance.now() - hashStarted;

      const root = await navigator.storage.getDirectory();
      const folder = await root.getDirectoryHandle(directory, { create: true });
      const handles: SyncHandle[] = [];
      for (const index of files.keys()) {
        const file = await folder.getFileHandle(`file-${index}`, { create: true });
        handles.push(await (file as unknown as { createSyncAccessHandle(): Promise<SyncHandle> }).createSyncAccessHandle());
      }
      const writeStarted = performance.now();
      for (const [index, pieces] of files.entries()) {
        const handle = handles[index]!;
        let at = 0;
        for (const piece of pieces) {
          if (handle.write(piece, { at }) !== piece.byteLength) throw new Error('short OPFS write (quota?)');
          at += piece.byteLength;
        }
        handle.flush();
      }
      const writeMs = performance.now() - writeStarted;
      for (const handle of handles) handle.close();
      await root.removeEntry(directory, { recursive: true });
      scope.postMessage({ ok: true, bytes, hashMs, writeMs });
    } catch (error) {
      scope.postMessage({ ok: false, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
    }
  };
}
