import { describe, expect, it } from 'vitest';
import { exportPromptList } from './prompt-list';
import { fixtureBatch, fixtureSpecification } from '../spec-fixture.test-helpers';

describe('exportPromptList', () => {
  it('writes one prompt per line in batch order', () => {
    const spec = fixtureSpecification();
    const lines = exportPromptList(spec).split('\n');
    expect(lines).toEqual([...spec.permutation_batches.map((batch) => batch.prompt), '']);
  });

  it('keeps each prompt on its own line even if it was typed on several', () => {
    const spec = { ...fixtureSpecification(), permutation_batches: [fixtureBatch(0, { prompt: '{a, b}\n{c, d}\r\n--sref 1' }), fixtureBatch(1, { prompt: 'x --sref 1' })] };
    expect(exportPromptList(spec)).toBe('{a, b} {c, d} --sref 1\nx --sref 1\n');
  });
});
