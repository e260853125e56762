/**
 * The palette and probe path in real Chromium: canvas-encoded PNG, JPEG and WEBP images, decoded
 * in the pixel worker (scaled JPEG decode, createImageBitmap otherwise), clustered in OKLab.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from '@playwright/test';
import { openPalettePage } from '../../bench/palette.mjs';
import { readImageSize } from '../../src/analysis/image-header';
import { deltaE, hexToOklab } from '../../src/domain/palette';
import { hammingDistance, NEAR_DUPLICATE_MAX_DISTANCE } from '../../src/domain/training-set/perceptual-hash';

const PAINTS = [
  { hex: '#1B2A5C', share: 40 },
  { hex: '#E9DFC9', share: 25 },
  { hex: '#C8674A', share: 15 },
  { hex: '#5F8A8B', share: 12 },
  { hex: '#D9B44A', share: 8 },
];

let page: Page;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ page, close } = await openPalettePage({ outDir: '.fixtures/palette-browser-test' }));
}, 120_000);
afterAll(async () => {
  await close?.();
});

describe('palette client in Chromium', () => {
  it.each(['image/png', 'image/jpeg', 'image/webp'] as const)('recovers known colours and shares from %s images', async (format) => {
    const run = await page.evaluate((options) => window.runPaletteCheck(options), { format, paints: PAINTS, width: 1600, height: 1200 });
    expect(run.palette).toHaveLength(PAINTS.length);
    for (const paint of PAINTS) {
      const target = hexToOklab(paint.hex);
      const nearest = [...run.palette].sort((x, y) => deltaE(hexToOklab(x.hex), target) - deltaE(hexToOklab(y.hex), target))[0]!;
      expect(deltaE(hexToOklab(nearest.hex), target), `${format} ${paint.hex} -> ${nearest.hex}`).toBeLessThan(0.02);
      expect(Math.abs((nearest.share ?? 0) - paint.share), `${format} ${paint.hex} share ${nearest.share}`).toBeLessThan(2);
    }

    const [original, reencoded, other] = run.probes;
    expect(original).toMatchObject({ width: 1600, height: 1200, thumbnailWidth: 160 });
    expect(hammingDistance(original!.dHash, reencoded!.dHash)).toBeLessThanOrEqual(NEAR_DUPLICATE_MAX_DISTANCE);
    expect(hammingDistance(original!.dHash, other!.dHash)).toBeGreaterThan(NEAR_DUPLICATE_MAX_DISTANCE);
  });

  it('reads the sizes of the PNG and WEBP files Chromium writes from their headers', async () => {
    const sizes = [{ width: 1, height: 1 }, { width: 1201, height: 901 }, { width: 333, height: 1717 }];
    const encoded = await page.evaluate((list) => window.encodeHeaders(list), sizes);
    expect(new Set(encoded.map((file) => file.type))).toEqual(new Set(['image/png', 'image/webp']));
    for (const file of encoded) expect(readImageSize(Uint8Array.from(file.header)), `${file.type} q${file.quality} alpha ${file.alpha}`).toEqual({ width: file.width, height: file.height });
  });

  /**
   * The pooled palette (decoder workers, resize while decoding) against the serial path it
   * replaced (one image at a time; PNG and WEBP decoded in full, then drawn smaller), on
   * photo-like images. JPEG decoding did not change, so its palette must be identical; for the
   * others the tolerance is: the same number of swatches, each within ΔE(OKLab) 0.01 of its
   * counterpart (half a just-noticeable difference of about 0.02) and 1.5 points of share.
   */
  it.each(['image/png', 'image/jpeg', 'image/webp'] as const)('pools %s decoding without changing the palette beyond the stated tolerance', async (format) => {
    const run = await page.evaluate((options) => window.runPoolEquivalence(options), { format, images: 3, width: 1200, height: 900 });
    if (format === 'image/jpeg') expect(run.pooled).toEqual(run.serial);
    expect(run.pooled.length).toBe(run.serial.length);
    for (const swatch of run.serial) {
      const target = hexToOklab(swatch.hex);
      const nearest = [...run.pooled].sort((x, y) => deltaE(hexToOklab(x.hex), target) - deltaE(hexToOklab(y.hex), target))[0]!;
      expect(deltaE(hexToOklab(nearest.hex), target), `${format} ${swatch.hex} -> ${nearest.hex}`).toBeLessThan(0.01);
      expect(Math.abs((nearest.share ?? 0) - (swatch.share ?? 0)), `${format} ${swatch.hex} share`).toBeLessThanOrEqual(1.5);
    }
  });
});
