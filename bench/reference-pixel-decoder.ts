/**
 * The palette's decoding before issue 13, kept as the reference the pooled palette is checked
 * against: one image after another, JPEGs scaled in the DCT by ImageDecoder (that path did not
 * change), everything else decoded in full and then drawn smaller on a canvas with
 * high-quality smoothing.
 */
import type { PixelDecoder } from '../src/analysis/palette-api';
import { createBrowserPixelDecoder, fitPixels } from '../src/analysis/palette-decode';

export function createReferencePixelDecoder(): PixelDecoder {
  const current = createBrowserPixelDecoder();
  return {
    concurrency: 1,
    async decodeScaled(image, maxPixels) {
      if (image.type === 'image/jpeg') return current.decodeScaled(image, maxPixels);
      const bitmap = await createImageBitmap(image);
      try {
        const { width, height } = fitPixels(bitmap.width, bitmap.height, maxPixels);
        const context = new OffscreenCanvas(width, height).getContext('2d', { willReadFrequently: true })!;
        context.imageSmoothingQuality = 'high';
        context.drawImage(bitmap, 0, 0, width, height);
        return { width, height, data: context.getImageData(0, 0, width, height).data };
      } finally {
        bitmap.close();
      }
    },
    decodeForProbe() {
      throw new Error('the reference decoder only decodes for palettes');
    },
  };
}
