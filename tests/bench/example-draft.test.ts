import { describe, expect, it } from 'vitest';
import { createExampleDraft } from '../../bench/support/example-draft';
import { parseDraft } from '../../src/domain/draft';

describe('the example draft', () => {
  it('is a complete 8-batch draft that fits the schema, with the example\'s real subjects', () => {
    const draft = createExampleDraft();
    expect(draft.batches).toHaveLength(8);
    expect(parseDraft(JSON.stringify(draft)).ok).toBe(true);
    expect(draft.batches[0]!.subjects[0]).toBe('lighthouse');
  });
});
