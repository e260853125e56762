import { describe, expect, it } from 'vitest';
import { formatValidationIssue, validateBatch, validateSpecification, type ValidationIssue } from './validate';
import { fixtureBatch, fixtureSpecification, FIXTURE_SREF } from './spec-fixture.test-helpers';
import { EXAMPLE_SPEC, EXAMPLE_SREF } from './example-spec';
import type { DatasetSpecification, PermutationBatch, Priority } from './schema';
import { createSeededRandom } from './palette/seeded-random';

const context = { srefCode: FIXTURE_SREF };
const codes = (issues: readonly ValidationIssue[]) => issues.map((issue) => issue.code);

describe('validateBatch', () => {
  it('accepts a batch of exactly 40 jobs with the project sref', () => {
    expect(validateBatch(fixtureBatch(0), 0, context)).toEqual([]);
  });

  it.each<[string, Partial<PermutationBatch>, Partial<ValidationIssue>[]]>([
    [
      'a syntax error, with its position, on the prompt',
      { prompt: 'a fox --sref 1234567890 --ar {1:1' },
      [{ severity: 'error', code: 'prompt-syntax', field: 'prompt', position: 29, message: "Unclosed '{' at position 29: add a matching '}'." }],
    ],
    [
      'a stray brace',
      { prompt: '{a, b}} --sref 1234567890', image_count: 2 },
      [{ code: 'prompt-syntax', position: 6 }],
    ],
    [
      'fewer than 40 jobs (image_count agreeing)',
      { prompt: '{a, b, c} {d, e} --sref 1234567890', image_count: 6 },
      [{ severity: 'error', code: 'job-count', field: 'prompt', message: 'The prompt expands to 6 jobs; a batch needs exactly 40 (for example 8 subjects × 5 variations).' }],
    ],
    [
      'one job',
      { prompt: 'a fox --sref 1234567890', image_count: 1 },
      [{ code: 'job-count', message: 'The prompt expands to 1 job; a batch needs exactly 40 (for example 8 subjects × 5 variations).' }],
    ],
    [
      'image_count that disagrees with the real count',
      { image_count: 36 },
      [{ severity: 'error', code: 'image-count-mismatch', field: 'image_count', message: 'image_count is 36 but the prompt expands to 40 jobs.' }],
    ],
    [
      'a missing --sref',
      { prompt: fixtureBatch(0).prompt.replace(` --sref ${FIXTURE_SREF}`, '') },
      [{ severity: 'error', code: 'sref-missing', field: 'prompt', message: 'The prompt has no --sref; end it with --sref 1234567890.' }],
    ],
    [
      'a different --sref',
      { prompt: fixtureBatch(0).prompt.replace(FIXTURE_SREF, '999') },
      [{ code: 'sref-mismatch', message: "The prompt uses --sref 999, but this project's style reference is --sref 1234567890." }],
    ],
    [
      'a different --sw',
      { prompt: `${fixtureBatch(0).prompt} --sw 300` },
      [{ code: 'sref-mismatch', message: "The prompt uses --sref 1234567890 --sw 300, but this project's style reference is --sref 1234567890." }],
    ],
    [
      'an unreadable --sref',
      { prompt: fixtureBatch(0).prompt.replace(FIXTURE_SREF, 'watercolor') },
      [
        { code: 'sref-invalid', message: "The prompt's style reference cannot be read: 'watercolor' is not a style code, 'random' or an image URL." },
      ],
    ],
    [
      'a repeated --sref',
      { prompt: `${fixtureBatch(0).prompt} --sref ${FIXTURE_SREF}` },
      [{ code: 'sref-duplicate' }],
    ],
    [
      'a priority outside the enum',
      { priority: 'urgent' as Priority },
      [{ severity: 'error', code: 'priority-invalid', field: 'priority', message: 'Priority must be high, medium or low, not “urgent”.' }],
    ],
    ['an empty name', { batch_name: '  ' }, [{ severity: 'error', code: 'batch-name-empty', field: 'batch_name' }]],
    ['an empty category', { category: '' }, [{ severity: 'error', code: 'category-empty', field: 'category' }]],
    ['an empty prompt', { prompt: ' ' }, [{ severity: 'error', code: 'prompt-empty', field: 'prompt' }]],
    [
      'style words in the prompt text',
      { prompt: `{${'fox, '.repeat(7)}owl} {in watercolor, in the style of Monet, anime, at dusk, at dawn} --sref ${FIXTURE_SREF}` },
      [
        { code: 'duplicate-jobs', severity: 'warning' },
        {
          severity: 'warning',
          code: 'style-keyword',
          field: 'prompt',
          message: '“watercolor”, “in the style of” and “anime” describe a style; the --sref already carries the style, so style words can pull against it.',
        },
      ],
    ],
    [
      'repeated jobs inside the batch',
      { prompt: `{fox, fox, owl, hare, badger, deer, wren, otter} {at dawn, at noon, at dusk, at night, in the rain} --sref ${FIXTURE_SREF}` },
      [{ severity: 'warning', code: 'duplicate-jobs', message: '“fox” appears twice in one group, so some jobs would be made twice; replace one of them.' }],
    ],
    [
      'an option repeated inside a nested group, ignoring case and spacing',
      { prompt: `{fox {in snow, In  Snow}, heron, owl, hare, badger, deer, wren} {at dawn, at noon, at dusk, at night, in the rain} --sref ${FIXTURE_SREF}` },
      [{ code: 'duplicate-jobs', message: '“In  Snow” appears twice in one group, so some jobs would be made twice; replace one of them.' }],
    ],
    [
      'two empty options in a group',
      { prompt: `{fox, heron, owl, hare, badger, deer, wren, otter} {, at noon, , at night, in the rain} --sref ${FIXTURE_SREF}` },
      [{ code: 'duplicate-jobs', message: 'An empty option appears twice in one group, so some jobs would be made twice; replace one of them.' }],
    ],
    [
      '--repeat',
      { prompt: `${fixtureBatch(0).prompt} --repeat 3` },
      [{ severity: 'warning', code: 'repeat-parameter' }],
    ],
  ])('reports %s', (_name, overrides, expected) => {
    const issues = validateBatch(fixtureBatch(2, overrides), 2, context);
    expect(issues).toHaveLength(expected.length);
    expected.forEach((partial, index) => expect(issues[index]).toMatchObject({ batchIndex: 2, ...partial }));
  });

  it('reports only the syntax error when an unclosed group swallows the --sref', () => {
    const issues = validateBatch(fixtureBatch(0, { prompt: `{a, b with {x, y} --sref ${FIXTURE_SREF}` }), 0, context);
    expect(issues).toEqual([
      { severity: 'error', code: 'prompt-syntax', field: 'prompt', batchIndex: 0, position: 0, message: "Unclosed '{' at position 0: add a matching '}'." },
    ]);
  });

  it('never reports a style-reference problem beside a syntax error, over many broken prompts', () => {
    const random = createSeededRandom(4);
    const valid = fixtureBatch(0).prompt;
    for (let round = 0; round < 500; round += 1) {
      const at = Math.floor(random() * (valid.length + 1));
      const brace = ['{', '}', '{x, '][Math.floor(random() * 3)]!;
      const prompt = valid.slice(0, at) + brace + valid.slice(at);
      const issueCodes = codes(validateBatch(fixtureBatch(0, { prompt }), 0, context));
      if (issueCodes.includes('prompt-syntax')) expect(issueCodes.filter((code) => code.startsWith('sref')), prompt).toEqual([]);
    }
  });

  it('does not count style words inside parameters or the sref URL', () => {
    const prompt = `{${'fox, '.repeat(7)}owl} {1, 2, 3, 4, 5} --no anime --sref ${FIXTURE_SREF}`;
    expect(codes(validateBatch(fixtureBatch(0, { prompt }), 0, context))).toEqual(['duplicate-jobs']);
  });

  it('matches whole words only', () => {
    const prompt = fixtureBatch(0).prompt.replace('a fox', 'an animeal').replace('a heron', 'unrealistic heron');
    expect(codes(validateBatch(fixtureBatch(0, { prompt }), 0, context))).toEqual([]);
  });

  it('uses extra style words from the context', () => {
    const prompt = fixtureBatch(0).prompt.replace('a fox', 'a Gouache fox');
    expect(validateBatch(fixtureBatch(0, { prompt }), 0, { ...context, avoidStyleKeywords: ['gouache'] })).toMatchObject([
      { code: 'style-keyword', message: expect.stringContaining('“gouache” describes a style') },
    ]);
  });

  it('accepts an equivalent sref written differently', () => {
    const prompt = fixtureBatch(0).prompt.replace(`--sref ${FIXTURE_SREF}`, `--sw 100 --sref ${FIXTURE_SREF}::1`);
    expect(validateBatch(fixtureBatch(0, { prompt }), 0, context)).toEqual([]);
  });

  it('reports a missing sref without a suggestion when the project has none', () => {
    const prompt = fixtureBatch(0).prompt.replace(` --sref ${FIXTURE_SREF}`, '');
    expect(validateBatch(fixtureBatch(0, { prompt }), 0, { srefCode: '' })).toMatchObject([{ code: 'sref-missing', message: 'The prompt has no --sref.' }]);
  });
});

