import { describe, expect, it } from 'vitest';
import { assembleSpecification, tidyPhrase } from './assemble';
import type { Draft, DraftBatch } from './draft';
import { makeDraft } from './draft.test-helpers';
import { countJobs, expandPrompt } from './permutations';
import { DatasetSpecificationSchema, JOBS_PER_BATCH } from './schema';
import { validateSpecification } from './validate';

const SREF = '1234567890 987::2';

function withBatch(draft: Draft, index: number, change: Partial<DraftBatch>): Draft {
  return { ...draft, batches: draft.batches.map((batch, i) => (i === index ? { ...batch, ...change } : batch)) };
}

/** Every expanded job of a batch, as Midjourney would list them. */
function jobsOf(prompt: string): string[] {
  return expandPrompt(prompt);
}

function expectUsable(draft: Draft) {
  const { spec, repairs } = assembleSpecification(draft, { srefCode: SREF });
  expect(DatasetSpecificationSchema.parse(spec)).toEqual(spec);
  const report = validateSpecification(spec, { srefCode: SREF });
  expect(report.errors).toEqual([]);
  expect(report.warnings.filter((warning) => warning.code !== 'style-keyword')).toEqual([]);
  expect(spec.permutation_batches.length).toBe(draft.batches.length);
  for (const batch of spec.permutation_batches) {
    expect(countJobs(batch.prompt)).toBe(JOBS_PER_BATCH);
    expect(batch.image_count).toBe(JOBS_PER_BATCH);
    const jobs = jobsOf(batch.prompt);
    expect(new Set(jobs.map((job) => job.toLowerCase())).size).toBe(JOBS_PER_BATCH);
    expect(jobs.every((job) => job.endsWith(`--sref ${SREF}`))).toBe(true);
    // Only the sref parameter: no phrase may smuggle in another Midjourney parameter.
    expect(jobs.every((job) => job.split('--').length === 2)).toBe(true);
  }
  return { spec, repairs };
}

