/** The sample spec other tests rely on: valid as built, broken exactly as asked. */
import { describe, expect, it } from 'vitest';
import { buildSampleSpec, SAMPLE_WRONG_SREF } from '../../e2e/fixtures/sample-spec';
import { countJobs } from '../../src/domain/permutations';
import { DatasetSpecificationSchema } from '../../src/domain/schema';
import { validateSpecification } from '../../src/domain/validate';
import { TEST_SREF } from './support';

describe('buildSampleSpec', () => {
  it.each([8, 9, 10])('with %i batches passes the schema and every validation rule, without warnings', (batches) => {
    const spec = buildSampleSpec(TEST_SREF, { batches });
    expect(DatasetSpecificationSchema.parse(spec)).toEqual(spec);
    const report = validateSpecification(spec, { srefCode: TEST_SREF });
    expect(report.errors).toEqual([]);
    expect(report.warnings).toEqual([]);
    expect(report.valid).toBe(true);
  });

  it('uses both 40-job shapes (8 x 5 and 10 x 4) and distinct subjects', () => {
    const spec = buildSampleSpec('random');
    expect(spec.permutation_batches.map((batch) => countJobs(batch.prompt))).toEqual(Array(8).fill(40));
    const groupSizes = spec.permutation_batches.map((batch) => [...batch.prompt.matchAll(/\{([^}]*)\}/g)].map((group) => group[1]!.split(',').length).join('x'));
    expect(new Set(groupSizes)).toEqual(new Set(['8x5', '10x4']));
    expect(spec.permutation_batches.every((batch) => batch.prompt.endsWith('--sref random'))).toBe(true);
  });

  it.each([
    { options: { batches: 6 }, expectError: /batch/i },
    { options: { jobsInBatch3: 36 }, expectError: /36/ },
    { options: { wrongSref: true }, expectError: /sref/i },
  ])('breaks the rules when asked: $options', ({ options, expectError }) => {
    const spec = buildSampleSpec(TEST_SREF, options);
    expect(DatasetSpecificationSchema.safeParse(spec).success).toBe(true);
    const report = validateSpecification(spec, { srefCode: TEST_SREF });
    expect(report.valid).toBe(false);
    expect(report.errors.map((issue) => issue.message).join('\n')).toMatch(expectError);
  });

  it('writes the wrong sref everywhere when asked', () => {
    const spec = buildSampleSpec(TEST_SREF, { wrongSref: true });
    expect(spec.sref_code).toBe(SAMPLE_WRONG_SREF);
    expect(spec.permutation_batches.every((batch) => batch.prompt.endsWith(`--sref ${SAMPLE_WRONG_SREF}`))).toBe(true);
  });

  it('builds batch 3 with the requested number of jobs', () => {
    expect(countJobs(buildSampleSpec(TEST_SREF, { jobsInBatch3: 36 }).permutation_batches[2]!.prompt)).toBe(36);
    expect(countJobs(buildSampleSpec(TEST_SREF, { jobsInBatch3: 30 }).permutation_batches[2]!.prompt)).toBe(30);
    expect(() => buildSampleSpec(TEST_SREF, { jobsInBatch3: 37 })).toThrow(/37 jobs/);
    expect(() => buildSampleSpec(TEST_SREF, { batches: 11 })).toThrow(/1-10/);
  });
});
