import { describe, expect, it } from 'vitest';
import { EXAMPLE_SPEC } from '../example-spec';
import { DEFAULT_CAPTION_SETTINGS } from './captions';
import { checkTrainingSet, findNearDuplicates } from './check-training-set';
import type { TrainingImage } from './training-image';
import { listTrainingJobs } from './training-jobs';

const { jobs } = listTrainingJobs(EXAMPLE_SPEC);
const captions = { ...DEFAULT_CAPTION_SETTINGS, triggerWord: 'pstr_style' };
let counter = 0;

/** A distinct image assigned to the n-th job of a batch (hashes differ in many bits). */
function image(batchNumber: number | null, overrides: Partial<TrainingImage> = {}): TrainingImage {
  counter += 1;
  const job = batchNumber === null ? null : jobs.find((candidate) => candidate.batchNumber === batchNumber && candidate.jobIndex === counter % 40)!;
  const dHash = (BigInt(counter) * 0x9e3779b97f4a7c15n & 0xffffffffffffffffn).toString(16).padStart(16, '0');
  return { id: `img-${counter}`, fileName: `${counter}.png`, type: 'image/png', size: 1000, width: 1024, height: 1024, dHash, jobKey: job?.key ?? null, assignedBy: job ? 'file-name' : null, description: null, addedAt: counter, ...overrides };
}

/** The example's plan: 60 images; nature 25%, architecture 25% (2 batches each)... */
function planFollowingSet(): TrainingImage[] {
  const perBatch: Record<number, number> = { 1: 8, 2: 9, 3: 9, 4: 6, 5: 3, 6: 3, 7: 15, 8: 7 };
  return Object.entries(perBatch).flatMap(([batch, count]) => Array.from({ length: count }, () => image(Number(batch))));
}

describe('checkTrainingSet', () => {
  it('passes a set that follows the plan', () => {
    const report = checkTrainingSet({ spec: EXAMPLE_SPEC, jobs, images: planFollowingSet(), captions });
    expect(report.issues).toEqual([]);
    expect(report.canExport).toBe(true);
    expect(report.total).toBe(60);
    expect(report.batches.map((batch) => [batch.batchNumber, batch.planned, batch.actual, batch.status])).toEqual([
      [1, 8, 8, 'ok'],
      [2, 9, 9, 'ok'],
      [3, 9, 9, 'ok'],
      [4, 6, 6, 'ok'],
      [5, 3, 3, 'ok'],
      [6, 3, 3, 'ok'],
      [7, 15, 15, 'ok'],
      [8, 8, 7, 'ok'],
    ]);
    expect(report.categories.find((entry) => entry.category === 'nature')).toMatchObject({ recommendedPercent: 25, actual: 15, actualPercent: 25, status: 'ok' });
  });

  it('reports short batches, off categories, small images, duplicates and missing captions', () => {
    const images = [...Array.from({ length: 30 }, () => image(2)), image(1, { width: 1024, height: 400 }), image(null), image(null, { description: 'a hand-written description' })];
    const copy = { ...images[0]!, id: 'copy', dHash: images[0]!.dHash.replace(/^./, (c) => (Number.parseInt(c, 16) ^ 1).toString(16)) };
    const report = checkTrainingSet({ spec: EXAMPLE_SPEC, jobs, images: [...images, copy], captions });
    const codes = report.issues.map((issue) => issue.code);
    expect(codes).toEqual(['total', 'batch-short', 'batch-short', 'batch-short', 'batch-short', 'batch-short', 'batch-short', 'batch-short', 'category-off', 'category-off', 'category-off', 'category-off', 'duplicates', 'too-small', 'no-caption']);
    expect(report.issues.find((issue) => issue.code === 'batch-short')!.message).toBe('Batch 1 (Coastal landmarks) has 1 of the 8 planned images.');
    expect(report.issues.filter((issue) => issue.code === 'category-off').map((issue) => issue.message)).toEqual([
      '"nature" is 0% of the set; the recommendation is 25%.',
      '"architecture" is 3% of the set; the recommendation is 25%.',
      '"animals" is 97% of the set; the recommendation is 15%.',
      '"urban" is 0% of the set; the recommendation is 15%.',
    ]);
    expect(report.batches.find((batch) => batch.batchNumber === 2)).toMatchObject({ planned: 9, actual: 31, status: 'over' });
    expect(report.duplicates).toEqual([[images[0]!.id, 'copy']]);
    expect(report.tooSmall).toEqual([images[30]!.id]);
    expect(report.withoutCaption).toEqual([images[31]!.id]);
    expect(report.canExport).toBe(true);
  });

  it.each([
    ['no trigger word', '', 'trigger-word'],
    ['a trigger word with a space', 'my style', 'trigger-word'],
  ])('blocks the export with %s', (_label, triggerWord, code) => {
    const report = checkTrainingSet({ spec: EXAMPLE_SPEC, jobs, images: planFollowingSet(), captions: { ...captions, triggerWord } });
    expect(report.issues[0]).toMatchObject({ severity: 'error', code });
    expect(report.canExport).toBe(false);
  });

  it('blocks the export of an empty set', () => {
    const report = checkTrainingSet({ spec: EXAMPLE_SPEC, jobs, images: [], captions });
    expect(report.issues).toEqual([expect.objectContaining({ severity: 'error', code: 'no-images' })]);
    expect(report.canExport).toBe(false);
  });

  it('honours a custom minimum size', () => {
    const images = [image(1, { width: 768, height: 768 })];
    expect(checkTrainingSet({ spec: EXAMPLE_SPEC, jobs, images, captions, minShortSide: 1024 }).tooSmall).toEqual([images[0]!.id]);
  });
});

describe('findNearDuplicates', () => {
  it('groups transitively and leaves distinct images out', () => {
    const groups = findNearDuplicates([
      { id: 'a', dHash: '0000000000000000' },
      { id: 'b', dHash: '000000000000003f' }, // 6 bits from a
      { id: 'c', dHash: '0000000000000fff' }, // 6 bits from b, 12 from a
      { id: 'd', dHash: 'ffffffffffffffff' },
    ]);
    expect(groups).toEqual([['a', 'b', 'c']]);
  });
});