describe('validateSpecification', () => {
  const withBatches = (spec: DatasetSpecification, batches: PermutationBatch[]) => ({ ...spec, permutation_batches: batches });

  it('finds nothing wrong with a good specification', () => {
    expect(validateSpecification(fixtureSpecification(), context)).toEqual({ valid: true, errors: [], warnings: [] });
  });

  it('finds nothing wrong with the bundled example', () => {
    const report = validateSpecification(EXAMPLE_SPEC, { srefCode: EXAMPLE_SREF });
    expect(report.errors).toEqual([]);
    expect(report.valid).toBe(true);
  });

  it.each<[string, (spec: DatasetSpecification) => DatasetSpecification, Partial<ValidationIssue>[]]>([
    [
      '7 batches',
      (spec) => withBatches(spec, spec.permutation_batches.slice(0, 7)),
      [{ severity: 'error', code: 'batch-count', field: 'permutation_batches', message: 'There are 7 batches; a dataset needs 8 to 10, so add 1 more.' }],
    ],
    [
      '1 batch',
      (spec) => withBatches(spec, spec.permutation_batches.slice(0, 1)),
      [{ code: 'batch-count', message: 'There is 1 batch; a dataset needs 8 to 10, so add 7 more.' }],
    ],
    [
      '11 batches',
      (spec) => withBatches(spec, [...spec.permutation_batches, fixtureBatch(8), fixtureBatch(9), fixtureBatch(10)]),
      [
        { code: 'batch-count', message: 'There are 11 batches; a dataset needs 8 to 10, so remove 1.' },
        { code: 'prompt-duplicate' },
        { code: 'prompt-duplicate' },
        { code: 'prompt-duplicate' },
      ],
    ],
    [
      'a repeated batch number',
      (spec) => withBatches(spec, spec.permutation_batches.map((batch, index) => (index === 5 ? { ...batch, batch_number: 2 } : batch))),
      [{ severity: 'error', code: 'batch-number-duplicate', batchIndex: 5, field: 'batch_number', message: 'Batch number 2 is already used by “Batch buildings”; batch numbers must be unique.' }],
    ],
    [
      'a duplicated prompt (ignoring case and spacing)',
      (spec) =>
        withBatches(spec, spec.permutation_batches.map((batch, index) => (index === 4 ? { ...batch, prompt: `  ${spec.permutation_batches[1]?.prompt.toUpperCase().replace(/ /g, '   ')}` } : batch))),
      [{ severity: 'warning', code: 'prompt-duplicate', batchIndex: 4, field: 'prompt', message: 'This prompt is the same as batch 2 “Batch buildings”; the two batches would make the same images.' }],
    ],
    [
      'a distribution 5 points off (warning)',
      (spec) => ({ ...spec, training_recommendations: { ...spec.training_recommendations, optimal_subject_distribution: [{ category: 'a', percentage: 60 }, { category: 'b', percentage: 35 }] } }),
      [{ severity: 'warning', code: 'distribution-sum', field: 'optimal_subject_distribution', message: 'The subject distribution adds up to 95% instead of 100%. Adjust the shares.' }],
    ],
    [
      'a distribution 1.5 points off (rounding, fine)',
      (spec) => ({ ...spec, training_recommendations: { ...spec.training_recommendations, optimal_subject_distribution: [{ category: 'a', percentage: 33.3 }, { category: 'b', percentage: 33.3 }, { category: 'c', percentage: 31.9 }] } }),
      [],
    ],
    [
      'a distribution 20 points off (error)',
      (spec) => ({ ...spec, training_recommendations: { ...spec.training_recommendations, optimal_subject_distribution: [{ category: 'a', percentage: 70 }, { category: 'b', percentage: 50 }] } }),
      [{ severity: 'error', code: 'distribution-sum', message: 'The subject distribution adds up to 120% instead of 100%. Adjust the shares.' }],
    ],
    [
      'a distribution in fractions',
      (spec) => ({ ...spec, training_recommendations: { ...spec.training_recommendations, optimal_subject_distribution: [{ category: 'a', percentage: 0.6 }, { category: 'b', percentage: 0.4 }] } }),
      [{ severity: 'error', code: 'distribution-sum', message: 'The subject distribution adds up to 1% instead of 100%. The shares look like fractions; write them as percentages.' }],
    ],
    [
      'a dataset target the batches cannot reach',
      (spec) => ({ ...spec, training_recommendations: { ...spec.training_recommendations, recommended_dataset_size: 1500 } }),
      [{ severity: 'warning', code: 'dataset-size', field: 'recommended_dataset_size', message: 'The batches make 320 jobs (1,280 images), fewer than the recommended dataset size of 1,500; add batches or lower the recommendation.' }],
    ],
    [
      'little room to curate',
      (spec) => ({ ...spec, training_recommendations: { ...spec.training_recommendations, recommended_dataset_size: 1000 } }),
      [{ severity: 'warning', code: 'dataset-size', message: 'The batches make 320 jobs (1,280 images) for a dataset of 1,000; that leaves little room to keep only the best images.' }],
    ],
    [
      'an sref_code that differs from the project',
      (spec) => ({ ...spec, sref_code: '42' }),
      [{ severity: 'error', code: 'sref-code-mismatch', field: 'sref_code', message: 'sref_code is “42”, but this project\'s style reference is “1234567890”.' }],
    ],
    [
      'an unreadable sref_code',
      (spec) => ({ ...spec, sref_code: 'the blue one' }),
      [{ severity: 'error', code: 'sref-code-invalid', message: "sref_code cannot be read: 'the' is not a style code, 'random' or an image URL." }],
    ],
    [
      "the spec's own avoid_style_keywords",
      (spec) => withBatches(spec, spec.permutation_batches.map((batch, index) => (index === 3 ? { ...batch, prompt: batch.prompt.replace('a baker', 'a gouache baker') } : batch))),
      [{ severity: 'warning', code: 'style-keyword', batchIndex: 3, message: expect.stringContaining('“gouache”') }],
    ],
  ])('reports %s', (_name, change, expected) => {
    const report = validateSpecification(change(fixtureSpecification()), context);
    const issues = [...report.errors, ...report.warnings];
    expect(issues).toHaveLength(expected.length);
    for (const partial of expected) expect(issues).toContainEqual(expect.objectContaining(partial));
    expect(report.valid).toBe(report.errors.length === 0);
    expect(report.errors.every((issue) => issue.severity === 'error')).toBe(true);
    expect(report.warnings.every((issue) => issue.severity === 'warning')).toBe(true);
  });

  it('reports a project without a valid style reference', () => {
    const report = validateSpecification(fixtureSpecification(), { srefCode: '' });
    expect(report.valid).toBe(false);
    expect(report.errors).toEqual([
      {
        severity: 'error',
        code: 'project-sref-invalid',
        field: 'sref_code',
        message: "This project has no valid style reference (Enter a style code, 'random' or an image URL.) Set it on the upload step.",
      },
    ]);
  });

  it('collects batch issues with their batch index', () => {
    const spec = fixtureSpecification();
    const batches = spec.permutation_batches.map((batch, index) => (index === 6 ? { ...batch, image_count: 39 } : batch));
    const report = validateSpecification({ ...spec, permutation_batches: batches }, context);
    expect(report.errors).toMatchObject([{ code: 'image-count-mismatch', batchIndex: 6 }]);
  });

  it('formats an issue as one line naming the batch and field', () => {
    const spec = fixtureSpecification();
    const [issue] = validateBatch(fixtureBatch(2, { image_count: 12 }), 2, context);
    expect(formatValidationIssue(issue as ValidationIssue, spec)).toBe('Batch 3 “Batch objects”, image_count: image_count is 12 but the prompt expands to 40 jobs.');
    expect(formatValidationIssue({ severity: 'error', code: 'batch-count', field: 'permutation_batches', message: 'Too few.' }, spec)).toBe('permutation_batches: Too few.');
  });

  // Speed is measured by `npm run bench`; this checks that a huge spec is validated correctly.
  it('validates 10,000 prompts in one report', () => {
    const base = fixtureSpecification();
    const batches = Array.from({ length: 10_000 }, (_, index) =>
      fixtureBatch(index, { batch_number: index + 1, prompt: fixtureBatch(index).prompt.replace('{', `{n${index} `) }),
    );
    const spec = { ...base, permutation_batches: batches };
    const report = validateSpecification(spec, context);
    expect(codes(report.errors)).toEqual(['batch-count']);
    expect(report.warnings).toEqual([]);
  });
});
