import { describe, expect, it } from 'vitest';
import { countBatchJobs, describeDatasetSize, summarizeJobs } from './job-summary';
import { countJobs, MAX_EXPANDED_JOBS } from './permutations';
import { fixtureBatch, fixtureSpecification } from './spec-fixture.test-helpers';
import { createSeededRandom } from './palette/seeded-random';

/** `groups` groups of ten options: 10^groups jobs. */
const hugePrompt = (groups: number) =>
  `${Array.from({ length: groups }, (_, group) => `{${Array.from({ length: 10 }, (_, option) => `w${group}${option}`).join(', ')}}`).join(' ')} --sref 1234567890`;

describe('summarizeJobs', () => {
  it('counts a valid spec for every plan', () => {
    const batches = fixtureSpecification().permutation_batches;
    expect(summarizeJobs(batches, 40)).toEqual({ jobs: 320, images: 1280, prompts: 8, unreadable: [], tooLargeToSplit: [] });
    expect(summarizeJobs(batches, 4).prompts).toBe(80);
  });

  it('counts a batch of ten billion jobs exactly, names it as too large to split, and returns at once', () => {
    const batches = [fixtureBatch(0), fixtureBatch(1, { prompt: hugePrompt(10) }), fixtureBatch(2)];
    const started = performance.now();
    const summary = summarizeJobs(batches, 40);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(summary).toEqual({ jobs: 10_000_000_080, images: 40_000_000_320, prompts: 2, unreadable: [], tooLargeToSplit: [2] });
  });

  it('names a batch with a syntax error instead of leaving it out silently', () => {
    const batches = [fixtureBatch(0), fixtureBatch(1, { prompt: '{a, b --sref 1' })];
    expect(summarizeJobs(batches, 40)).toEqual({ jobs: 40, images: 160, prompts: 1, unreadable: [2], tooLargeToSplit: [] });
  });

  it('accounts for every batch, over random mixtures of valid, broken and huge prompts', () => {
    const random = createSeededRandom(9);
    for (let round = 0; round < 100; round += 1) {
      const batches = Array.from({ length: 1 + Math.floor(random() * 10) }, (_, index) => {
        const kind = Math.floor(random() * 3);
        const prompt = kind === 0 ? fixtureBatch(index).prompt : kind === 1 ? '{x, y --sref 1' : hugePrompt(5 + Math.floor(random() * 8));
        return fixtureBatch(index, { prompt });
      });
      const summary = summarizeJobs(batches, 40);
      const named = new Set([...summary.unreadable, ...summary.tooLargeToSplit]);
      for (const batch of batches) {
        let jobs: number | null = null;
        try {
          jobs = countJobs(batch.prompt);
        } catch {
          expect(summary.unreadable).toContain(batch.batch_number);
        }
        if (jobs !== null && jobs > MAX_EXPANDED_JOBS) expect(named.has(batch.batch_number)).toBe(true);
      }
      const countable = batches.flatMap((batch) => {
        try {
          return [countJobs(batch.prompt)];
        } catch {
          return [];
        }
      });
      expect(summary.jobs).toBe(countable.reduce((sum, jobs) => sum + jobs, 0));
      expect(countBatchJobs(batches)).toEqual({ jobs: summary.jobs, images: summary.images, unreadable: summary.unreadable });
    }
  });
});

describe('describeDatasetSize', () => {
  it.each([
    [60, 1280, '60 images to keep for training, the best of the 1,280 the batches generate'],
    [1, 0, '1 image to keep for training'],
  ])('%i of %i', (recommended, generated, text) => {
    expect(describeDatasetSize(recommended, generated)).toBe(text);
  });
});
