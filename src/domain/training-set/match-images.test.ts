import { describe, expect, it } from 'vitest';
import { EXAMPLE_SPEC } from '../example-spec';
import type { DatasetSpecification } from '../schema';
import { matchImagesToJobs } from './match-images';
import { midjourneyDownloadName } from './midjourney-names.test-helpers';
import { listTrainingJobs, type TrainingJob } from './training-jobs';

const { jobs } = listTrainingJobs(EXAMPLE_SPEC);
const byKey = new Map(jobs.map((job) => [job.key, job]));
const jobWhere = (batchNumber: number, description: string): TrainingJob => {
  const job = jobs.find((candidate) => candidate.batchNumber === batchNumber && candidate.description === description);
  if (!job) throw new Error(`no job "${description}" in batch ${batchNumber}`);
  return job;
};
const matchOne = (name: string, among: readonly TrainingJob[] = jobs) => matchImagesToJobs([name], among)[0]!;

describe('matchImagesToJobs', () => {
  it('matches every job of the example spec from its full download name (all 4 grid images and upscales)', () => {
    const names = jobs.flatMap((job, seed) => [0, 1, 2, 3, null].map((gridIndex) => midjourneyDownloadName(job.prompt, { gridIndex, seed })));
    const results = matchImagesToJobs(names, jobs);
    const wrong = results
      .map((result, index) => ({ result, expected: jobs[Math.floor(index / 5)]!, name: names[index]! }))
      .filter(({ result, expected }) => result.status !== 'matched' || result.jobKey !== expected.key);
    expect(wrong.map(({ name }) => name)).toEqual([]);
  });

  it.each([
    ['cut inside the modifier', 'fox resting in tall grass', 2, 'fox_resting_in_ta', 'fox resting in tall grass'],
    ['cut mid-word', 'heron crossing a river', 2, 'heron_crossing_a_ri', 'heron crossing a river'],
    ['cut inside the modifier of a two-word subject', 'sea otter on a rocky ledge', 2, 'sea_otter_on_a_roc', 'sea otter on a rocky ledge'],
  ])('matches a truncated name (%s)', (_label, description, batchNumber, _visible, expected) => {
    const job = jobWhere(batchNumber, description);
    const prefix = description.replace(/ /g, '_');
    const name = midjourneyDownloadName(job.prompt, { truncateAt: _visible.length, seed: 3 });
    expect(name).toContain(`_${_visible}_`);
    expect(prefix.startsWith(_visible)).toBe(true);
    expect(matchOne(name)).toMatchObject({ status: 'matched', jobKey: jobWhere(batchNumber, expected).key });
  });

  it('calls a name cut before the modifier ambiguous, suggesting that subject\'s jobs', () => {
    const job = jobWhere(2, 'owl under falling snow');
    const result = matchOne(midjourneyDownloadName(job.prompt, { truncateAt: 'owl'.length }));
    expect(result.status).toBe('ambiguous');
    expect(result.candidates).toHaveLength(5);
    for (const candidate of result.candidates) expect(byKey.get(candidate.jobKey)!.description).toMatch(/^owl /);
  });

  it('tells "lighthouse" (batch 1) from "lighthouse keeper" (batch 4)', () => {
    const landmark = jobWhere(1, 'lighthouse in fog');
    const keeper = jobWhere(4, 'lighthouse keeper in profile');
    expect(matchOne(midjourneyDownloadName(landmark.prompt))).toMatchObject({ status: 'matched', jobKey: landmark.key });
    expect(matchOne(midjourneyDownloadName(keeper.prompt))).toMatchObject({ status: 'matched', jobKey: keeper.key });
  });

  it('matches accented prompts, names without dashes, and browser " (1)" copies', () => {
    const cafe = jobWhere(3, 'corner café after rain');
    expect(matchOne(midjourneyDownloadName(cafe.prompt).replace('.png', ' (1).png'))).toMatchObject({ status: 'matched', jobKey: cafe.key });
    const name = midjourneyDownloadName(jobWhere(7, 'glacier at twilight').prompt).replace('--sref', 'sref');
    expect(matchOne(name)).toMatchObject({ status: 'matched', jobKey: jobWhere(7, 'glacier at twilight').key });
  });

  it('ignores a user name made of real words when every imported name shares it', () => {
    const fox = jobWhere(2, 'hare at the forest edge');
    const other = jobWhere(1, 'beach hut at golden hour');
    const names = [fox, other].map((job) => midjourneyDownloadName(job.prompt, { userName: 'fox_art' }));
    const results = matchImagesToJobs(names, jobs);
    expect(results.map((result) => (result.status === 'matched' ? result.jobKey : result.status))).toEqual([fox.key, other.key]);
  });

  it.each(['IMG_2041.PNG', 'Screenshot 2026-11-02 at 10.15.00.png', 'pixelsmith_at_a_9c5b94b1-35ad-49bb-b118-8e8fc24abf80_0.png'])(
    'leaves %s unmatched',
    (name) => {
      expect(matchOne(name).status).toBe('unmatched');
    },
  );

  it('treats jobs that differ only by a permuted parameter as one picture', () => {
    const spec: DatasetSpecification = {
      ...EXAMPLE_SPEC,
      permutation_batches: [{ ...EXAMPLE_SPEC.permutation_batches[0]!, prompt: '{red kite, blue kite} over a beach --ar {1:1, 16:9} --sref 1' }],
    };
    const paramJobs = listTrainingJobs(spec).jobs;
    expect(paramJobs.map((job) => job.description)).toEqual(['red kite over a beach', 'red kite over a beach', 'blue kite over a beach', 'blue kite over a beach']);
    const result = matchOne(midjourneyDownloadName(paramJobs[3]!.prompt), paramJobs);
    expect(result).toMatchObject({ status: 'matched', jobKey: paramJobs[2]!.key });
  });

  it('prefers the complete description when one is a prefix of another', () => {
    const spec: DatasetSpecification = {
      ...EXAMPLE_SPEC,
      permutation_batches: [{ ...EXAMPLE_SPEC.permutation_batches[0]!, prompt: 'a windmill {, in fog} --sref 1' }],
    };
    const prefixJobs = listTrainingJobs(spec).jobs;
    expect(prefixJobs.map((job) => job.description)).toEqual(['a windmill', 'a windmill in fog']);
    expect(matchOne(midjourneyDownloadName(prefixJobs[0]!.prompt), prefixJobs)).toMatchObject({ status: 'matched', jobKey: prefixJobs[0]!.key });
    expect(matchOne(midjourneyDownloadName(prefixJobs[1]!.prompt), prefixJobs)).toMatchObject({ status: 'matched', jobKey: prefixJobs[1]!.key });
  });
});

describe('listTrainingJobs', () => {
  it('lists every job with its batch and a description without parameters', () => {
    expect(jobs).toHaveLength(EXAMPLE_SPEC.permutation_batches.length * 40);
    expect(jobs[0]).toMatchObject({
      key: '1:0',
      batchNumber: 1,
      batchName: 'Coastal landmarks',
      category: 'architecture',
      description: 'lighthouse at dawn',
      prompt: 'lighthouse at dawn --sref 3141592653',
      words: ['lighthouse', 'at', 'dawn'],
    });
  });

  it('skips a batch whose prompt cannot be expanded and says why', () => {
    const spec: DatasetSpecification = {
      ...EXAMPLE_SPEC,
      permutation_batches: [{ ...EXAMPLE_SPEC.permutation_batches[0]!, prompt: '{fox, owl at dusk --sref 1' }, EXAMPLE_SPEC.permutation_batches[1]!],
    };
    const listing = listTrainingJobs(spec);
    expect(listing.jobs).toHaveLength(40);
    expect(listing.skippedBatches).toEqual([{ batchNumber: 1, batchName: 'Coastal landmarks', reason: expect.stringMatching(/position/) }]);
  });
});
