import { describe, expect, it } from 'vitest';
import { originalAppSpecification } from '../../e2e/fixtures/original-app-spec';
import { normalizeSpecificationInput } from './spec-input';
import { readColourText, readNumber } from './spec-input-values';
import { parseSpecificationValue } from './parse-output';
import { fixtureSpecification } from './spec-fixture.test-helpers';
import { createSeededRandom } from './palette/seeded-random';
import { MIN_BEST_SUBJECTS, MIN_KEY_CHARACTERISTICS, type DatasetSpecification } from './schema';
import { validateSpecification } from './validate';

const parsed = (value: unknown) => {
  const result = parseSpecificationValue(value);
  if (!result.ok) throw new Error(`expected a spec, got: ${result.problems.join('; ')}`);
  return result;
};
const clone = <T>(value: T): T => structuredClone(value);

describe('the original desktop app’s shape', () => {
  it.each(['fractions', 'percent-text'] as const)('is accepted with shares as %s and passes every product rule', (shares) => {
    const original = originalAppSpecification('2468013579', shares);
    const { spec, changes } = parsed(original);

    expect(spec.style_analysis.color_palette.map((colour) => colour.hex)).toEqual(original.style_analysis.color_palette);
    for (const colour of spec.style_analysis.color_palette) expect(colour.name).toMatch(/[a-z]/);
    expect(spec.training_recommendations.optimal_subject_distribution).toEqual(
      Object.keys(original.training_recommendations.optimal_subject_distribution).map((category, index) => ({
        category,
        percentage: [20, 20, 20, 10, 10, 10, 5, 5][index],
      })),
    );
    expect(spec.prompt_guidelines.keep_simple).toMatch(/^Keep prompts simple/);
    expect(spec.permutation_batches.map((batch) => batch.prompt)).toEqual(original.permutation_batches.map((batch) => batch.prompt));
    expect(spec.permutation_batches[1]!.notes).toBe('');
    // Two-item lists are topped up from the spec's own content, and say so.
    expect(spec.style_analysis.key_characteristics).toHaveLength(MIN_KEY_CHARACTERISTICS);
    expect(spec.style_analysis.key_characteristics.slice(0, 2)).toEqual(original.style_analysis.key_characteristics);
    expect(spec.style_analysis.key_characteristics[2]).toMatch(/^palette of /);
    expect(spec.style_analysis.best_subjects).toEqual(['harbours', 'animals', 'places']);
    expect(changes.join(' ')).toMatch(/palette colours were given as a bare hex code/);
    expect(changes.join(' ')).toMatch(/best_subjects had 2; added from the spec's own analysis: “places”/);

    expect(validateSpecification(spec, { srefCode: '2468013579' }).errors).toEqual([]);
  });

  it('keeps a name written beside the hex code instead of measuring one', () => {
    const original = originalAppSpecification('1');
    original.style_analysis.color_palette = ['navy blue (#1e3a8a)', '#FFF: paper white', '#3B82F6'];
    expect(parsed(original).spec.style_analysis.color_palette.map(({ hex, name }) => `${hex} ${name}`)).toEqual([
      '#1E3A8A navy blue',
      '#FFFFFF paper white',
      expect.stringMatching(/^#3B82F6 [a-z ]+$/),
    ]);
  });

  it('says what the original shape could not give when the spec holds nothing to derive it from', () => {
    const original = originalAppSpecification('1');
    original.style_analysis.avoid_subjects = [];
    const result = parseSpecificationValue(original);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems).toEqual(['style_analysis.avoid_subjects: must have at least 1 item']);
  });
});

describe('other plausible variants', () => {
  const base = () => fixtureSpecification() as unknown as Record<string, any>;
  it.each<[string, (spec: Record<string, any>) => void, (spec: DatasetSpecification) => void]>([
    ['sref_code as a number', (spec) => (spec.sref_code = 1234567890), (spec) => expect(spec.sref_code).toBe('1234567890')],
    ['numbers as text', (spec) => {
      spec.training_recommendations.recommended_dataset_size = '1,200 images';
      spec.permutation_batches[0].batch_number = '1';
      spec.permutation_batches[0].image_count = '40';
    }, (spec) => {
      expect(spec.training_recommendations.recommended_dataset_size).toBe(1200);
      expect(spec.permutation_batches[0]).toMatchObject({ batch_number: 1, image_count: 40 });
    }],
    ['priorities in capitals', (spec) => (spec.permutation_batches[0].priority = 'HIGH'), (spec) => expect(spec.permutation_batches[0]!.priority).toBe('high')],
    ['palette entries as {color, percentage}', (spec) => {
      spec.style_analysis.color_palette = [{ color: '#1d2b4f', percentage: '60%' }, { colour: '#F07860', name: 'coral', coverage: 40 }];
    }, (spec) => expect(spec.style_analysis.color_palette).toEqual([
      { hex: '#1D2B4F', name: expect.stringMatching(/navy/), share: 60 },
      { hex: '#F07860', name: 'coral', share: 40 },
    ])],
    ['distribution entries as text', (spec) => {
      spec.training_recommendations.optimal_subject_distribution = ['animals: 60%', '40% buildings'];
    }, (spec) => expect(spec.training_recommendations.optimal_subject_distribution).toEqual([
      { category: 'animals', percentage: 60 },
      { category: 'buildings', percentage: 40 },
    ])],
    ['distribution entries as {name, share} fractions', (spec) => {
      spec.training_recommendations.optimal_subject_distribution = [{ name: 'animals', share: 0.75 }, { name: 'buildings', share: 0.25 }];
    }, (spec) => expect(spec.training_recommendations.optimal_subject_distribution).toEqual([
      { category: 'animals', percentage: 75 },
      { category: 'buildings', percentage: 25 },
    ])],
    ['phrase lists as one text', (spec) => {
      spec.style_analysis.key_characteristics = '- flat shapes\n- soft grain\n- limited palette';
      spec.prompt_guidelines.avoid_style_keywords = 'gouache, poster; vintage';
    }, (spec) => {
      expect(spec.style_analysis.key_characteristics).toEqual(['flat shapes', 'soft grain', 'limited palette']);
      expect(spec.prompt_guidelines.avoid_style_keywords).toEqual(['gouache', 'poster', 'vintage']);
    }],
    ['keep_simple false and missing notes', (spec) => {
      spec.prompt_guidelines.keep_simple = false;
      delete spec.permutation_batches[2].notes;
    }, (spec) => {
      expect(spec.prompt_guidelines.keep_simple).toMatch(/more detailed/);
      expect(spec.permutation_batches[2]!.notes).toBe('');
    }],
  ])('%s', (_name, vary, check) => {
    const spec = base();
    vary(spec);
    const result = parsed(spec);
    check(result.spec);
    expect(result.spec.permutation_batches.map((batch) => batch.prompt)).toEqual(fixtureSpecification().permutation_batches.map((batch) => batch.prompt));
  });

  it('does not guess: a colour without a code, a category without a share and an unknown wrapper stay refused', () => {
    const spec = base();
    spec.style_analysis.color_palette = ['navy blue'];
    spec.training_recommendations.optimal_subject_distribution = ['animals'];
    const result = parseSpecificationValue(spec);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problems).toContain('style_analysis.color_palette[0]: expected an object, got a string');
      expect(result.problems).toContain('training_recommendations.optimal_subject_distribution[0]: expected an object, got a string');
    }
    expect(parseSpecificationValue({ result: fixtureSpecification(), extra: 1 }).ok).toBe(false);
  });

  it('does not take hex letters out of a word', () => {
    expect(readColourText('facade')).toBeNull();
    expect(readColourText('a #abcdef1 code')).toBeNull();
    expect(readColourText('#abc')).toEqual({ hex: '#AABBCC', name: null });
    expect(readColourText('e13a8a')).toEqual({ hex: '#E13A8A', name: null });
    expect(readColourText('FFFFFF')).toEqual({ hex: '#FFFFFF', name: null });
  });

  it.each([
    ['40', 40], ['30%', 30], [' 0.25 ', 0.25], ['1,200 images', 1200], ['.5', 0.5], ['12 - 20', '12 - 20'], ['many', 'many'], [7, 7], [null, null],
  ])('readNumber(%j) = %j', (input, expected) => {
    expect(readNumber(input)).toEqual(expected);
  });
});

