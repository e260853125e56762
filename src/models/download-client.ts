/** The page's handle on the download worker: `Comlink.wrap<DownloadApi>`, callbacks proxied. */
import * as Comlink from 'comlink';
import type { DownloadApi, DownloadEvent, DownloadOutcome, ImportedFile, ImportOutcome, ResolveRequest, ResolveResult } from './download-api';
import type { ModelKey } from './model-manifest';

export interface DownloadClient {
  resolve(request: ResolveRequest): Promise<ResolveResult>;
  download(key: ModelKey, onEvent: (event: DownloadEvent) => void): Promise<DownloadOutcome>;
  pause(key: ModelKey): Promise<void>;
  cancel(key: ModelKey): Promise<void>;
  importFiles(key: ModelKey, files: ImportedFile[], onEvent: (event: DownloadEvent) => void): Promise<ImportOutcome>;
  dispose(): void;
}

export function createDownloadClient(): DownloadClient {
  const worker = new Worker(new URL('../../workers/download.worker.ts', import.meta.url), { type: 'module', name: 'model-download' });
  const api = Comlink.wrap<DownloadApi>(worker);
  return {
    resolve: (request) => api.resolve(request),
    download: (key, onEvent) => api.download(key, Comlink.proxy(onEvent)),
    pause: (key) => api.pause(key),
    cancel: (key) => api.cancel(key),
    importFiles: (key, files, onEvent) => api.importFiles(key, files, Comlink.proxy(onEvent)),
    dispose: () => {
      api[Comlink.releaseProxy]();
      worker.terminate();
    },
  };
}
