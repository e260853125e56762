/**
 * The domain's header reader (src/domain/image-header.ts) against real files: Chromium's own
 * PNG, JPEG and WEBP encoders, opaque and with alpha, at sizes on and around the upload limits;
 * the sizes read from the bytes must be the canvas sizes. (Chromium writes every WEBP in the
 * extended VP8X layout; the simple VP8 and VP8L layouts are covered from RFC 9649 in unit tests.)
 */
import { expect, test } from '@playwright/test';
import { readImageSize } from '../src/domain/image-header';

const SIZES = [
  [64, 64],
  [641, 479],
  [1, 12_001],
  [3000, 17],
] as const;
const ENCODINGS = [
  { type: 'image/png' },
  { type: 'image/jpeg', quality: 0.8 },
  { type: 'image/webp', quality: 0.8 },
] as const;

test('reads the pixel size of images the browser encodes', async ({ page }) => {
  await page.goto('about:blank');
  const files = await page.evaluate(
    async ({ sizes, encodings }) => {
      const out: { type: string; quality?: number; alpha: boolean; width: number; height: number; bytes: number[] }[] = [];
      for (const [width, height] of sizes) {
        for (const alpha of [false, true]) {
          const canvas = new OffscreenCanvas(width, height);
          const context = canvas.getContext('2d')!;
          context.fillStyle = alpha ? 'rgba(200, 40, 90, 0.5)' : 'rgb(30, 120, 200)';
          context.fillRect(0, 0, Math.ceil(width / 2), height);
          for (const encoding of encodings) {
            const blob = await canvas.convertToBlob(encoding);
            out.push({ ...encoding, alpha, width, height, bytes: [...new Uint8Array(await blob.slice(0, 4096).arrayBuffer())] });
          }
        }
      }
      return out;
    },
    { sizes: SIZES, encodings: ENCODINGS },
  );
  expect(files).toHaveLength(SIZES.length * 2 * ENCODINGS.length);
  for (const file of files) {
    const bytes = new Uint8Array(file.bytes);
    expect(readImageSize(bytes), `${file.type} q${file.quality ?? '-'} ${file.alpha ? 'alpha' : 'opaque'} ${file.width}×${file.height}`).toEqual({ width: file.width, height: file.height });
  }
});
