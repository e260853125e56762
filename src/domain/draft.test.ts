import { describe, expect, it } from 'vitest';
import {
  boundedTextPattern,
  DRAFT_MODIFIERS_PER_BATCH,
  DRAFT_SUBJECTS_PER_BATCH,
  draftJsonSchema,
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
    ['1234567890', true],
    ['12345678901', false],
    ['', false],
    [' leading space', false],
    ['quote " inside', false],
    ['back\\slash', false],
    ['brace {x}', false],
    ['new\nline', false],
    ['tab\tinside', false],
    ['café, crè', true],
    ['café, crème', false],
  ])('bounded text (max 10) %j -> %s', (text, ok) => {
    expect(boundedTextPattern(10).test(text)).toBe(ok);
  });

  it('JSON Schema carries exact counts and patterns, never length keywords', () => {
    const schema = draftJsonSchema();
    const text = JSON.stringify(schema);
    expect(text).not.toMatch(/maxLength|minLength|\$schema/);
    const batches = (schema.properties as Record<string, Record<string, unknown>>).batches!;
    expect([batches.minItems, batches.maxItems]).toEqual([8, 10]);
    const batch = (batches.items as { properties: Record<string, Record<string, unknown>>; additionalProperties: unknown });
    expect(batch.additionalProperties).toBe(false);
    expect([batch.properties.subjects!.minItems, batch.properties.subjects!.maxItems]).toEqual([8, 8]);
    expect([batch.properties.modifiers!.minItems, batch.properties.modifiers!.maxItems]).toEqual([5, 5]);
    expect(Object.keys(schema.properties as object)[0]).toBe('primary_style');
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
