/**
 * Synthetic test images painted with known colours in known proportions, with seeded noise
 * (like a JPEG's) so the palette has to recover colours rather than read them off exactly.
 */
import { hexToRgb } from '../../src/domain/palette/oklab';
import type { PixelImage } from '../../src/domain/palette';
import { createSeededRandom } from '../../src/domain/palette/seeded-random';

export interface Paint {
  hex: string;
  /** Percent of the image area. */
  share: number;
}

/** Paints interleaved horizontal bands (several per colour) so no colour is one block at an edge. */
export function paintImage(width: number, height: number, paints: readonly Paint[], options: { noise?: number; seed?: number; bandsPerColour?: number } = {}): PixelImage {
  const data = new Uint8ClampedArray(width * height * 4);
  const random = createSeededRandom(options.seed ?? 7);
  const noise = options.noise ?? 0;
  const bands = options.bandsPerColour ?? 3;
  const rowsFor = paints.map((paint) => Math.round((paint.share / 100) * height));
  const rowColour: number[] = [];
  for (let band = 0; band < bands; band += 1) {
    paints.forEach((_paint, index) => {
      const rows = Math.round(((rowsFor[index] ?? 0) * (band + 1)) / bands) - Math.round(((rowsFor[index] ?? 0) * band) / bands);
      for (let r = 0; r < rows; r += 1) rowColour.push(index);
    });
  }
  for (let y = 0; y < height; y += 1) {
    const paint = paints[rowColour[Math.min(y, rowColour.length - 1)] ?? 0] as Paint;
    const [r, g, b] = hexToRgb(paint.hex);
    for (let x = 0; x < width; x += 1) {
      const offset = (y * width + x) * 4;
      data[offset] = r + jitter(random, noise);
      data[offset + 1] = g + jitter(random, noise);
      data[offset + 2] = b + jitter(random, noise);
      data[offset + 3] = 255;
    }
  }
  return { width, height, data };
}

/** A left-to-right grey ramp from black to white. */
export function paintGreyRamp(width: number, height: number): PixelImage {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const v = Math.round((x / (width - 1)) * 255);
      data.set([v, v, v, 255], (y * width + x) * 4);
    }
  }
  return { width, height, data };
}

function jitter(random: () => number, amplitude: number): number {
  return amplitude === 0 ? 0 : Math.round((random() * 2 - 1) * amplitude);
}
