import { describe, expect, it } from 'vitest';
import { DRAFT_MODIFIERS_PER_BATCH, DRAFT_SUBJECTS_PER_BATCH } from '../../domain/draft';
import { buildDraftInstructions, buildDraftMessages } from './prompt';
import { maxPixelsPerImage, visualTokensPerImage } from './visual-budget';

describe('visual token budget', () => {
  it.each([
    [1, 256],
    [3, 256],
    [4, 256],
    [5, 204],
    [10, 102],
  ])('%i images -> %i tokens each', (count, tokens) => {
    expect(visualTokensPerImage(count)).toBe(tokens);
    expect(count * visualTokensPerImage(count)).toBeLessThanOrEqual(1024);
  });

  it('never exceeds the model own pixel limit', () => {
    expect(maxPixelsPerImage(3, 12_845_056)).toBe(256 * 784);
    expect(maxPixelsPerImage(3, 112 * 112)).toBe(112 * 112);
  });

  it('refuses zero images', () => {
    expect(() => visualTokensPerImage(0)).toThrow();
  });
});

describe('draft messages', () => {
  it('puts one image block per image before the instructions', () => {
    const messages = buildDraftMessages(4);
    expect(messages[0]).toMatchObject({ role: 'system' });
    const user = messages[1];
    if (user?.role !== 'user') throw new Error('expected a user turn');
    expect(user.content.map((block) => block.type)).toEqual(['image', 'image', 'image', 'image', 'text']);
  });

  it('states the counts the grammar will enforce', () => {
    const text = buildDraftInstructions(3);
    expect(text).toContain(`exactly ${DRAFT_SUBJECTS_PER_BATCH} different short subjects`);
    expect(text).toContain(`exactly ${DRAFT_MODIFIERS_PER_BATCH} different modifiers`);
    expect(text).toContain('8 to 10 batches');
  });
});
