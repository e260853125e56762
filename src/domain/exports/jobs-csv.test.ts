import { describe, expect, it } from 'vitest';
import { exportJobsCsv, JOBS_CSV_HEADER } from './jobs-csv';
import { readCsv } from './csv.test-helpers';
import { expandPrompt } from '../permutations';
import { fixtureBatch, fixtureSpecification } from '../spec-fixture.test-helpers';
import type { DatasetSpecification, PermutationBatch } from '../schema';

const withBatches = (batches: PermutationBatch[]): DatasetSpecification => ({ ...fixtureSpecification(), permutation_batches: batches });

describe('exportJobsCsv', () => {
  it('writes one row per expanded job, in batch and Midjourney order', () => {
    const spec = fixtureSpecification();
    const rows = readCsv(exportJobsCsv(spec));
    expect(rows[0]).toEqual([...JOBS_CSV_HEADER]);
    expect(rows).toHaveLength(1 + 8 * 40);
    const expected = spec.permutation_batches.flatMap((batch) =>
      expandPrompt(batch.prompt).map((job, index) => [String(batch.batch_number), batch.batch_name, batch.category, batch.priority, String(index + 1), job]),
    );
    expect(rows.slice(1)).toEqual(expected);
  });

  it.each([
    ['commas', 'salt, pepper and more', 'salt, pepper and more'],
    ['quotes', 'the "best" fox', 'the "best" fox'],
    ['a line break', 'two\r\nlines', 'two\r\nlines'],
    ['a leading =', '=HYPERLINK("http://evil.test")', `'=HYPERLINK("http://evil.test")`],
    ['a leading +', '+1 fox', `'+1 fox`],
    ['a leading -', '-2+3', `'-2+3`],
    ['a leading @', '@SUM(A1)', `'@SUM(A1)`],
    ['a leading tab', '\tcmd', `'\tcmd`],
    ['an = later in the text', 'a=b', 'a=b'],
  ])('keeps a name with %s intact and safe', (_name, batchName, cell) => {
    const rows = readCsv(exportJobsCsv(withBatches([fixtureBatch(0, { batch_name: batchName })])));
    expect(rows).toHaveLength(41);
    for (const row of rows.slice(1)) expect(row[1]).toBe(cell);
  });

  it('guards prompts and categories too', () => {
    const rows = readCsv(exportJobsCsv(withBatches([fixtureBatch(0, { category: '=cmd', prompt: '-{a, b} --sref 1234567890' })])));
    expect(rows.slice(1).map((row) => [row[2], row[5]])).toEqual([
      [`'=cmd`, `'-a --sref 1234567890`],
      [`'=cmd`, `'-b --sref 1234567890`],
    ]);
  });

  it('writes expanded escapes as plain commas, quoted', () => {
    const csv = exportJobsCsv(withBatches([fixtureBatch(0, { prompt: '{salt\\, pepper, sugar} --sref 1234567890' })]));
    expect(csv).toContain(',"salt, pepper --sref 1234567890"\r\n');
    expect(readCsv(csv).slice(1).map((row) => row[5])).toEqual(['salt, pepper --sref 1234567890', 'sugar --sref 1234567890']);
  });

  it('keeps a batch whose prompt does not parse as one row with an empty job number', () => {
    const rows = readCsv(exportJobsCsv(withBatches([fixtureBatch(0, { prompt: '{a, b --sref 1' }), fixtureBatch(1, { prompt: '{x, y} --sref 1' })])));
    expect(rows.slice(1)).toEqual([
      ['1', 'Batch animals', 'animals', 'high', '', '{a, b --sref 1'],
      ['2', 'Batch buildings', 'buildings', 'high', '1', 'x --sref 1'],
      ['2', 'Batch buildings', 'buildings', 'high', '2', 'y --sref 1'],
    ]);
  });
});
