/**
 * Generated images for the training-set journey, made by the test: one distinct PNG per job of a
 * batch, named the way Midjourney downloads are. Pictures are checked pairwise with the app's own
 * perceptual hash so none is a near-duplicate of another (the checks must not flag them).
 */
import { encodePng } from './png';
import { createSeededRandom } from '../../src/domain/palette/seeded-random';
import { differenceHash, hammingDistance, NEAR_DUPLICATE_MAX_DISTANCE } from '../../src/domain/training-set/perceptual-hash';
import { midjourneyDownloadName } from '../../src/domain/training-set/midjourney-names.test-helpers';
import type { TrainingJob } from '../../src/domain/training-set/training-jobs';

export interface GeneratedImage {
  job: TrainingJob;
  name: string;
  png: Buffer;
}

const SIZE = 512;

/** One image per job; the name carries the prompt (grid images 0-3 and an upscale in turn). */
export function generateJobImages(jobs: readonly TrainingJob[]): GeneratedImage[] {
  const hashes: string[] = [];
  let seed = 1;
  return jobs.map((job, index) => {
    for (;;) {
      const rgb = paintScene(seed);
      seed += 1;
      const hash = differenceHash(toPixelImage(rgb));
      if (hashes.some((other) => hammingDistance(other, hash) <= NEAR_DUPLICATE_MAX_DISTANCE * 2)) continue;
      hashes.push(hash);
      const gridIndex = index % 5 === 4 ? null : index % 4;
      return { job, name: midjourneyDownloadName(job.prompt, { userName: 'pixelsmith', gridIndex, seed: index + 1 }), png: encodePng(SIZE, SIZE, rgb) };
    }
  });
}

/** Soft discs of seeded brightness and colour over a seeded gradient. */
function paintScene(seed: number): Uint8Array {
  const random = createSeededRandom(seed);
  const angle = random() * Math.PI * 2;
  const base = [random() * 255, random() * 255, random() * 255];
  const discs = Array.from({ length: 7 }, () => ({ x: random(), y: random(), r: 0.06 + random() * 0.2, rgb: [random() * 255, random() * 255, random() * 255] }));
  const rgb = new Uint8Array(SIZE * SIZE * 3);
  for (let y = 0; y < SIZE; y += 1) {
    for (let x = 0; x < SIZE; x += 1) {
      const u = x / SIZE;
      const v = y / SIZE;
      const ramp = 0.5 + 0.5 * Math.sin((u * Math.cos(angle) + v * Math.sin(angle)) * Math.PI * 2);
      let colour = base.map((channel) => channel * (0.4 + 0.6 * ramp));
      for (const disc of discs) if ((u - disc.x) ** 2 + (v - disc.y) ** 2 < disc.r ** 2) colour = disc.rgb;
      rgb.set(colour.map(Math.round), (y * SIZE + x) * 3);
    }
  }
  return rgb;
}

function toPixelImage(rgb: Uint8Array) {
  const data = new Uint8ClampedArray(SIZE * SIZE * 4);
  for (let i = 0; i < SIZE * SIZE; i += 1) data.set([rgb[i * 3]!, rgb[i * 3 + 1]!, rgb[i * 3 + 2]!, 255], i * 4);
  return { width: SIZE, height: SIZE, data };
}
