/**
 * A realistic complete draft: the bundled example specification (src/domain/example-spec.ts,
 * written by hand: 8 batches of real subjects and settings) turned back into the draft the model
 * would have written for it, strings cut to the decoder's limits. Checked against the draft schema.
 */
import {
  DRAFT_AVOID_SUBJECTS,
  DRAFT_BEST_SUBJECTS,
  DRAFT_GUIDELINE_ITEMS,
  DRAFT_KEY_CHARACTERISTICS,
  DRAFT_MODIFIERS_PER_BATCH,
  DRAFT_PALETTE_COLORS,
  DRAFT_SUBJECTS_PER_BATCH,
  DRAFT_TEXT_LIMITS,
  parseDraft,
  type Draft,
} from '../../src/domain/draft';
import { EXAMPLE_SPEC } from '../../src/domain/example-spec';
import { BenchHarnessError } from '../harness/figure';

const cut = (text: string, limit: number) => text.slice(0, limit).trimEnd();

/** The two `{a, b, ...}` groups of a batch prompt: subjects, then settings. */
function groups(prompt: string): string[][] {
  return [...prompt.matchAll(/\{([^}]*)\}/g)].map((match) => match[1]!.split(',').map((part) => part.trim()));
}

export function createExampleDraft(): Draft {
  const { style_analysis: style, prompt_guidelines: guidelines, permutation_batches: batches } = EXAMPLE_SPEC;
  const limits = DRAFT_TEXT_LIMITS;
  const draft: Draft = {
    primary_style: cut(style.primary_style, limits.style),
    era_influence: cut(style.era_influence, limits.style),
    palette: style.color_palette.slice(0, DRAFT_PALETTE_COLORS).map((color) => ({ hex: color.hex, name: cut(color.name, limits.colorName) })),
    key_characteristics: style.key_characteristics.slice(0, DRAFT_KEY_CHARACTERISTICS).map((text) => cut(text, limits.characteristic)),
    best_subjects: style.best_subjects.slice(0, DRAFT_BEST_SUBJECTS).map((text) => cut(text, limits.subject)),
    avoid_subjects: style.avoid_subjects.slice(0, DRAFT_AVOID_SUBJECTS).map((text) => cut(text, limits.subject)),
    keep_simple: cut(guidelines.keep_simple, limits.guideline),
    avoid_style_keywords: guidelines.avoid_style_keywords.slice(0, DRAFT_GUIDELINE_ITEMS).map((text) => cut(text, limits.keyword)),
    recommended_additions: guidelines.recommended_additions.slice(0, DRAFT_GUIDELINE_ITEMS).map((text) => cut(text, limits.keyword)),
    batches: batches.map((batch) => {
      const [subjects = [], modifiers = []] = groups(batch.prompt);
      return {
        batch_name: cut(batch.batch_name, limits.batchName),
        category: cut(batch.category, limits.category),
        priority: batch.priority,
        subjects: subjects.slice(0, DRAFT_SUBJECTS_PER_BATCH).map((text) => cut(text, limits.subject)),
        modifiers: modifiers.slice(0, DRAFT_MODIFIERS_PER_BATCH).map((text) => cut(text, limits.modifier)),
      };
    }),
  };
  const parsed = parseDraft(JSON.stringify(draft));
  if (!parsed.ok) throw new BenchHarnessError(`The example draft does not fit the draft schema: ${parsed.problems.join('; ')}`);
  return draft;
}
