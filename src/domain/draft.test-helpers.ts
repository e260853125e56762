/** A well-formed draft for tests; override fields to build adversarial ones. */
import {
  DRAFT_AVOID_SUBJECTS,
  DRAFT_BEST_SUBJECTS,
  DRAFT_GUIDELINE_ITEMS,
  DRAFT_KEY_CHARACTERISTICS,
  DRAFT_MODIFIERS_PER_BATCH,
  DRAFT_PALETTE_COLORS,
  DRAFT_SUBJECTS_PER_BATCH,
  type Draft,
} from './draft';

export function makeDraft(overrides: Partial<Draft> = {}, batchCount = 8): Draft {
  return {
    primary_style: 'soft watercolour illustration',
    era_influence: '1950s picture books',
    palette: ['#AA3322', '#2244AA', '#E0D8C0', '#335533', '#101010', '#F0F0F0']
      .slice(0, DRAFT_PALETTE_COLORS)
      .map((hex, i) => ({ hex, name: `colour ${i + 1}` })),
    key_characteristics: ['loose washes', 'visible paper grain', 'muted greens', 'ink outlines', 'soft edges'].slice(0, DRAFT_KEY_CHARACTERISTICS),
    best_subjects: ['a fox', 'a cottage', 'a teacup', 'a heron', 'a boat'].slice(0, DRAFT_BEST_SUBJECTS),
    avoid_subjects: ['crowds', 'text', 'logos'].slice(0, DRAFT_AVOID_SUBJECTS),
    keep_simple: 'One subject, plain background.',
    avoid_style_keywords: ['watercolour', 'illustration', 'vintage'].slice(0, DRAFT_GUIDELINE_ITEMS),
    recommended_additions: ['white background', 'centered', 'soft light'].slice(0, DRAFT_GUIDELINE_ITEMS),
    batches: Array.from({ length: batchCount }, (_, b) => ({
      batch_name: `Batch theme ${b + 1}`,
      category: b % 2 === 0 ? 'animals' : 'objects',
      priority: (['high', 'medium', 'low'] as const)[b % 3]!,
      subjects: Array.from({ length: DRAFT_SUBJECTS_PER_BATCH }, (_, s) => `subject ${b}-${s}`),
      modifiers: Array.from({ length: DRAFT_MODIFIERS_PER_BATCH }, (_, m) => `modifier ${b}-${m}`),
    })),
    ...overrides,
  };
}
