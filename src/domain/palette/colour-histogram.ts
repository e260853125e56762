/**
 * Reduces every pixel of every image to a weighted set of colours: a 32x32x32 sRGB histogram
 * whose bins keep the *mean* colour of their pixels (so no precision is lost to binning) and a
 * weight equal to their share of the image area. Each image counts equally, whatever its size,
 * so a palette describes "the images" rather than "the largest image".
 */
import { rgbToOklab } from './oklab';
import type { PixelImage } from './pixel-image';

/** Weighted colours in OKLab: point i is (lab[3i], lab[3i+1], lab[3i+2]) with weight[i]; weights sum to 1. */
export interface WeightedColours {
  lab: Float64Array;
  weight: Float64Array;
  count: number;
}

const BITS = 5;
const SHIFT = 8 - BITS;
const BINS = 1 << (3 * BITS);
/** Pixels at least this transparent are background, not colour. */
const MIN_ALPHA = 128;
/** Above this many pixels an image is sampled on a regular grid (the clustering does not need more). */
export const MAX_SAMPLES_PER_IMAGE = 160_000;

export function buildColourHistogram(images: readonly PixelImage[]): WeightedColours {
  const area = new Float64Array(BINS);
  const pixels = new Float64Array(BINS);
  const sumR = new Float64Array(BINS);
  const sumG = new Float64Array(BINS);
  const sumB = new Float64Array(BINS);
  const imageCounts = new Uint32Array(BINS);
  let imagesWithPixels = 0;

  for (const image of images) {
    imageCounts.fill(0);
    const touched: number[] = [];
    let opaque = 0;
    const step = Math.max(1, Math.ceil(Math.sqrt((image.width * image.height) / MAX_SAMPLES_PER_IMAGE)));
    const { data, width, height } = image;
    for (let y = 0; y < height; y += step) {
      let offset = y * width * 4;
      for (let x = 0; x < width; x += step, offset += 4 * step) {
        if ((data[offset + 3] ?? 0) < MIN_ALPHA) continue;
        const r = data[offset] ?? 0;
        const g = data[offset + 1] ?? 0;
        const b = data[offset + 2] ?? 0;
        const bin = ((r >> SHIFT) << (2 * BITS)) | ((g >> SHIFT) << BITS) | (b >> SHIFT);
        if (imageCounts[bin] === 0) touched.push(bin);
        imageCounts[bin] = (imageCounts[bin] ?? 0) + 1;
        sumR[bin] = (sumR[bin] ?? 0) + r;
        sumG[bin] = (sumG[bin] ?? 0) + g;
        sumB[bin] = (sumB[bin] ?? 0) + b;
        opaque += 1;
      }
    }
    if (opaque === 0) continue;
    imagesWithPixels += 1;
    // Sums stay raw (for the mean colour); the area weight is normalised per image.
    for (const bin of touched) {
      const inImage = imageCounts[bin] ?? 0;
      area[bin] = (area[bin] ?? 0) + inImage / opaque;
      pixels[bin] = (pixels[bin] ?? 0) + inImage;
    }
  }

  const used: number[] = [];
  for (let bin = 0; bin < BINS; bin += 1) if ((pixels[bin] ?? 0) > 0) used.push(bin);
  const lab = new Float64Array(used.length * 3);
  const weight = new Float64Array(used.length);
  used.forEach((bin, i) => {
    const n = pixels[bin] ?? 1;
    const colour = rgbToOklab((sumR[bin] ?? 0) / n, (sumG[bin] ?? 0) / n, (sumB[bin] ?? 0) / n);
    lab[3 * i] = colour.L;
    lab[3 * i + 1] = colour.a;
    lab[3 * i + 2] = colour.b;
    weight[i] = (area[bin] ?? 0) / imagesWithPixels;
  });
  return { lab, weight, count: used.length };
}
