/**
 * Weighted k-means in OKLab, seeded with k-means++ from a fixed PRNG seed (deterministic).
 * It runs over histogram bins (a few thousand weighted points) rather than raw pixels, which
 * is what keeps ten 12-megapixel images well under a second.
 */
import type { WeightedColours } from './colour-histogram';
import { createSeededRandom } from './seeded-random';

export interface Cluster {
  L: number;
  a: number;
  b: number;
  /** Sum of the member weights (share of the area, 0-1). */
  weight: number;
}

export interface KMeansOptions {
  k: number;
  seed: number;
  maxIterations?: number;
}

/** Centroid movement (OKLab units) below which the clustering has converged. */
const CONVERGED = 1e-5;

export function weightedKMeans(points: WeightedColours, options: KMeansOptions): Cluster[] {
  const k = Math.min(options.k, points.count);
  if (k === 0) return [];
  const centres = seedCentres(points, k, createSeededRandom(options.seed));
  const maxIterations = options.maxIterations ?? 40;
  for (let iteration = 0; iteration < maxIterations; iteration += 1) {
    const moved = refineCentres(points, centres);
    if (moved < CONVERGED) break;
  }
  return summarise(points, centres);
}

/** Assigns every point to its nearest centre; returns the index per point. */
export function assignToNearest(points: WeightedColours, centres: readonly Cluster[]): Int32Array {
  const assignment = new Int32Array(points.count);
  const { lab } = points;
  for (let i = 0; i < points.count; i += 1) {
    const L = lab[3 * i] ?? 0;
    const a = lab[3 * i + 1] ?? 0;
    const b = lab[3 * i + 2] ?? 0;
    let best = 0;
    let bestDistance = Number.POSITIVE_INFINITY;
    for (let c = 0; c < centres.length; c += 1) {
      const centre = centres[c] as Cluster;
      const d = (centre.L - L) ** 2 + (centre.a - a) ** 2 + (centre.b - b) ** 2;
      if (d < bestDistance) {
        bestDistance = d;
        best = c;
      }
    }
    assignment[i] = best;
  }
  return assignment;
}

/** One Lloyd step: centres move to the weighted mean of their members. Returns the largest move. */
export function refineCentres(points: WeightedColours, centres: Cluster[]): number {
  const next = summarise(points, centres);
  let moved = 0;
  next.forEach((cluster, c) => {
    const current = centres[c] as Cluster;
    if (cluster.weight > 0) {
      moved = Math.max(moved, Math.hypot(cluster.L - current.L, cluster.a - current.a, cluster.b - current.b));
      centres[c] = cluster;
    } else {
      centres[c] = { ...current, weight: 0 };
    }
  });
  return moved;
}

/** Weighted mean colour and total weight of each centre's members (empty clusters keep their centre). */
export function summarise(points: WeightedColours, centres: readonly Cluster[]): Cluster[] {
  const assignment = assignToNearest(points, centres);
  const sums = centres.map(() => ({ L: 0, a: 0, b: 0, weight: 0 }));
  const { lab, weight } = points;
  for (let i = 0; i < points.count; i += 1) {
    const sum = sums[assignment[i] ?? 0] as Cluster;
    const w = weight[i] ?? 0;
    sum.L += w * (lab[3 * i] ?? 0);
    sum.a += w * (lab[3 * i + 1] ?? 0);
    sum.b += w * (lab[3 * i + 2] ?? 0);
    sum.weight += w;
  }
  return sums.map((sum, c) =>
    sum.weight > 0
      ? { L: sum.L / sum.weight, a: sum.a / sum.weight, b: sum.b / sum.weight, weight: sum.weight }
      : { ...(centres[c] as Cluster), weight: 0 },
  );
}

/** k-means++: each next centre is drawn with probability weight x squared distance to the nearest centre. */
function seedCentres(points: WeightedColours, k: number, random: () => number): Cluster[] {
  const { lab, weight, count } = points;
  const nearest = new Float64Array(count).fill(Number.POSITIVE_INFINITY);
  const centres: Cluster[] = [];
  let index = drawIndex(weight, count, random);
  if (index < 0) return centres;
  while (centres.length < k) {
    const centre = { L: lab[3 * index] ?? 0, a: lab[3 * index + 1] ?? 0, b: lab[3 * index + 2] ?? 0, weight: 0 };
    centres.push(centre);
    const score = new Float64Array(count);
    for (let i = 0; i < count; i += 1) {
      const d = (centre.L - (lab[3 * i] ?? 0)) ** 2 + (centre.a - (lab[3 * i + 1] ?? 0)) ** 2 + (centre.b - (lab[3 * i + 2] ?? 0)) ** 2;
      if (d < (nearest[i] ?? 0)) nearest[i] = d;
      score[i] = (weight[i] ?? 0) * (nearest[i] ?? 0);
    }
    const next = drawIndex(score, count, random);
    if (next < 0) break; // every point already sits on a centre: fewer distinct colours than k
    index = next;
  }
  return centres;
}

/** Index drawn with probability proportional to `scores`; -1 when every score is zero. */
function drawIndex(scores: Float64Array, count: number, random: () => number): number {
  let total = 0;
  for (let i = 0; i < count; i += 1) total += scores[i] ?? 0;
  if (total <= 0) return -1;
  let target = random() * total;
  for (let i = 0; i < count; i += 1) {
    target -= scores[i] ?? 0;
    if (target <= 0 && (scores[i] ?? 0) > 0) return i;
  }
  for (let i = count - 1; i >= 0; i -= 1) if ((scores[i] ?? 0) > 0) return i;
  return -1;
}
