/**
 * The pixel worker's contract: everything that needs decoded pixels runs there, off the main
 * thread. The palette for the analysis, and image facts (size, perceptual hash, thumbnail) for the
 * training-set builder.
 *
 * Images are decoded `decoder.concurrency` at a time (a pool sized by the cores), results kept in
 * input order, so the palette is the same whatever order the decodes finish in.
 *
 * Cancellation is cooperative: each long call carries a `jobId`; `cancel(jobId)` marks it and the
 * call starts no further image (no call blocks for more than the decodes in flight, plus the
 * ~50 ms clustering), so other calls sharing the worker are never killed with it.
 * Failures are thrown as named AppErrors; both sides register the transfer in src/worker-errors.ts.
 */
import type { PaletteColor } from '../domain/schema';
import { extractPalette, type PixelImage } from '../domain/palette';
import { differenceHash } from '../domain/training-set/perceptual-hash';
import { CancelledError, ImageProcessingError } from '../errors';

export type PixelJobEvent =
  | { type: 'decoded'; done: number; total: number }
  | { type: 'clustering' };

export type PixelJobProgress = (event: PixelJobEvent) => void;

/** What the training-set builder needs to know about an image without keeping it decoded. */
export interface ImageProbe {
  width: number;
  height: number;
  /** 64-bit dHash as 16 hex characters. */
  dHash: string;
  /** Small WEBP preview (long edge THUMBNAIL_EDGE px). */
  thumbnail: Blob;
}

export interface PaletteApi {
  extractPalette(images: Blob[], jobId: string, onProgress?: PixelJobProgress): Promise<PaletteColor[]>;
  probeImages(images: Blob[], jobId: string, onProgress?: PixelJobProgress): Promise<ImageProbe[]>;
  cancel(jobId: string): void;
}

/** Browser decoding, injected so the API logic runs in Node tests with real pixel data. */
export interface PixelDecoder {
  /** Images it decodes at once (a pool of workers); default 1. */
  readonly concurrency?: number;
  /** The image scaled to at most `maxPixels` (aspect kept). Throws when it cannot be decoded. */
  decodeScaled(image: Blob, maxPixels: number): Promise<PixelImage>;
  /** Real size, a small grey-scale-ready pixel grid for the hash, and a thumbnail. */
  decodeForProbe(image: Blob): Promise<{ width: number; height: number; hashPixels: PixelImage; thumbnail: Blob }>;
}

/** Enough for a faithful colour histogram; a 12-megapixel photo decodes to about this (see palette-decode.ts). */
export const PALETTE_PIXELS_PER_IMAGE = 65_536;

export function createPaletteApi(decoder: PixelDecoder): PaletteApi {
  const active = new Set<string>();
  const cancelled = new Set<string>();

  const checkpoint = (jobId: string, what: string) => {
    if (!cancelled.has(jobId)) return;
    cancelled.delete(jobId);
    throw new CancelledError(what);
  };

  async function eachImage<T>(images: Blob[], jobId: string, what: string, onProgress: PixelJobProgress | undefined, work: (image: Blob) => Promise<T>): Promise<T[]> {
    active.add(jobId);
    const results: T[] = new Array<T>(images.length);
    let next = 0;
    let done = 0;
    let failure: ImageProcessingError | undefined;
    // Each lane takes the next image until none is left, one fails, or the job is cancelled.
    const lane = async () => {
      while (next < images.length && !failure && !cancelled.has(jobId)) {
        const index = next++;
        const image = images[index] as Blob;
        try {
          results[index] = await work(image);
        } catch (error) {
          failure ??= new ImageProcessingError(nameOf(image, index), `could not be decoded (${error instanceof Error ? error.message : String(error)}).`);
          return;
        }
        done += 1;
        onProgress?.({ type: 'decoded', done, total: images.length });
      }
    };
    const lanes = Math.max(1, Math.min(decoder.concurrency ?? 1, images.length));
    await Promise.all(Array.from({ length: lanes }, lane));
    checkpoint(jobId, what);
    if (failure) throw failure;
    return results;
  }

  return {
    async extractPalette(images, jobId, onProgress) {
      try {
        const pixels = await eachImage(images, jobId, 'Colour extraction', onProgress, (image) => decoder.decodeScaled(image, PALETTE_PIXELS_PER_IMAGE));
        onProgress?.({ type: 'clustering' });
        return extractPalette(pixels);
      } finally {
        active.delete(jobId);
        cancelled.delete(jobId);
      }
    },

    async probeImages(images, jobId, onProgress) {
      try {
        return await eachImage(images, jobId, 'Reading the images', onProgress, async (image) => {
          const { width, height, hashPixels, thumbnail } = await decoder.decodeForProbe(image);
          return { width, height, dHash: differenceHash(hashPixels), thumbnail };
        });
      } finally {
        active.delete(jobId);
        cancelled.delete(jobId);
      }
    },

    cancel(jobId) {
      if (active.has(jobId)) cancelled.add(jobId);
    },
  } satisfies PaletteApi;
}

function nameOf(image: Blob, index: number): string {
  return 'name' in image && typeof image.name === 'string' && image.name ? image.name : `Image ${index + 1}`;
}
