/**
 * dHash (difference hash): the image reduced to 9x8 grey cells, one bit per horizontal
 * neighbour pair (is the left cell brighter?). Re-encodes, resizes and small edits keep most
 * bits; different pictures differ in about half. Compared by Hamming distance.
 */
import type { PixelImage } from '../palette';

const COLUMNS = 9;
const ROWS = 8;
/** Up to this many differing bits (of 64) count as the same picture (≈ 10%). */
export const NEAR_DUPLICATE_MAX_DISTANCE = 6;

/** 64-bit dHash as 16 hex characters. Area-averages the pixels into the 9x8 grid (no aliasing). */
export function differenceHash(image: PixelImage): string {
  const cells = greyCells(image);
  let hex = '';
  for (let row = 0; row < ROWS; row += 1) {
    let byte = 0;
    for (let column = 0; column < COLUMNS - 1; column += 1) {
      const left = cells[row * COLUMNS + column] ?? 0;
      const right = cells[row * COLUMNS + column + 1] ?? 0;
      byte = (byte << 1) | (left > right ? 1 : 0);
    }
    hex += byte.toString(16).padStart(2, '0');
  }
  return hex;
}

export function hammingDistance(a: string, b: string): number {
  let distance = 0;
  for (let i = 0; i < Math.max(a.length, b.length); i += 2) {
    let diff = Number.parseInt(a.slice(i, i + 2) || '0', 16) ^ Number.parseInt(b.slice(i, i + 2) || '0', 16);
    while (diff) {
      distance += diff & 1;
      diff >>= 1;
    }
  }
  return distance;
}

/** Mean luma (Rec. 601 weights) of each grid cell; transparent pixels count as white. */
function greyCells(image: PixelImage): Float64Array {
  const sums = new Float64Array(COLUMNS * ROWS);
  const counts = new Float64Array(COLUMNS * ROWS);
  const { width, height, data } = image;
  for (let y = 0; y < height; y += 1) {
    const row = Math.min(ROWS - 1, Math.floor((y * ROWS) / height));
    for (let x = 0; x < width; x += 1) {
      const column = Math.min(COLUMNS - 1, Math.floor((x * COLUMNS) / width));
      const offset = (y * width + x) * 4;
      const alpha = (data[offset + 3] ?? 255) / 255;
      const luma = 0.299 * (data[offset] ?? 0) + 0.587 * (data[offset + 1] ?? 0) + 0.114 * (data[offset + 2] ?? 0);
      const cell = row * COLUMNS + column;
      sums[cell] = (sums[cell] ?? 0) + luma * alpha + 255 * (1 - alpha);
      counts[cell] = (counts[cell] ?? 0) + 1;
    }
  }
  return sums.map((sum, cell) => sum / Math.max(1, counts[cell] ?? 0));
}
