/**
 * The palette and probe path in real Chromium: canvas-encoded PNG, JPEG and WEBP images, decoded
 * in the pixel worker (scaled JPEG decode, createImageBitmap otherwise), clustered in OKLab.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from '@playwright/test';
import { openPalettePage } from '../../bench/palette.mjs';
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
});