describe('assembleSpecification', () => {
  it('turns a clean draft into a spec with 40 jobs per batch and nothing repaired', () => {
    const { spec, repairs } = expectUsable(makeDraft());
    expect(repairs).toEqual([]);
    expect(spec.sref_code).toBe(SREF);
    const first = spec.permutation_batches[0]!;
    expect(first.prompt).toBe(
      '{subject 0-0, subject 0-1, subject 0-2, subject 0-3, subject 0-4, subject 0-5, subject 0-6, subject 0-7} ' +
        '{modifier 0-0, modifier 0-1, modifier 0-2, modifier 0-3, modifier 0-4} --sref 1234567890 987::2',
    );
    expect(jobsOf(first.prompt)[0]).toBe('subject 0-0 modifier 0-0 --sref 1234567890 987::2');
    expect(spec.permutation_batches.map((b) => b.batch_number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it.each([8, 9, 10])('keeps all %i batches', (count) => {
    expectUsable(makeDraft({}, count));
  });

  it('escapes commas and braces so a phrase stays one option', () => {
    const draft = withBatch(makeDraft(), 0, {
      subjects: ['a fox, sleeping', 'a {small} boat', 'tea}', '{', 'a', 'b', 'c', 'd'],
    });
    const { spec } = expectUsable(draft);
    const jobs = jobsOf(spec.permutation_batches[0]!.prompt);
    expect(jobs).toContain('a fox, sleeping modifier 0-0 --sref 1234567890 987::2');
    expect(jobs).toContain('a {small} boat modifier 0-0 --sref 1234567890 987::2');
  });

  it('defuses parameters and weights hidden in phrases', () => {
    const draft = withBatch(makeDraft(), 1, {
      subjects: ['a cat --ar 16:9', 'dog::5', 'bird -- no', 'x\\', 'e', 'f', 'g', 'h'],
      modifiers: ['--v 7', 'at dusk', 'a', 'b', 'c'],
    });
    const { spec } = expectUsable(draft);
    expect(spec.permutation_batches[1]!.prompt).toContain('a cat -ar 16:9');
    expect(spec.permutation_batches[1]!.prompt).toContain('dog:5');
  });

  it('replaces repeated subjects and modifiers and reports it', () => {
    const draft = withBatch(makeDraft(), 2, {
      subjects: Array.from({ length: 8 }, () => 'A Fox'),
      modifiers: ['at dawn', 'AT DAWN', ' at  dawn', 'at dawn', 'at dawn'],
    });
    const { spec, repairs } = expectUsable(draft);
    const prompt = spec.permutation_batches[2]!.prompt;
    expect(prompt.startsWith('{A Fox, ')).toBe(true);
    expect(repairs).toEqual([
      'Batch 3 subjects: 7 repeated or empty phrases replaced.',
      'Batch 3 modifiers: 4 repeated or empty phrases replaced.',
    ]);
  });

  it('fills from the reserve when the whole draft repeats one phrase', () => {
    const same = makeDraft();
    const draft: Draft = {
      ...same,
      best_subjects: ['x', 'x', 'x', 'x'],
      batches: same.batches.map((batch) => ({ ...batch, subjects: Array(8).fill('x'), modifiers: Array(5).fill('y') })),
    };
    const { spec } = expectUsable(draft);
    expect(spec.style_analysis.best_subjects).toEqual(['x', 'x', 'x']);
  });

  it('treats phrases that tidy to nothing as missing', () => {
    const draft = withBatch(makeDraft(), 0, { subjects: ['-', '::', 'a', 'b', 'c', 'd', 'e', 'f'] });
    const { spec } = expectUsable(draft);
    expect(spec.permutation_batches[0]!.prompt.startsWith('{-, :, a,')).toBe(true);
  });

  it('numbers repeated batch names and keeps categories', () => {
    const base = makeDraft();
    const draft: Draft = { ...base, batches: base.batches.map((batch) => ({ ...batch, batch_name: 'Animals' })) };
    const { spec } = expectUsable(draft);
    expect(spec.permutation_batches.slice(0, 3).map((b) => b.batch_name)).toEqual(['Animals', 'Animals (2)', 'Animals (3)']);
  });

  it('computes a distribution that sums to 100, weighted by priority', () => {
    const base = makeDraft();
    const draft: Draft = {
      ...base,
      batches: base.batches.map((batch, i) => ({ ...batch, category: ['people', 'places', 'things'][i % 3]!, priority: 'medium' })),
    };
    const { spec } = expectUsable(draft);
    const shares = spec.training_recommendations.optimal_subject_distribution;
    expect(shares.reduce((sum, share) => sum + share.percentage, 0)).toBe(100);
    expect(shares).toEqual([
      { category: 'people', percentage: 38 },
      { category: 'places', percentage: 37 },
      { category: 'things', percentage: 25 },
    ]);
    expect(spec.training_recommendations.recommended_dataset_size).toBe(48);
  });

  it('deduplicates palette colours by hex and upper-cases them', () => {
    const base = makeDraft();
    const palette = [
      { hex: '#aa3322', name: 'rust' },
      { hex: '#AA3322', name: 'rust again' },
      ...base.palette.slice(2),
    ];
    const { spec } = expectUsable({ ...base, palette });
    expect(spec.style_analysis.color_palette.map((c) => c.hex)).toEqual(['#AA3322', '#E0D8C0', '#335533', '#101010']);
  });

  it('refuses an empty sref', () => {
    expect(() => assembleSpecification(makeDraft(), { srefCode: '  ' })).toThrow(/sref/);
  });

  it('writes the style reference in its canonical form', () => {
    const { spec } = assembleSpecification(makeDraft(), { srefCode: ' --sref  123  https://example.com/a.png::2 --sw 250 ' });
    expect(spec.sref_code).toBe('123 https://example.com/a.png::2 --sw 250');
    expect(spec.permutation_batches[0]!.prompt.endsWith('} --sref 123 https://example.com/a.png::2 --sw 250')).toBe(true);
    expect(validateSpecification(spec, { srefCode: spec.sref_code }).valid).toBe(true);
  });

  it.each([
    ['  a   fox  ', 'a fox'],
    ['tab\there', 'tab here'],
    ['a---b', 'a-b'],
    ['x:::y', 'x:y'],
    ['back\\slash', 'back slash'],
    ['ghost\uFFFD\uFFFD', 'ghost'],
    ['café crème', 'café crème'],
  ])('tidyPhrase(%j) = %j', (input, output) => {
    expect(tidyPhrase(input)).toBe(output);
  });
});
