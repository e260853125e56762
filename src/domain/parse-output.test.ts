import { describe, expect, it } from 'vitest';
import { parseSpecificationText } from './parse-output';
import { fixtureSpecification } from './spec-fixture.test-helpers';

const spec = fixtureSpecification();
const json = JSON.stringify(spec);
const pretty = JSON.stringify(spec, null, 2);

describe('parseSpecificationText finds the JSON', () => {
  it.each([
    ['plain JSON', json],
    ['pretty JSON with surrounding whitespace', `\n\n${pretty}\n`],
    ['a ```json fence', '```json\n' + pretty + '\n```'],
    ['a bare ``` fence with prose around', 'Here is the specification:\n```\n' + pretty + '\n```\nLet me know if you need changes.'],
    ['JSON surrounded by prose', `Sure! ${json} Hope this helps {not json}.`],
    ['prose with braces before the JSON', `Use {a, b} permutations. ${json}`],
    ['braces inside strings do not confuse the scan', `Result: ${JSON.stringify({ ...spec, prompt_guidelines: { ...spec.prompt_guidelines, keep_simple: 'Use } and { carefully, "quoted" too.' } })}`],
  ])('%s', (_name, text) => {
    const result = parseSpecificationText(text);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.spec.permutation_batches).toEqual(spec.permutation_batches);
  });

  it.each([
    ['no JSON at all', 'I cannot analyse these images.', ['The response contains no JSON object.']],
    ['an empty response', '', ['The response contains no JSON object.']],
    ['a JSON array', '[1, 2, 3]', ['The response contains no JSON object.']],
  ])('reports %s', (_name, text, problems) => {
    expect(parseSpecificationText(text)).toEqual({ ok: false, problems });
  });

  it('reports JSON cut short', () => {
    const result = parseSpecificationText(pretty.slice(0, 500));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problems).toHaveLength(1);
      expect(result.problems[0]).toMatch(/^The JSON is malformed \(.+\); it may have been cut short\.$/);
    }
  });
});

describe('parseSpecificationText checks the schema', () => {
  const mutate = (change: (value: Record<string, any>) => void) => {
    const value = structuredClone(spec) as Record<string, any>;
    change(value);
    return JSON.stringify(value);
  };

  it.each([
    ['a priority outside the enum', (v: Record<string, any>) => { v.permutation_batches[3].priority = 'urgent'; }, ['permutation_batches[3].priority: expected one of high|medium|low']],
    ['a missing field', (v: Record<string, any>) => { delete v.style_analysis.primary_style; }, ['style_analysis.primary_style: is missing']],
    ['a string where a number belongs', (v: Record<string, any>) => { v.permutation_batches[0].image_count = 'forty'; }, ['permutation_batches[0].image_count: expected a number, got a string']],
    ['a fraction where a whole number belongs', (v: Record<string, any>) => { v.training_recommendations.recommended_dataset_size = 60.5; }, ['training_recommendations.recommended_dataset_size: expected a whole number, got 60.5']],
    ['an empty name', (v: Record<string, any>) => { v.permutation_batches[1].batch_name = '   '; }, ['permutation_batches[1].batch_name: must not be empty']],
    ['a bad colour', (v: Record<string, any>) => { v.style_analysis.color_palette[0].hex = 'teal'; }, ['style_analysis.color_palette[0].hex: has the wrong format']],
    // Too few characteristics or subjects are topped up from the spec itself (spec-input.ts); nothing can stand in for an empty avoid list.
    ['too few subjects to avoid', (v: Record<string, any>) => { v.style_analysis.avoid_subjects = []; }, ['style_analysis.avoid_subjects: must have at least 1 item']],
    ['a number out of range', (v: Record<string, any>) => { v.training_recommendations.recommended_dataset_size = 5; }, ['training_recommendations.recommended_dataset_size: must be at least 10']],
    ['a list where an object belongs', (v: Record<string, any>) => { v.prompt_guidelines = []; }, ['prompt_guidelines: expected an object, got a list']],
    [
      'several problems at once',
      (v: Record<string, any>) => {
        v.sref_code = true;
        v.permutation_batches[0].priority = 'top';
      },
      ['sref_code: expected a string, got a boolean', 'permutation_batches[0].priority: expected one of high|medium|low'],
    ],
  ])('reports %s as a readable line', (_name, change, problems) => {
    expect(parseSpecificationText(mutate(change))).toEqual({ ok: false, problems });
  });

  it('accepts capitalised priorities, as models often write them', () => {
    const result = parseSpecificationText(mutate((v) => { v.permutation_batches[0].priority = 'High'; v.permutation_batches[1].priority = ' LOW'; }));
    expect(result.ok && result.spec.permutation_batches.slice(0, 2).map((batch) => batch.priority)).toEqual(['high', 'low']);
  });

  it('normalises what it returns: fractions become percentages, text is trimmed', () => {
    const result = parseSpecificationText(
      mutate((v) => {
        v.training_recommendations.optimal_subject_distribution = [{ category: ' animals ', percentage: 0.7 }, { category: 'objects', percentage: 0.3 }];
        v.permutation_batches[0].prompt = `  ${v.permutation_batches[0].prompt}\n`;
      }),
    );
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.spec.training_recommendations.optimal_subject_distribution).toEqual([{ category: 'animals', percentage: 70 }, { category: 'objects', percentage: 30 }]);
      expect(result.spec.permutation_batches[0]?.prompt).toBe(spec.permutation_batches[0]?.prompt);
    }
  });

  it('drops unknown fields the model adds', () => {
    const result = parseSpecificationText(mutate((v) => { v.confidence = 0.9; v.permutation_batches[0].mood = 'calm'; }));
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.spec).not.toHaveProperty('confidence');
      expect(result.spec.permutation_batches[0]).not.toHaveProperty('mood');
    }
  });
});
