/**
 * The seeded cases of the constrained-generation test: each varies the images (count, size,
 * pixels), and some the random weights or the sampling seed, so the grammar meets many
 * different random walks of the model.
 */
import type { SamplingOptions } from '../../../src/analysis/offline/inference-api';
import type { FixtureVariant } from './fixture-model';

export interface SeedCase {
  seed: number;
  variant: FixtureVariant;
  imageCount: number;
  width: number;
  height: number;
  sampling?: SamplingOptions;
}

const SIZES: ReadonlyArray<[number, number]> = [
  [96, 72],
  [160, 90],
  [40, 120],
  [300, 300],
  [64, 64],
];

export function seedCase(seed: number): SeedCase {
  const [width, height] = SIZES[seed % SIZES.length]!;
  return {
    seed,
    variant: seed % 4 === 0 ? 'otherWeights' : 'standard',
    imageCount: 3 + (seed % 8),
    width,
    height,
    // Greedy decoding is Qwen2-VL's default; every fifth case samples instead.
    ...(seed % 5 === 0 ? { sampling: { seed, temperature: 1, topK: 40 } } : {}),
  };
}
