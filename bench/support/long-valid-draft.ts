/**
 * A long realistic draft: 10 batches, every list full, every string filled with English words
 * to about 90% of its length limit (DRAFT_TEXT_LIMITS). Not to the limit itself: the decoder
 * keeps some room in reserve (string-limits.ts), and the replay must only feed documents the
 * decoder could have written. Checked against the draft schema.
 */
import { DRAFT_MODIFIERS_PER_BATCH, DRAFT_SUBJECTS_PER_BATCH, DRAFT_TEXT_LIMITS, parseDraft, type Draft } from '../../src/domain/draft';
import { makeDraft } from '../../src/domain/draft.test-helpers';
import { MAX_BATCHES } from '../../src/domain/schema';
import { BenchHarnessError } from '../harness/figure';

const WORDS = (
  'quiet harbour lantern morning amber meadow copper window gentle river paper garden silver ' +
  'evening orchard stone bridge velvet shadow cedar market linen harvest marble tower willow'
).split(' ');

/** Words from `offset` on, as many as fit in 90% of `limit` characters. */
function phrase(offset: number, limit: number): string {
  const room = Math.floor(limit * 0.9);
  let text = '';
  for (let i = 0; ; i += 1) {
    const word = WORDS[(offset + i * 7) % WORDS.length]!;
    const next = text === '' ? word : `${text} ${word}`;
    if (next.length > room) return text;
    text = next;
  }
}

export function createLongValidDraft(): Draft {
  const base = makeDraft({}, MAX_BATCHES);
  const limits = DRAFT_TEXT_LIMITS;
  const draft: Draft = {
    ...base,
    primary_style: phrase(0, limits.style),
    era_influence: phrase(1, limits.style),
    palette: base.palette.map((color, i) => ({ ...color, name: phrase(i + 2, limits.colorName) })),
    key_characteristics: base.key_characteristics.map((_, i) => phrase(i + 3, limits.characteristic)),
    best_subjects: base.best_subjects.map((_, i) => phrase(i + 4, limits.subject)),
    avoid_subjects: base.avoid_subjects.map((_, i) => phrase(i + 5, limits.subject)),
    keep_simple: phrase(6, limits.guideline),
    avoid_style_keywords: base.avoid_style_keywords.map((_, i) => phrase(i + 7, limits.keyword)),
    recommended_additions: base.recommended_additions.map((_, i) => phrase(i + 8, limits.keyword)),
    batches: base.batches.map((batch, b) => ({
      ...batch,
      batch_name: phrase(b + 9, limits.batchName),
      category: phrase(b + 10, limits.category),
      subjects: Array.from({ length: DRAFT_SUBJECTS_PER_BATCH }, (_, s) => phrase(b * 8 + s, limits.subject)),
      modifiers: Array.from({ length: DRAFT_MODIFIERS_PER_BATCH }, (_, m) => phrase(b * 5 + m + 3, limits.modifier)),
    })),
  };
  const parsed = parseDraft(JSON.stringify(draft));
  if (!parsed.ok) throw new BenchHarnessError(`The benchmark draft is not a valid draft: ${parsed.problems.join('; ')}`);
  return draft;
}
