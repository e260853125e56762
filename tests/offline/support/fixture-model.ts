/**
 * The tiny random Qwen2-VL fixture for Node tests: generated on demand (seconds, skipped when up
 * to date) and served to transformers.js from its folder, as a local model.
 */
// @ts-expect-error the generator is a plain .mjs script without type declarations
import { ensureTinyQwen2VlFixture, FIXTURE_MODELS_DIR } from '../../../scripts/fixtures/make-tiny-qwen2vl.mjs';
import type { ModelSource } from '../../../src/models/registry';

export type FixtureVariant = 'standard' | 'narrowHead' | 'otherWeights';

export const FIXTURE_HOST = 'http://fixture.local';

export async function ensureFixture(variant: FixtureVariant = 'standard'): Promise<ModelSource> {
  const { repo } = (await ensureTinyQwen2VlFixture(variant)) as { repo: string };
  return { host: FIXTURE_HOST, repo, revision: 'main' };
}

export const fixtureModelsDir: string = FIXTURE_MODELS_DIR;
