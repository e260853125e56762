/** A long, valid draft (every list full, 10 batches, realistic phrases) as the grammar would see it. */
import { DRAFT_MODIFIERS_PER_BATCH, DRAFT_SUBJECTS_PER_BATCH, type Draft } from '../../../src/domain/draft';
import { makeDraft } from '../../../src/domain/draft.test-helpers';

const SUBJECTS = ['a lighthouse on a cliff', 'an old bicycle', 'a steaming teacup', 'a sleeping fox', 'a market stall', 'a paper boat', 'a spiral staircase', 'a heron'];
const MODIFIERS = ['at golden hour', 'in heavy rain', 'from a low angle', 'under neon lights', 'in thick fog'];

export function makeLongDraft(): Draft {
  const base = makeDraft({}, 10);
  return {
    ...base,
    primary_style: 'loose watercolour with ink lines',
    era_influence: 'mid-century picture books',
    batches: base.batches.map((batch, b) => ({
      ...batch,
      batch_name: `Everyday scenes, part ${b + 1}`,
      subjects: Array.from({ length: DRAFT_SUBJECTS_PER_BATCH }, (_, s) => `${SUBJECTS[s]!} ${b}`),
      modifiers: Array.from({ length: DRAFT_MODIFIERS_PER_BATCH }, (_, m) => MODIFIERS[m]!),
    })),
  };
}
