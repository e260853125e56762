/** Seeded test images as the app prepares them (PreparedImage: base64 PNG). */
import sharp from 'sharp';
import type { PreparedImage } from '../../../src/analysis/types';

/** A width x height PNG with seeded gradients and blocks, so different seeds give different pixels. */
export async function makeTestImage(seed: number, width = 96, height = 72): Promise<PreparedImage> {
  const pixels = Buffer.alloc(width * height * 3);
  let state = seed * 2654435761;
  const next = () => ((state = (state * 1103515245 + 12345) >>> 0) >>> 16) / 65536;
  const base = [next() * 255, next() * 255, next() * 255];
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const block = ((x >> 4) + (y >> 4) + seed) % 3;
      for (let c = 0; c < 3; c += 1) {
        pixels[(y * width + x) * 3 + c] = (base[c]! + x * (c + 1) + y * (3 - c) + block * 60) % 256;
      }
    }
  }
  const png = await sharp(pixels, { raw: { width, height, channels: 3 } }).png().toBuffer();
  return { name: `seed-${seed}.png`, mediaType: 'image/png', base64: png.toString('base64'), width, height };
}

export async function makeTestImages(count: number, seed: number, width?: number, height?: number): Promise<PreparedImage[]> {
  return Promise.all(Array.from({ length: count }, (_, i) => makeTestImage(seed * 100 + i, width, height)));
}
