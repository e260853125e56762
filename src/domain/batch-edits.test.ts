import { describe, expect, it } from 'vitest';
import { addBatch, duplicateBatch, moveBatch, removeBatch, updateBatch } from './batch-edits';
import { fixtureSpecification } from './spec-fixture.test-helpers';

const numbers = (spec: ReturnType<typeof fixtureSpecification>) => spec.permutation_batches.map((batch) => batch.batch_number);

describe('batch edits', () => {
  it('adds a starter batch numbered after the highest, with the project sref', () => {
    const spec = fixtureSpecification();
    spec.permutation_batches[2]!.batch_number = 42;
    addBatch(spec, ' 777 ');
    expect(spec.permutation_batches.at(-1)).toMatchObject({ batch_number: 43, prompt: '{subject} --sref 777', image_count: 1 });
  });

  it('adds a placeholder sref when the project has none (the validator flags it)', () => {
    const spec = fixtureSpecification();
    addBatch(spec, '');
    expect(spec.permutation_batches.at(-1)?.prompt).toBe('{subject} --sref CODE');
  });

  it('duplicates right after the source, as an independent copy with a new number', () => {
    const spec = fixtureSpecification();
    duplicateBatch(spec, 0);
    expect(numbers(spec)).toEqual([1, 9, 2, 3, 4, 5, 6, 7, 8]);
    expect(spec.permutation_batches[1]?.batch_name).toBe(`${spec.permutation_batches[0]?.batch_name} (copy)`);
    updateBatch(spec, 1, { prompt: 'changed' });
    expect(spec.permutation_batches[0]?.prompt).not.toBe('changed');
  });

  it.each([
    [0, -1, [1, 2, 3]],
    [0, 1, [2, 1, 3]],
    [2, 1, [1, 2, 3]],
    [2, -1, [1, 3, 2]],
  ] as const)('moves batch %i by %i', (index, offset, expected) => {
    const spec = fixtureSpecification();
    spec.permutation_batches.splice(3);
    moveBatch(spec, index, offset);
    expect(numbers(spec)).toEqual(expected);
  });

  it('removes and updates only existing batches', () => {
    const spec = fixtureSpecification();
    updateBatch(spec, 99, { prompt: 'x' });
    removeBatch(spec, 0);
    expect(numbers(spec)).toEqual([2, 3, 4, 5, 6, 7, 8]);
  });
});
