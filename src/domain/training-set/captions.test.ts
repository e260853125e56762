import { describe, expect, it } from 'vitest';
import { AI_TOOLKIT_TRIGGER, DEFAULT_CAPTION_SETTINGS, applyReplacements, composeCaption, triggerWordProblem, type CaptionSettings } from './captions';

const settings = (overrides: Partial<CaptionSettings>): CaptionSettings => ({ ...DEFAULT_CAPTION_SETTINGS, triggerWord: 'pstr_style', ...overrides });

describe('composeCaption', () => {
  it.each<[string, Partial<CaptionSettings>, string, string]>([
    ['trigger, class and description', {}, 'fox resting in tall grass', 'pstr_style, style, fox resting in tall grass'],
    ['no class word', { classWord: '' }, 'fox resting in tall grass', 'pstr_style, fox resting in tall grass'],
    ['prefix and suffix', { prefix: 'a poster of', suffix: 'flat colours' }, 'owl at dusk', 'a poster of, pstr_style, style, owl at dusk, flat colours'],
    ['tidies stray separators and spaces', { prefix: ' , ', suffix: 'flat colours, ' }, '  owl   at dusk ,', 'pstr_style, style, owl at dusk, flat colours'],
    ['no description (unmatched image)', {}, '', 'pstr_style, style'],
    ['replacements on the description', { replacements: [{ find: 'Café', replace: 'cafe' }, { find: 'at dusk', replace: 'in the evening' }] }, 'corner café at dusk', 'pstr_style, style, corner cafe in the evening'],
  ])('%s', (_label, overrides, description, expected) => {
    expect(composeCaption(description, settings(overrides))).toBe(expected);
  });

  it('writes the ai-toolkit placeholder instead of the trigger word', () => {
    expect(composeCaption('heron crossing a river', settings({}), AI_TOOLKIT_TRIGGER)).toBe('[trigger], style, heron crossing a river');
  });
});

describe('applyReplacements', () => {
  it.each<[string, { find: string; replace: string }[], string]>([
    ['a fox and a Fox', [{ find: 'fox', replace: 'vixen' }], 'a vixen and a vixen'],
    ['cost $5 (approx.)', [{ find: '$5 (approx.)', replace: 'five dollars' }], 'cost five dollars'],
    ['keep $& literal', [{ find: 'keep', replace: '$&$&' }], '$&$& $& literal'],
    ['unchanged', [{ find: '', replace: 'x' }], 'unchanged'],
    ['in order: a -> b -> c', [{ find: 'a', replace: 'b' }, { find: 'b', replace: 'c' }], 'in order: c -> c -> c'],
  ])('%s', (text, rules, expected) => {
    expect(applyReplacements(text, rules)).toBe(expected);
  });
});

describe('triggerWordProblem', () => {
  it.each([
    ['pstr_style', null],
    ['mystyle-v1', null],
    ['', expect.stringContaining('Choose a trigger word')],
    ['my style', expect.stringContaining('single token')],
    ['x'.repeat(41), expect.stringContaining('40 characters')],
  ])('%j', (word, expected) => {
    expect(triggerWordProblem(word)).toEqual(expected);
  });
});
