/**
 * Runs seeded drafts through the real pipeline (transformers.js + xgrammar on the tiny fixture)
 * and checks the promise of the offline mode: the output always parses, assembles and validates,
 * with 8-10 batches of exactly 40 jobs. Split over two files so the two cores share the work; the eight seeds cover 3-8 and 10 images, both weight sets and sampling.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { assembleSpecification } from '../../../src/domain/assemble';
import { parseDraft } from '../../../src/domain/draft';
import { countJobs } from '../../../src/domain/permutations';
import { JOBS_PER_BATCH, MAX_BATCHES, MIN_BATCHES } from '../../../src/domain/schema';
import { validateSpecification } from '../../../src/domain/validate';
import type { FixtureVariant } from './fixture-model';
import { createNodeInferenceApi, fixtureLoadRequest } from './node-inference';
import { seedCase } from './seed-cases';
import { makeTestImages } from './test-images';

const SREF = '2811246553 --sw 250';
/** A draft takes 5-15 s on an idle 2-core machine; generous for a loaded one. */
const SEED_TIMEOUT_MS = 240_000;
/** A full draft must stay near the ~1,500-token budget even when every string is filled. */
export const DRAFT_TOKEN_CEILING = 1800;

export function runSeedCases(seeds: readonly number[]): void {
  describe(`constrained generation, seeds ${seeds[0]}-${seeds.at(-1)}`, () => {
    const apis = new Map<FixtureVariant, ReturnType<typeof createNodeInferenceApi>>();
    const summary: string[] = [];

    async function apiFor(variant: FixtureVariant) {
      let api = apis.get(variant);
      if (!api) {
        api = createNodeInferenceApi();
        await api.loadModel(await fixtureLoadRequest(variant));
        apis.set(variant, api);
      }
      return api;
    }

    afterAll(async () => {
      console.log(summary.join('\n'));
      for (const api of apis.values()) await api.unloadModel();
    });

    it.each(seeds)('seed %i parses, validates and has 8-10 batches of 40 jobs', async (seed) => {
      const testCase = seedCase(seed);
      const api = await apiFor(testCase.variant);
      const images = await makeTestImages(testCase.imageCount, seed, testCase.width, testCase.height);
      const started = performance.now();
      const result = await api.generateDraft({
        requestId: `seed-${seed}`,
        images,
        ...(testCase.sampling ? { sampling: testCase.sampling } : {}),
      });

      expect(result.complete).toBe(true);
      expect(result.imageTokens).toHaveLength(testCase.imageCount);
      expect(result.tokenIds.length).toBeLessThanOrEqual(DRAFT_TOKEN_CEILING);
      const parsed = parseDraft(result.text);
      if (!parsed.ok) throw new Error(`seed ${seed}: ${parsed.problems.join('; ')}\n${result.text}`);

      const { spec } = assembleSpecification(parsed.draft, { srefCode: SREF });
      const report = validateSpecification(spec, { srefCode: SREF });
      expect(report.errors).toEqual([]);
      expect(spec.permutation_batches.length).toBeGreaterThanOrEqual(MIN_BATCHES);
      expect(spec.permutation_batches.length).toBeLessThanOrEqual(MAX_BATCHES);
      for (const batch of spec.permutation_batches) expect(countJobs(batch.prompt)).toBe(JOBS_PER_BATCH);

      const seconds = (performance.now() - started) / 1000;
      summary.push(
        `seed ${seed} (${testCase.variant}, ${testCase.imageCount} images ${testCase.width}x${testCase.height}, ${testCase.sampling ? 'sampled' : 'greedy'}): ` +
          `${result.tokenIds.length} tokens, ${spec.permutation_batches.length} batches, ${seconds.toFixed(1)} s`,
      );
    }, SEED_TIMEOUT_MS);
  });
}
