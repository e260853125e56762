/**
 * The main thread's handle on the pixel worker (workers/palette.worker.ts): palettes for the
 * analysis, probes for the training-set builder. The worker starts on first use and is shared.
 * Aborting a call cancels it in the worker (at the next image) and rejects it at once.
 */
import { proxy, wrap, type Remote } from 'comlink';
import type { PaletteColor } from '../domain/schema';
import { CancelledError } from '../errors';
import { registerAppErrorTransfer } from '../worker-errors';
import type { ImageProbe, PaletteApi, PixelJobProgress } from './palette-api';

export interface PaletteClient {
  extract(images: Blob[], signal?: AbortSignal, onProgress?: PixelJobProgress): Promise<PaletteColor[]>;
  probe(images: Blob[], signal?: AbortSignal, onProgress?: PixelJobProgress): Promise<ImageProbe[]>;
  dispose(): void;
}

export function createPaletteClient(): PaletteClient {
  registerAppErrorTransfer();
  let worker: Worker | null = null;
  let api: Remote<PaletteApi> | null = null;

  const remote = (): Remote<PaletteApi> => {
    if (!api) {
      worker = new Worker(new URL('../../workers/palette.worker.ts', import.meta.url), { type: 'module', name: 'palette' });
      api = wrap<PaletteApi>(worker);
    }
    return api;
  };

  async function run<T>(what: string, signal: AbortSignal | undefined, call: (api: Remote<PaletteApi>, jobId: string) => Promise<T>): Promise<T> {
    if (signal?.aborted) throw new CancelledError(what);
    const jobId = crypto.randomUUID();
    const worker = remote();
    let onAbort = () => {};
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => {
        void worker.cancel(jobId);
        reject(new CancelledError(what));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    });
    const result = call(worker, jobId);
    result.catch(() => {}); // after an abort nobody awaits it; its late rejection is expected
    try {
      return await Promise.race([result, aborted]);
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  }

  return {
    extract(images, signal, onProgress) {
      return run('Colour extraction', signal, (api, jobId) => api.extractPalette(images, jobId, onProgress && proxy(onProgress)));
    },
    probe(images, signal, onProgress) {
      return run('Reading the images', signal, (api, jobId) => api.probeImages(images, jobId, onProgress && proxy(onProgress)));
    },
    dispose() {
      worker?.terminate();
      worker = null;
      api = null;
    },
  };
}

