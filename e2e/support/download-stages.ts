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
 *
 * Also measured: how many cores the page's workers actually get (`parallelCores`): SHA-256 of
 * the same amount in one worker, then in `cores` workers at once. On a quiet machine that is
 * the core count; on a shared one (the kernel's autogroup scheduler shares CPU between
 * sessions, not threads) it can be close to one.
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
  /** Cores' worth of parallel hashing the page's workers got (at most `cores`). */
  parallelCores: number;
}

/** Bytes each worker hashes in the parallelism probe. */
const PROBE_BYTES = 32 * 1024 * 1024;

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
    async ({ source, urls, probeBytes }) => {
      const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
      const cores = navigator.hardwareConcurrency;
      const workers = Array.from({ length: Math.max(1, cores) }, () => new Worker(url, { name: 'download-stages' }));
      const ask = <T,>(worker: Worker, message: unknown) =>
        new Promise<T & { ok: boolean; error?: string }>((resolve, reject) => {
          worker.onmessage = (event) => (event.data.ok ? resolve(event.data) : reject(new Error(event.data.error)));
          worker.onerror = (event) => reject(new Error(event.message));
          worker.postMessage(message);
        });
      try {
        const stages = await ask<{ bytes: number; hashMs: number; writeMs: number }>(workers[0]!, { kind: 'stages', urls, directory: `download-stages-${crypto.randomUUID()}` });
        const probe = { kind: 'probe', bytes: probeBytes };
        await Promise.all(workers.map((worker) => ask(worker, probe))); // data made, WASM compiled
        let started = performance.now();
        await ask(workers[0]!, probe);
        const oneMs = performance.now() - started;
        started = performance.now();
        await Promise.all(workers.map((worker) => ask(worker, probe)));
        const allMs = performance.now() - started;
        return { ...stages, cores, parallelCores: Math.min(cores, (workers.length * oneMs) / allMs) };
      } finally {
        workers.forEach((worker) => worker.terminate());
        URL.revokeObjectURL(url);
      }
    },
    { source, urls, probeBytes: PROBE_BYTES },
  );
  const fetched = byteSpan(hub.requests);
  if (fetched.bytes !== result.bytes) throw new Error(`the stage worker received ${result.bytes} bytes, the server sent ${fetched.bytes}`);
  return { bytes: result.bytes, fetchMs: fetched.ms, hashMs: result.hashMs, writeMs: result.writeMs, cores: result.cores, parallelCores: result.parallelCores };
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
    onmessage: (event: MessageEvent<{ kind: 'stages'; urls: string[]; directory: string } | { kind: 'probe'; bytes: number }>) => void;
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

  let probeData: Uint8Array | undefined;
  scope.onmessage = async (event) => {
    const message = event.data;
    try {
      if (message.kind === 'probe') {
        if (probeData?.byteLength !== message.bytes) probeData = new Uint8Array(message.bytes).map((_, index) => (index * 2_654_435_761) >>> 24);
        const sha256 = await scope.hashwasm.createSHA256();
        sha256.init();
        for (let at = 0; at < probeData.byteLength; at += PIECE_BYTES) sha256.update(probeData.subarray(at, at + PIECE_BYTES));
        sha256.digest('hex');
        scope.postMessage({ ok: true });
        return;
      }
      const { urls, directory } = message;
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
