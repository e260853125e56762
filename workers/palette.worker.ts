/**
 * The pixel worker: palettes and image probes, off the main thread. Logic: src/analysis/palette-api.ts;
 * images decode on a pool of decoder workers sized by the cores (src/analysis/pixel-decoder-pool.ts).
 */
import '../src/zod-without-eval';
import { expose, wrap } from 'comlink';
import { createPaletteApi } from '../src/analysis/palette-api';
import { createBrowserPixelDecoder } from '../src/analysis/palette-decode';
import { createPixelDecoderPool, decoderPoolSize } from '../src/analysis/pixel-decoder-pool';
import type { DecoderWorkerApi } from '../src/analysis/transferring-decoder';
import { registerAppErrorTransfer } from '../src/worker-errors';

registerAppErrorTransfer();

function spawnDecoder() {
  const worker = new Worker(new URL('./pixel-decoder.worker.ts', import.meta.url), { type: 'module', name: 'pixel-decoder' });
  return { decoder: wrap<DecoderWorkerApi>(worker), terminate: () => worker.terminate() };
}

// Where a worker cannot start workers, decoding stays here, one image at a time.
const decoder = typeof Worker === 'undefined' ? createBrowserPixelDecoder() : createPixelDecoderPool(decoderPoolSize(navigator.hardwareConcurrency), spawnDecoder);

expose(createPaletteApi(decoder));
