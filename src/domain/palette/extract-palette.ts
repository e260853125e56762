/**
 * Pixel-true palette: the colours the images are actually made of.
 *
 * 1. Every image becomes a weighted colour histogram (each image counts equally).
 * 2. Weighted k-means++ (fixed seed) over-segments into OVERSEGMENT clusters in OKLab.
 * 3. Near-identical clusters (ΔE < MERGE_DELTA_E) are merged: one paint colour split by noise or
 *    shading is one swatch.
 * 4. Noise clusters (< NOISE_SHARE) are dropped, and small ones (< SMALL_SHARE) while more than
 *    `minColors` remain; then the closest pair is merged until at most `maxColors` remain, and
 *    further while it is merely similar (ΔE < SIMILAR_DELTA_E) and more than `minColors` remain.
 * 5. A few Lloyd steps with the surviving centres re-assign every colour, so shares are the true
 *    area of the final swatches and sum to 100.
 *
 * What "sensible" means at the edges: the palette never invents colours to reach `minColors`.
 * A single-colour image gives one swatch at 100%; a two-tone image gives two; a grey-only image
 * gives only neutral greys (named on a black-to-white scale); images with no opaque pixel (or
 * no images) give an empty list, and the caller keeps whatever palette it had.
 */
import type { PaletteColor } from '../schema';
import { buildColourHistogram } from './colour-histogram';
import { distinguishNames, nameColour } from './colour-names';
import { deltaE, oklabToHex } from './oklab';
import type { PixelImage } from './pixel-image';
import { refineCentres, weightedKMeans, type Cluster } from './weighted-kmeans';

export interface PaletteOptions {
  /** Fewest swatches to keep while distinct colours exist (default 5). */
  minColors?: number;
  /** Most swatches (default 8, the schema's maximum). */
  maxColors?: number;
  /** k-means++ seed; the same seed and images always give the same palette. */
  seed?: number;
}

const OVERSEGMENT = 16;
const MERGE_DELTA_E = 0.04;
/** Shading of one colour (texture, light) often splits it in clusters this close; merged while above minColors. */
const SIMILAR_DELTA_E = 0.08;
const NOISE_SHARE = 0.005;
const SMALL_SHARE = 0.02;
const FINAL_LLOYD_STEPS = 4;

export function extractPalette(images: PixelImage[], options: PaletteOptions = {}): PaletteColor[] {
  const maxColors = clamp(Math.round(options.maxColors ?? 8), 1, 8);
  const minColors = clamp(Math.round(options.minColors ?? 5), 1, maxColors);
  const points = buildColourHistogram(images);
  if (points.count === 0) return [];

  let clusters = weightedKMeans(points, { k: Math.max(OVERSEGMENT, 2 * maxColors), seed: options.seed ?? 1 })
    .filter((cluster) => cluster.weight > 0);
  clusters = mergeWhile(clusters, (distance) => distance < MERGE_DELTA_E);
  clusters = dropSmall(clusters, minColors);
  clusters = mergeWhile(clusters, (distance, count) => count > maxColors || (count > minColors && distance < SIMILAR_DELTA_E));

  for (let step = 0; step < FINAL_LLOYD_STEPS; step += 1) refineCentres(points, clusters);
  const final = clusters.filter((cluster) => cluster.weight > 0).sort((x, y) => y.weight - x.weight);
  return toPaletteColours(final);
}

/** Repeatedly merges the perceptually closest pair while `shouldMerge(distance, count)` holds. */
function mergeWhile(clusters: Cluster[], shouldMerge: (distance: number, count: number) => boolean): Cluster[] {
  const result = [...clusters];
  while (result.length > 1) {
    let bestI = 0;
    let bestJ = 1;
    let best = Number.POSITIVE_INFINITY;
    for (let i = 0; i < result.length; i += 1) {
      for (let j = i + 1; j < result.length; j += 1) {
        const d = deltaE(result[i] as Cluster, result[j] as Cluster);
        if (d < best) [best, bestI, bestJ] = [d, i, j];
      }
    }
    if (!shouldMerge(best, result.length)) break;
    const x = result[bestI] as Cluster;
    const y = result[bestJ] as Cluster;
    const weight = x.weight + y.weight;
    result[bestI] = {
      L: (x.L * x.weight + y.L * y.weight) / weight,
      a: (x.a * x.weight + y.a * y.weight) / weight,
      b: (x.b * x.weight + y.b * y.weight) / weight,
      weight,
    };
    result.splice(bestJ, 1);
  }
  return result;
}

/** Drops noise always, and small clusters while more than `minColors` remain (their pixels are re-assigned later). */
function dropSmall(clusters: Cluster[], minColors: number): Cluster[] {
  const bySize = [...clusters].sort((x, y) => x.weight - y.weight);
  while (bySize.length > 1) {
    const smallest = bySize[0] as Cluster;
    const isNoise = smallest.weight < NOISE_SHARE;
    const isSmall = smallest.weight < SMALL_SHARE && bySize.length > minColors;
    if (!isNoise && !isSmall) break;
    bySize.shift();
  }
  return bySize;
}

function toPaletteColours(clusters: Cluster[]): PaletteColor[] {
  const shares = roundToTotal(clusters.map((cluster) => cluster.weight * 100), 1, 100);
  const names = distinguishNames(clusters.map((cluster) => ({ name: nameColour(cluster), L: cluster.L })));
  return clusters.map((cluster, index) => ({
    hex: oklabToHex(cluster),
    name: names[index] ?? nameColour(cluster),
    share: shares[index] ?? 0,
  }));
}

/** Rounds to `decimals` with the largest-remainder method so the rounded values sum to `total` exactly. */
export function roundToTotal(values: readonly number[], decimals: number, total: number): number[] {
  const scale = 10 ** decimals;
  const sum = values.reduce((acc, value) => acc + value, 0);
  if (sum <= 0) return values.map(() => 0);
  const scaled = values.map((value) => (value / sum) * total * scale);
  const floors = scaled.map(Math.floor);
  let missing = Math.round(total * scale) - floors.reduce((acc, value) => acc + value, 0);
  const order = scaled.map((value, index) => ({ index, remainder: value - Math.floor(value) })).sort((x, y) => y.remainder - x.remainder);
  for (const { index } of order) {
    if (missing <= 0) break;
    floors[index] = (floors[index] ?? 0) + 1;
    missing -= 1;
  }
  return floors.map((value) => value / scale);
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
