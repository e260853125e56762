import { describe, expect, it } from 'vitest';
import { createPermutationCorpus } from '../../bench/support/permutation-corpus';
import { expandPrompt } from '../../src/domain/permutations';
import { validateSpecification } from '../../src/domain/validate';
import { DatasetSpecificationSchema } from '../../src/domain/schema';

describe('benchmark permutation corpus', () => {
  const corpus = createPermutationCorpus(600, 3);

  it('is deterministic per seed and differs between seeds', () => {
    expect(createPermutationCorpus(600, 3).prompts).toEqual(corpus.prompts);
    expect(createPermutationCorpus(600, 4).prompts).not.toEqual(corpus.prompts);
  });

  it('writes prompts that each expand to 40 distinct jobs, in every shape', () => {
    for (const prompt of corpus.prompts) {
      const jobs = expandPrompt(prompt);
      expect(jobs, prompt).toHaveLength(40);
      expect(new Set(jobs).size, prompt).toBe(40);
    }
    expect(corpus.prompts.some((prompt) => prompt.includes('\\,'))).toBe(true);
    expect(corpus.prompts.some((prompt) => prompt.includes('{on a pier, on a beach}'))).toBe(true);
    expect(corpus.prompts.some((prompt) => prompt.includes('--{v 7, niji 6}'))).toBe(true);
  });

  it('packs them into specifications that pass the schema and validation without errors', () => {
    expect(corpus.specs).toHaveLength(60);
    for (const spec of corpus.specs) {
      expect(DatasetSpecificationSchema.safeParse(spec).success).toBe(true);
      const report = validateSpecification(spec, { srefCode: corpus.srefCode });
      expect(report.errors).toEqual([]);
    }
  });

  it('rejects a prompt count that does not fill whole specifications', () => {
    expect(() => createPermutationCorpus(15)).toThrow(RangeError);
  });
});
