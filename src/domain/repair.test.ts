import { describe, expect, it } from 'vitest';
import { repairSpecification, withStyleReference } from './repair';
import { validateSpecification } from './validate';
import { parseSrefInput } from './sref';
import { fixtureSpecification, FIXTURE_SREF } from './spec-fixture.test-helpers';
import type { DatasetSpecification, PermutationBatch, Priority } from './schema';

const context = { srefCode: FIXTURE_SREF };
const subjects = '{a fox, a heron, an owl, a hare, a badger, a deer, a wren, an otter} {at dawn, at noon, at dusk, at night, in the rain}';

function reference(text: string) {
  const parsed = parseSrefInput(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.reference;
}

describe('withStyleReference', () => {
  it.each([
    ['adds a missing --sref at the end', `${subjects} --ar 1:1`, FIXTURE_SREF, `${subjects} --ar 1:1 --sref 1234567890`],
    ['replaces a different code in place', `${subjects} --sref 999 --ar 1:1`, FIXTURE_SREF, `${subjects} --sref 1234567890 --ar 1:1`],
    ['drops a stray --sw and --sv', `${subjects} --sw 300 --sref 999 --sv 4`, FIXTURE_SREF, `${subjects} --sref 1234567890`],
    ['writes the project --sw', `${subjects} --sref 1234567890`, '1234567890 --sw 250', `${subjects} --sref 1234567890 --sw 250`],
    ['replaces an unreadable value', `${subjects} --sref watercolor --ar 2:3`, FIXTURE_SREF, `${subjects} --sref 1234567890 --ar 2:3`],
    ['collapses a repeated --sref into one', `${subjects} --sref 1234567890 --sref 1234567890`, FIXTURE_SREF, `${subjects} --sref 1234567890`],
    ['replaces a permuted --sref', `${subjects} --sref {1, 2}`, FIXTURE_SREF, `${subjects} --sref 1234567890`],
    ['keeps an equivalent reference untouched', `${subjects} --sref 1234567890::1 --sw 100`, FIXTURE_SREF, `${subjects} --sref 1234567890::1 --sw 100`],
    ['writes several weighted values', 'a fox --sref 1', '11 22::2 https://x.test/a.png', 'a fox --sref 11 22::2 https://x.test/a.png'],
  ])('%s', (_name, prompt, project, expected) => {
    expect(withStyleReference(prompt, reference(project))).toBe(expected);
  });
});

describe('repairSpecification', () => {
  const broken = (change: (batch: PermutationBatch, index: number) => PermutationBatch, spec = fixtureSpecification()): DatasetSpecification => ({
    ...spec,
    permutation_batches: spec.permutation_batches.map(change),
  });

  it.each<[string, DatasetSpecification]>([
    ['wrong image counts', broken((batch, index) => ({ ...batch, image_count: index === 2 ? 32 : batch.image_count }))],
    ['a missing --sref', broken((batch, index) => (index === 1 ? { ...batch, prompt: batch.prompt.replace(` --sref ${FIXTURE_SREF}`, '') } : batch))],
    ['a different --sref', broken((batch) => ({ ...batch, prompt: batch.prompt.replace(FIXTURE_SREF, '42') }))],
    ['a different sref_code', { ...fixtureSpecification(), sref_code: '42' }],
    ['duplicate batch numbers', broken((batch) => ({ ...batch, batch_number: 1 }))],
    ['priorities in capitals', broken((batch) => ({ ...batch, priority: batch.priority.toUpperCase() as Priority }))],
  ])('fixes %s so the spec validates', (_name, spec) => {
    expect(validateSpecification(spec, context).valid).toBe(false);
    const repaired = repairSpecification(spec, context);
    expect(validateSpecification(repaired, context)).toEqual({ valid: true, errors: [], warnings: [] });
  });

  it('renumbers 1..n in list order only when numbers repeat', () => {
    const repeated = broken((batch, index) => ({ ...batch, batch_number: index < 2 ? 7 : batch.batch_number }));
    expect(repairSpecification(repeated, context).permutation_batches.map((batch) => batch.batch_number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const gaps = broken((batch, index) => ({ ...batch, batch_number: (index + 1) * 10 }));
    expect(repairSpecification(gaps, context).permutation_batches.map((batch) => batch.batch_number)).toEqual([10, 20, 30, 40, 50, 60, 70, 80]);
  });

  it('sets image_count to the real count even when it is not 40, leaving that error to the validator', () => {
    const spec = broken((batch, index) => (index === 0 ? { ...batch, prompt: `{a, b, c} --sref ${FIXTURE_SREF}` } : batch));
    const repaired = repairSpecification(spec, context);
    expect(repaired.permutation_batches[0]?.image_count).toBe(3);
    expect(validateSpecification(repaired, context).errors.map((issue) => issue.code)).toEqual(['job-count']);
  });

  it('recounts after replacing a permuted --sref', () => {
    const spec = broken((batch, index) => (index === 0 ? { ...batch, prompt: `{a, b, c, d, e, f, g, h} {1, 2, 3, 4, 5} --sref {1, 2}`, image_count: 80 } : batch));
    const repaired = repairSpecification(spec, context).permutation_batches[0];
    expect(repaired).toMatchObject({ prompt: `{a, b, c, d, e, f, g, h} {1, 2, 3, 4, 5} --sref ${FIXTURE_SREF}`, image_count: 40 });
  });

  it('leaves what needs judgement alone: a prompt with a syntax error, an unknown priority', () => {
    const spec = broken((batch, index) =>
      index === 0 ? { ...batch, prompt: `{a, b --sref ${FIXTURE_SREF}`, image_count: 40, priority: 'urgent' as Priority } : batch,
    );
    const repaired = repairSpecification(spec, context).permutation_batches[0];
    expect(repaired).toEqual(spec.permutation_batches[0]);
  });

  it('changes nothing without a valid project reference except counts, numbers and case', () => {
    const spec = { ...fixtureSpecification(), sref_code: '42' };
    const repaired = repairSpecification(spec, { srefCode: 'not a code' });
    expect(repaired.sref_code).toBe('42');
    expect(repaired.permutation_batches).toEqual(spec.permutation_batches);
  });

  it('is deterministic and does not modify its input', () => {
    const spec = broken((batch) => ({ ...batch, batch_number: 1, priority: 'High' as Priority, prompt: batch.prompt.replace(FIXTURE_SREF, '7') }));
    const copy = structuredClone(spec);
    const first = repairSpecification(spec, context);
    expect(repairSpecification(spec, context)).toEqual(first);
    expect(repairSpecification(first, context)).toEqual(first);
    expect(spec).toEqual(copy);
  });

  it('keeps a valid spec exactly as it was', () => {
    const spec = fixtureSpecification();
    expect(repairSpecification(spec, context)).toEqual(spec);
  });
});
