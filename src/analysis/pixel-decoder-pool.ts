/**
 * A PixelDecoder spread over a few decoder workers (workers/pixel-decoder.worker.ts), so images
 * decode side by side on every core instead of one after another on one. Decoding dominates a
 * palette (a 12-megapixel PNG takes 90-170 ms, clustering ten images about 50 ms), so the pool
 * is sized by the cores, capped: each decode in flight holds a full-size bitmap (48 MB at 12 MP).
 * Workers start on first use and are kept for the next call.
 */
import type { PixelDecoder } from './palette-api';

export const MAX_DECODER_WORKERS = 4;

export function decoderPoolSize(cores: number | undefined): number {
  return Math.max(1, Math.min(MAX_DECODER_WORKERS, Math.floor(cores ?? 1) || 1));
}

export interface PooledDecoder extends PixelDecoder {
  readonly concurrency: number;
  dispose(): void;
}

export interface DecoderWorker {
  decoder: Pick<PixelDecoder, 'decodeScaled' | 'decodeForProbe'>;
  terminate(): void;
}

export function createPixelDecoderPool(size: number, spawn: () => DecoderWorker): PooledDecoder {
  const workers: DecoderWorker[] = [];
  const idle: DecoderWorker[] = [];
  const waiting: ((worker: DecoderWorker) => void)[] = [];

  const acquire = (): Promise<DecoderWorker> => {
    const free = idle.pop();
    if (free) return Promise.resolve(free);
    if (workers.length < size) {
      const started = spawn();
      workers.push(started);
      return Promise.resolve(started);
    }
    return new Promise((resolve) => waiting.push(resolve));
  };
  const release = (worker: DecoderWorker) => {
    const next = waiting.shift();
    if (next) next(worker);
    else idle.push(worker);
  };
  const withWorker = async <T>(task: (decoder: DecoderWorker['decoder']) => Promise<T>): Promise<T> => {
    const worker = await acquire();
    try {
      return await task(worker.decoder);
    } finally {
      release(worker);
    }
  };

  return {
    concurrency: size,
    decodeScaled: (image, maxPixels) => withWorker((decoder) => decoder.decodeScaled(image, maxPixels)),
    decodeForProbe: (image) => withWorker((decoder) => decoder.decodeForProbe(image)),
    dispose() {
      for (const worker of workers.splice(0)) worker.terminate();
      idle.length = 0;
    },
  };
}
