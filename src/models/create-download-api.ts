/** The download worker's implementation of DownloadApi; its dependencies are injectable for tests. */
import { toErrorInfo } from '../errors';
import { buildManifest } from './build-manifest';
import { createDownloadCoordinator } from './download-coordinator';
import type { DownloadApi, ResolvedModel } from './download-api';
import { DOWNLOAD_CHANNEL } from './download-lock';
import { createInThreadHasher, type HasherFactory } from './file-hasher';
import { createHubClient } from './hub-client';
import { bytesDone, totalBytes, type ModelManifest } from './model-manifest';
import { createModelDownloader } from './model-downloader';
import { assessMemoryFit, insufficientMemoryError } from './memory-budget';
import { importModelFiles } from './model-import';
import { createModelStore, type WritableModelStore } from './model-store';
import { createHashWorkerHasherFactory } from './parallel-file-hasher';
import { createFetchWorkerFetch } from './relayed-fetch';
import { normalizeHost } from './registry';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy';

export interface DownloadApiDeps {
  store?: WritableModelStore;
  fetch?: typeof fetch;
  retry?: RetryPolicy;
  locks?: LockManager;
  channel?: BroadcastChannel;
  now?: () => number;
  /** Where SHA-256 runs; default: a hash worker beside this one. */
  createHasher?: HasherFactory;
}

/**
 * Offsets are recorded once a second (or every 32 MB): a reload re-fetches at most that much,
 * while IndexedDB sees only about one small write per second.
 */
const CHECKPOINT = { everyMs: 1_000, everyBytes: 32 * 1024 * 1024 };
/** Progress often enough to look live, rarely enough that re-rendering costs the download nothing. */
const PROGRESS_EVERY_MS = 400;

export function createDownloadApi(deps: DownloadApiDeps = {}): DownloadApi {
  const store = deps.store ?? createModelStore();
  const doFetch = deps.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const retry = deps.retry ?? DEFAULT_RETRY_POLICY;
  const now = deps.now ?? Date.now;
  const createHasher = deps.createHasher ?? createHashWorkerHasherFactory(createInThreadHasher);
  // File bodies are read by a fetch worker, so the network keeps flowing while this thread writes.
  const fetchFile = deps.fetch ?? createFetchWorkerFetch(doFetch);
  const downloader = createModelDownloader({ store, fetch: fetchFile, retry, now, checkpoint: CHECKPOINT, progressEveryMs: PROGRESS_EVERY_MS, createHasher });
  const coordinator = createDownloadCoordinator({
    downloader,
    store,
    locks: deps.locks ?? navigator.locks,
    channel: deps.channel ?? new BroadcastChannel(DOWNLOAD_CHANNEL),
  });

  const api = {
    async resolve(request) {
      try {
        const hub = createHubClient(request.host, { fetch: doFetch, retry });
        const commit = await hub.resolveCommit(request.repo, request.revision);
        const entries = await hub.listFiles(request.repo, commit);
        const fresh = buildManifest({
          variantId: request.variantId,
          source: { host: normalizeHost(request.host), repo: request.repo, revision: request.revision },
          commit,
          device: request.device,
          hasShaderF16: request.hasShaderF16,
          entries,
          now: now(),
        });
        // The memory check runs on the chosen set's total before any byte is downloaded.
        const fit = assessMemoryFit({ device: request.device, dtype: fresh.dtype, weightBytes: totalBytes(fresh), deviceMemoryGb: request.deviceMemoryGb ?? null });
        if (fit.verdict === 'will-not-fit') {
          const refused = { dtype: fresh.dtype, totalBytes: totalBytes(fresh), fit };
          return { ok: false as const, error: insufficientMemoryError(fit, request.device).toInfo(), refused };
        }
        // An earlier (partial) download of the same model keeps its pinned commit and offsets.
        const existing = await store.manifest(fresh.key);
        if (!existing) await store.saveManifest(fresh);
        return { ok: true as const, model: { ...summarize(existing ?? fresh), fit } };
      } catch (error) {
        return { ok: false as const, error: toErrorInfo(error) };
      }
    },
    download: (key, onEvent) => coordinator.download(key, onEvent),
    pause: (key) => coordinator.stop(key, 'pause'),
    cancel: (key) => coordinator.stop(key, 'cancel'),
    async importFiles(key, files, onEvent) {
      const outcome = await coordinator.withLock(key, () => importModelFiles({ store, now, createHasher }, key, files, onEvent));
      return (
        outcome ?? {
          status: 'failed' as const,
          key,
          imported: [],
          error: { kind: 'DownloadFailed' as const, message: 'This model is downloading in another tab.', action: 'Pause it there, then import again.' },
        }
      );
    },
  } satisfies DownloadApi;
  return api;
}

function summarize(manifest: ModelManifest): Omit<ResolvedModel, 'fit'> {
  return {
    key: manifest.key,
    commit: manifest.commit,
    dtype: manifest.dtype,
    fileCount: manifest.files.length,
    totalBytes: totalBytes(manifest),
    bytesDone: bytesDone(manifest),
  };
}
