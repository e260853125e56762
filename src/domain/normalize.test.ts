import { describe, expect, it } from 'vitest';
import { foldPriority, normalizeSpecification, toSingleLine } from './normalize';
import { fixtureSpecification } from './spec-fixture.test-helpers';
import { DatasetSpecificationSchema, type DatasetSpecification, type SubjectShare } from './schema';

const withDistribution = (shares: SubjectShare[]): DatasetSpecification => {
  const spec = fixtureSpecification();
  return { ...spec, training_recommendations: { ...spec.training_recommendations, optimal_subject_distribution: shares } };
};
const percentages = (spec: DatasetSpecification) => spec.training_recommendations.optimal_subject_distribution.map((share) => share.percentage);

describe('normalizeSpecification', () => {
  it.each([
    ['fractions become percentages', [0.5, 0.3, 0.2], [50, 30, 20]],
    ['fractions that do not quite sum to 1', [0.333, 0.333, 0.333], [33.3, 33.3, 33.3]],
    ['a single fraction of 1', [1], [100]],
    ['percentages stay', [50, 30, 20], [50, 30, 20]],
    ['percentages are rounded to 0.1', [33.333, 33.333, 33.334], [33.3, 33.3, 33.3]],
    ['small percentages in a list that is not fractions stay', [0.5, 0.2, 99.3], [0.5, 0.2, 99.3]],
    ['tiny values that cannot be fractions of a whole stay', [0.1, 0.1], [0.1, 0.1]],
  ])('%s', (_name, input, expected) => {
    const spec = withDistribution(input.map((percentage, index) => ({ category: `c${index}`, percentage })));
    expect(percentages(normalizeSpecification(spec))).toEqual(expected);
  });

  it('converts palette shares given as fractions and leaves missing shares missing', () => {
    const spec = fixtureSpecification();
    const palette = [
      { hex: '#000000', name: 'black', share: 0.6 },
      { hex: '#FFFFFF', name: 'white', share: 0.4 },
      { hex: '#FF0000', name: 'red' },
    ];
    const normalized = normalizeSpecification({ ...spec, style_analysis: { ...spec.style_analysis, color_palette: palette } });
    expect(normalized.style_analysis.color_palette).toEqual([
      { hex: '#000000', name: 'black', share: 60 },
      { hex: '#FFFFFF', name: 'white', share: 40 },
      { hex: '#FF0000', name: 'red' },
    ]);
  });

  it('trims text and puts prompts on one line', () => {
    const spec = fixtureSpecification();
    const [first, ...rest] = spec.permutation_batches;
    const messy: DatasetSpecification = {
      ...spec,
      sref_code: ' 1234567890 ',
      style_analysis: { ...spec.style_analysis, primary_style: '  Flat colour ', best_subjects: [' foxes ', 'barns', 'kettles'] },
      permutation_batches: [{ ...first!, batch_name: ' Animals ', prompt: '{a, b}\n  {c, d}\r\n --sref 1234567890 ', notes: ' keep \n' }, ...rest],
      prompt_guidelines: { ...spec.prompt_guidelines, keep_simple: ' Simple. ', recommended_additions: [' plain background '] },
    };
    const normalized = normalizeSpecification(messy);
    expect(normalized.sref_code).toBe('1234567890');
    expect(normalized.style_analysis.primary_style).toBe('Flat colour');
    expect(normalized.style_analysis.best_subjects).toEqual(['foxes', 'barns', 'kettles']);
    expect(normalized.permutation_batches[0]).toMatchObject({ batch_name: 'Animals', prompt: '{a, b} {c, d} --sref 1234567890', notes: 'keep' });
    expect(normalized.prompt_guidelines).toMatchObject({ keep_simple: 'Simple.', recommended_additions: ['plain background'] });
  });

  it('is idempotent and keeps a valid spec valid', () => {
    const spec = withDistribution([{ category: 'a', percentage: 0.25 }, { category: 'b', percentage: 0.75 }]);
    const once = normalizeSpecification(spec);
    expect(normalizeSpecification(once)).toEqual(once);
    expect(DatasetSpecificationSchema.safeParse(once).success).toBe(true);
  });

  it('does not modify its input', () => {
    const spec = withDistribution([{ category: 'a', percentage: 0.5 }, { category: 'b', percentage: 0.5 }]);
    const copy = structuredClone(spec);
    normalizeSpecification(spec);
    expect(spec).toEqual(copy);
  });
});

describe('toSingleLine', () => {
  it.each([
    ['a\nb', 'a b'],
    ['a \r\n  b', 'a b'],
    ['  a  b  ', 'a  b'],
    ['a\n\n\nb\nc', 'a b c'],
  ])('%j -> %j', (input, expected) => {
    expect(toSingleLine(input)).toBe(expected);
  });
});

describe('foldPriority', () => {
  it.each([
    ['High', 'high'],
    [' LOW ', 'low'],
    ['medium', 'medium'],
    ['urgent', 'urgent'],
  ])('%j -> %j', (input, expected) => {
    expect(foldPriority(input)).toBe(expected);
  });
});
