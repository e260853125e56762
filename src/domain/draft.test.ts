import { describe, expect, it } from 'vitest';
import {
  CHARACTER_OVERRUN,
  DRAFT_MODIFIERS_PER_BATCH,
  DRAFT_SUBJECTS_PER_BATCH,
  DRAFT_TEXT_LIMITS,
  DRAFT_TEXT_PATTERN,
  draftGrammarSchema,
  draftStringLimits,
  parseDraft,
} from './draft';
import { makeDraft } from './draft.test-helpers';
import { JOBS_PER_BATCH } from './schema';

describe('draft schema', () => {
  it('splits 40 jobs into subjects x modifiers', () => {
    expect(DRAFT_SUBJECTS_PER_BATCH * DRAFT_MODIFIERS_PER_BATCH).toBe(JOBS_PER_BATCH);
  });

  it.each([
    ['a fox', true],
    ['x', true],
    ['1920s art deco | gold ~ teal!', true],
    ['[bracketed] (round) #hash', true],
    ['café crème, Ukiyo-e', true],
    ['emoji 🙂', true],
    ['', false],
    [' leading space', false],
    ['quote " inside', false],
    ['back\\slash', false],
    ['brace {x}', false],
    ['new\nline', false],
    ['tab\tinside', false],
    ['del \x7f', false],
  ])('draft text %j -> %s', (text, ok) => {
    expect(DRAFT_TEXT_PATTERN.test(text)).toBe(ok);
  });

  it('grammar schema has exact counts and patterns, and no length keywords', () => {
    const schema = draftGrammarSchema();
    const text = JSON.stringify(schema);
    expect(text).not.toMatch(/maxLength|minLength|\$schema/);
    expect(text).toContain(JSON.stringify(DRAFT_TEXT_PATTERN.source));
    const batches = (schema.properties as Record<string, Record<string, unknown>>).batches!;
    expect([batches.minItems, batches.maxItems]).toEqual([8, 10]);
    const batch = batches.items as { properties: Record<string, Record<string, unknown>>; additionalProperties: unknown };
    expect(batch.additionalProperties).toBe(false);
    expect([batch.properties.subjects!.minItems, batch.properties.subjects!.maxItems]).toEqual([8, 8]);
    expect([batch.properties.modifiers!.minItems, batch.properties.modifiers!.maxItems]).toEqual([5, 5]);
    expect(Object.keys(schema.properties as object)[0]).toBe('primary_style');
  });

  it('string limits name every bounded field once', () => {
    expect(draftStringLimits()).toEqual({
      primary_style: DRAFT_TEXT_LIMITS.style,
      era_influence: DRAFT_TEXT_LIMITS.style,
      name: DRAFT_TEXT_LIMITS.colorName,
      key_characteristics: DRAFT_TEXT_LIMITS.characteristic,
      best_subjects: DRAFT_TEXT_LIMITS.subject,
      avoid_subjects: DRAFT_TEXT_LIMITS.subject,
      keep_simple: DRAFT_TEXT_LIMITS.guideline,
      avoid_style_keywords: DRAFT_TEXT_LIMITS.keyword,
      recommended_additions: DRAFT_TEXT_LIMITS.keyword,
      batch_name: DRAFT_TEXT_LIMITS.batchName,
      category: DRAFT_TEXT_LIMITS.category,
      subjects: DRAFT_TEXT_LIMITS.subject,
      modifiers: DRAFT_TEXT_LIMITS.modifier,
    });
  });

  it('accepts a finished character past the limit, and nothing longer', () => {
    const atOverrun = makeDraft();
    atOverrun.batches[0]!.subjects[0] = 'x'.repeat(DRAFT_TEXT_LIMITS.subject - 1) + '🙂\uFFFD'; // limit + 2 UTF-16 units
    expect(parseDraft(JSON.stringify(atOverrun)).ok).toBe(true);
    const long = 'x'.repeat(DRAFT_TEXT_LIMITS.subject + CHARACTER_OVERRUN + 1);
    const draft = makeDraft();
    draft.batches[0]!.subjects[0] = long;
    const result = parseDraft(JSON.stringify(draft));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.join()).toMatch(/batches\.0\.subjects\.0/);
  });

  it('parses a valid draft', () => {
    const result = parseDraft(JSON.stringify(makeDraft()));
    expect(result.ok).toBe(true);
  });

  it.each([
    ['not JSON', '{"primary_style": "x"', /not JSON/],
    ['missing fields', '{}', /primary_style/],
    ['7 batches', JSON.stringify(makeDraft({}, 7)), /batches/],
    ['11 batches', JSON.stringify(makeDraft({}, 11)), /batches/],
    ['extra key', JSON.stringify({ ...makeDraft(), extra: 1 }), /extra|Unrecognized/i],
    ['bad colour', JSON.stringify(makeDraft({ palette: makeDraft().palette.map((c) => ({ ...c, hex: 'red' })) })), /palette\.0\.hex/],
  ])('reports %s', (_name, text, problem) => {
    const result = parseDraft(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.join('\n')).toMatch(problem);
  });
});