describe('invariants over random mixtures of shapes', () => {
  /** Rewrites a valid spec in a random mixture of the accepted shapes, keeping its content. */
  function rewriteRandomly(spec: DatasetSpecification, random: () => number): unknown {
    const pick = () => random() < 0.5;
    const copy = clone(spec) as unknown as Record<string, any>;
    const analysis = copy.style_analysis;
    if (pick()) analysis.color_palette = spec.style_analysis.color_palette.map((colour) => (colour.share === undefined && pick() ? `${colour.name} (${colour.hex.toLowerCase()})` : { color: colour.hex, name: colour.name, percentage: colour.share }));
    const shares = spec.training_recommendations.optimal_subject_distribution;
    const mode = Math.floor(random() * 4);
    if (mode === 1) copy.training_recommendations.optimal_subject_distribution = Object.fromEntries(shares.map((share) => [share.category, share.percentage / 100]));
    if (mode === 2) copy.training_recommendations.optimal_subject_distribution = Object.fromEntries(shares.map((share) => [share.category, `${share.percentage}%`]));
    if (mode === 3) copy.training_recommendations.optimal_subject_distribution = shares.map((share) => `${share.category}: ${share.percentage}%`);
    if (pick()) copy.training_recommendations.recommended_dataset_size = `${spec.training_recommendations.recommended_dataset_size}`;
    for (const batch of copy.permutation_batches) {
      if (pick()) batch.priority = batch.priority.toUpperCase();
      if (pick()) batch.image_count = String(batch.image_count);
      if (batch.notes === '' && pick()) delete batch.notes;
    }
    if (pick()) analysis.best_subjects = analysis.best_subjects.join('; ');
    if (pick()) copy.prompt_guidelines.avoid_style_keywords = copy.prompt_guidelines.avoid_style_keywords.join(', ');
    if (pick()) copy.sref_code = Number(copy.sref_code);
    return pick() ? { specification: copy } : copy;
  }

  it('reads back the same specification from every mixture, and reading is idempotent', () => {
    const random = createSeededRandom(11);
    for (let round = 0; round < 300; round += 1) {
      const spec = fixtureSpecification(8 + (round % 3));
      // Colours written as text carry no share, so half the rounds use a palette without shares.
      if (round % 2 === 0) spec.style_analysis.color_palette = spec.style_analysis.color_palette.map(({ hex, name }) => ({ hex, name }));
      const written = rewriteRandomly(spec, random);
      const result = parsed(written);
      expect(result.spec).toEqual(spec);
      const again = normalizeSpecificationInput(result.spec);
      expect(again).toEqual({ value: result.spec, changes: [] });
    }
  });

  it('never changes our own shape and never modifies its input', () => {
    const spec = fixtureSpecification();
    const frozen = clone(spec);
    expect(normalizeSpecificationInput(spec)).toEqual({ value: spec, changes: [] });
    const original = originalAppSpecification('1');
    const originalCopy = clone(original);
    normalizeSpecificationInput(original);
    expect(spec).toEqual(frozen);
    expect(original).toEqual(originalCopy);
  });

  it('passes hostile values through for the schema to refuse, never throwing', () => {
    const random = createSeededRandom(5);
    const junk = [null, 0, -1, '', '%', [], {}, [null], { hex: 5 }, true, 'x'.repeat(3000), Number.NaN];
    const anyJunk = () => junk[Math.floor(random() * junk.length)];
    for (let round = 0; round < 300; round += 1) {
      const spec = clone(fixtureSpecification()) as unknown as Record<string, any>;
      const paths: Array<[Record<string, any>, string]> = [
        [spec, 'style_analysis'], [spec.style_analysis, 'color_palette'], [spec.style_analysis, 'best_subjects'],
        [spec.training_recommendations, 'optimal_subject_distribution'], [spec.prompt_guidelines, 'keep_simple'],
        [spec.permutation_batches, '0'], [spec.permutation_batches[1], 'priority'], [spec, 'training_recommendations'],
      ];
      const [target, key] = paths[Math.floor(random() * paths.length)]!;
      target[key] = anyJunk();
      expect(() => parseSpecificationValue(spec)).not.toThrow();
    }
    for (const value of junk) expect(parseSpecificationValue(value).ok).toBe(false);
  });

  it('pads a short list only up to the minimum, from the spec, and never beyond what it holds', () => {
    const spec = clone(fixtureSpecification()) as unknown as Record<string, any>;
    spec.style_analysis.best_subjects = ['animals'];
    spec.style_analysis.key_characteristics = [];
    const { spec: read } = parsed(spec);
    expect(read.style_analysis.best_subjects).toEqual(['animals', 'buildings', 'objects'].slice(0, MIN_BEST_SUBJECTS));
    expect(read.style_analysis.key_characteristics).toEqual(['palette of deep navy, warm coral and sand', 'Flat colour gouache', 'draws on Mid-century picture books']);
  });
});
