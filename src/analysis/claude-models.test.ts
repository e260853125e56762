import { describe, expect, it } from 'vitest';
import { DEFAULT_CLAUDE_MODEL } from '../domain/settings';
import { CLAUDE_MODELS, modelRetirementNotice } from './claude-models';

describe('CLAUDE_MODELS', () => {
  it('offers the default model first and unique ids', () => {
    expect(CLAUDE_MODELS[0]!.id).toBe(DEFAULT_CLAUDE_MODEL);
    expect(new Set(CLAUDE_MODELS.map((model) => model.id)).size).toBe(CLAUDE_MODELS.length);
  });
});

describe('modelRetirementNotice', () => {
  const retiring = 'claude-sonnet-4-5-20250929';
  it.each([
    { id: retiring, now: '2026-09-01T12:00:00Z', level: null },
    { id: retiring, now: '2026-09-30T12:00:00Z', level: null },
    { id: retiring, now: '2026-10-05T12:00:00Z', level: 'retiring-soon' },
    { id: retiring, now: '2026-11-30T23:00:00Z', level: 'retiring-soon' },
    { id: retiring, now: '2026-12-01T00:00:01Z', level: 'retired' },
    { id: 'claude-sonnet-5-5', now: '2027-06-01T00:00:00Z', level: null },
    { id: 'my-custom-model', now: '2026-11-29T00:00:00Z', level: null },
  ])('$id on $now -> $level', ({ id, now, level }) => {
    const notice = modelRetirementNotice(id, new Date(now));
    expect(notice?.level ?? null).toBe(level);
    if (notice) {
      expect(notice.message).toContain('2026-11-30');
      expect(notice.replacementId).toBe(DEFAULT_CLAUDE_MODEL);
    }
  });
});
