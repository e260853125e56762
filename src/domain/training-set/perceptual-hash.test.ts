import { describe, expect, it } from 'vitest';
import type { PixelImage } from '../palette';
import { createSeededRandom } from '../palette/seeded-random';
import { NEAR_DUPLICATE_MAX_DISTANCE, differenceHash, hammingDistance } from './perceptual-hash';

/** A picture with structure: a few soft discs of different brightness on a gradient, by seed. */
function paintScene(width: number, height: number, seed: number, noise = 0): PixelImage {
  const random = createSeededRandom(seed);
  const discs = Array.from({ length: 5 }, () => ({ x: random(), y: random(), r: 0.1 + random() * 0.25, v: random() * 255 }));
  const jitter = createSeededRandom(seed + 1000);
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const u = x / width;
      const v = y / height;
      let value = 60 + 120 * ((u + v) / 2);
      for (const disc of discs) if ((u - disc.x) ** 2 + (v - disc.y) ** 2 < disc.r ** 2) value = disc.v;
      const grey = value + (noise ? (jitter() * 2 - 1) * noise : 0);
      data.set([grey, grey * 0.9, grey * 0.8, 255], (y * width + x) * 4);
    }
  }
  return { width, height, data };
}

describe('differenceHash', () => {
  it('gives 16 hex characters and is stable', () => {
    const hash = differenceHash(paintScene(90, 80, 1));
    expect(hash).toMatch(/^[0-9a-f]{16}$/);
    expect(differenceHash(paintScene(90, 80, 1))).toBe(hash);
  });

  it('keeps a re-encoded (noisy) and a resized copy within the near-duplicate threshold', () => {
    const original = differenceHash(paintScene(288, 256, 7));
    expect(hammingDistance(original, differenceHash(paintScene(288, 256, 7, 12)))).toBeLessThanOrEqual(NEAR_DUPLICATE_MAX_DISTANCE);
    expect(hammingDistance(original, differenceHash(paintScene(72, 64, 7)))).toBeLessThanOrEqual(NEAR_DUPLICATE_MAX_DISTANCE);
  });

  it('puts different pictures far apart', () => {
    const hashes = [1, 2, 3, 4, 5, 6].map((seed) => differenceHash(paintScene(144, 128, seed)));
    for (let i = 0; i < hashes.length; i += 1) {
      for (let j = i + 1; j < hashes.length; j += 1) expect(hammingDistance(hashes[i]!, hashes[j]!)).toBeGreaterThan(NEAR_DUPLICATE_MAX_DISTANCE);
    }
  });
});

describe('hammingDistance', () => {
  it.each([
    ['0000000000000000', '0000000000000000', 0],
    ['0000000000000000', 'ffffffffffffffff', 64],
    ['0f00000000000001', '0000000000000000', 5],
  ])('%s vs %s = %i', (a, b, expected) => {
    expect(hammingDistance(a, b)).toBe(expected);
  });
});
