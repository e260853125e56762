/**
 * Browser decoding for the pixel workers (dedicated workers: OffscreenCanvas, no DOM).
 *
 * Speed matters: a 12-megapixel image takes ~90 ms to decode in full here. JPEGs go through
 * WebCodecs' ImageDecoder with a desired size, which lets Chromium decode at 1/2-1/8 scale in the
 * DCT (about 14 ms for 4000x3000). PNG, WEBP and GIF have no scaled decode; their size is read
 * from the file header and createImageBitmap resizes while it decodes, so no full-size bitmap
 * comes back to be shrunk on this thread. Other formats are decoded in full and drawn smaller.
 */
import type { PixelImage } from '../domain/palette';
import { IMAGE_HEADER_BYTES, readImageSize } from './image-header';
import type { PixelDecoder } from './palette-api';
import { fitLongEdge } from './image-prep';

/** Long edge of the training-set thumbnails. */
export const THUMBNAIL_EDGE = 160;
/** The hash grid is 9x8 cells; 8x8 pixels per cell averaged in the domain. */
const HASH_WIDTH = 72;
const HASH_HEIGHT = 64;

export function createBrowserPixelDecoder(): PixelDecoder {
  return {
    async decodeScaled(image, maxPixels) {
      const source = await decodeSource(image, maxPixels);
      try {
        const { width, height } = fitPixels(source.width, source.height, maxPixels);
        return readPixels(source.image, width, height);
      } finally {
        source.close();
      }
    },

    async decodeForProbe(image) {
      const bitmap = await createImageBitmap(image);
      try {
        const { width, height } = bitmap;
        const hashBitmap = await createImageBitmap(bitmap, { resizeWidth: HASH_WIDTH, resizeHeight: HASH_HEIGHT, resizeQuality: 'high' });
        const hashPixels = readPixels(hashBitmap, HASH_WIDTH, HASH_HEIGHT);
        hashBitmap.close();
        const edge = fitLongEdge(width, height, THUMBNAIL_EDGE);
        const thumbBitmap = await createImageBitmap(bitmap, { resizeWidth: edge.width, resizeHeight: edge.height, resizeQuality: 'high' });
        const canvas = new OffscreenCanvas(edge.width, edge.height);
        canvas.getContext('2d')?.drawImage(thumbBitmap, 0, 0);
        thumbBitmap.close();
        const thumbnail = await canvas.convertToBlob({ type: 'image/webp', quality: 0.8 });
        return { width, height, hashPixels, thumbnail };
      } finally {
        bitmap.close();
      }
    },
  };
}

interface DecodedSource {
  image: CanvasImageSource;
  width: number;
  height: number;
  close(): void;
}

async function decodeSource(image: Blob, maxPixels: number): Promise<DecodedSource> {
  if (image.type === 'image/jpeg' && typeof ImageDecoder === 'function') {
    // Asking for a size near the target lets the JPEG decoder scale down while decoding.
    const side = Math.ceil(Math.sqrt(maxPixels));
    const decoder = new ImageDecoder({ data: image.stream(), type: image.type, desiredWidth: side, desiredHeight: side });
    try {
      const { image: frame } = await decoder.decode();
      return { image: frame, width: frame.displayWidth, height: frame.displayHeight, close: () => frame.close() };
    } finally {
      decoder.close();
    }
  }
  const size = readImageSize(new Uint8Array(await image.slice(0, IMAGE_HEADER_BYTES).arrayBuffer()));
  const target = size && fitPixels(size.width, size.height, maxPixels);
  // 'high' averages every source pixel into the smaller grid (mipmapped), as the canvas resize did.
  const bitmap = await createImageBitmap(image, target ? { resizeWidth: target.width, resizeHeight: target.height, resizeQuality: 'high' } : {});
  return { image: bitmap, width: bitmap.width, height: bitmap.height, close: () => bitmap.close() };
}

function readPixels(source: CanvasImageSource, width: number, height: number): PixelImage {
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) throw new Error('no 2D canvas in this worker');
  context.imageSmoothingQuality = 'high';
  context.drawImage(source, 0, 0, width, height);
  const { data } = context.getImageData(0, 0, width, height);
  return { width, height, data };
}

/** Scales so width x height <= maxPixels; never upscales. */
export function fitPixels(width: number, height: number, maxPixels: number): { width: number; height: number } {
  const scale = Math.min(1, Math.sqrt(maxPixels / (width * height)));
  return { width: Math.max(1, Math.floor(width * scale)), height: Math.max(1, Math.floor(height * scale)) };
}
