/**
 * What a specification's batches add up to, for the export summary and documents: every batch is
 * counted or named, never silently left out. Jobs are counted on the parse tree, so a prompt of
 * ten billion jobs is counted exactly; only splitting it for a plan is out of reach (MAX_EXPANDED_JOBS).
 */
import { countJobs, PermutationSyntaxError, PermutationTooLargeError, splitForPlan } from './permutations';
import type { PermutationBatch } from './schema';
import { IMAGES_PER_JOB } from './validate';
import { countOf, formatCount } from './format-count';

export interface JobCount {
  /** Jobs of every batch whose prompt parses. */
  jobs: number;
  /** Images those jobs make (a grid of 4 each). */
  images: number;
  /** Batch numbers whose prompt has a syntax error: counted nowhere. */
  unreadable: number[];
}

export interface JobSummary extends JobCount {
  /** Prompts after splitting for the plan, over the batches that can be split. */
  prompts: number;
  /** Batch numbers too large to split: in `jobs`, not in `prompts`. */
  tooLargeToSplit: number[];
}

export function countBatchJobs(batches: readonly PermutationBatch[]): JobCount {
  const count: JobCount = { jobs: 0, images: 0, unreadable: [] };
  for (const batch of batches) {
    const jobs = jobsOrNull(batch.prompt);
    if (jobs === null) count.unreadable.push(batch.batch_number);
    else count.jobs += jobs;
  }
  count.images = count.jobs * IMAGES_PER_JOB;
  return count;
}

export function summarizeJobs(batches: readonly PermutationBatch[], jobsPerPrompt: number): JobSummary {
  const summary: JobSummary = { ...countBatchJobs(batches), prompts: 0, tooLargeToSplit: [] };
  for (const batch of batches) {
    try {
      summary.prompts += splitForPlan(batch.prompt, jobsPerPrompt).length;
    } catch (caught) {
      if (caught instanceof PermutationTooLargeError) summary.tooLargeToSplit.push(batch.batch_number);
      else if (!(caught instanceof PermutationSyntaxError)) throw caught; // already in `unreadable`
    }
  }
  return summary;
}

/**
 * The recommended dataset size is what to keep for training, not what to generate: "60 images,
 * the best of the 1,280 the batches generate". Said wherever the two numbers meet.
 */
export function describeDatasetSize(recommended: number, generatedImages: number): string {
  const keep = countOf(recommended, 'image');
  if (generatedImages === 0) return `${keep} to keep for training`;
  return `${keep} to keep for training, the best of the ${formatCount(generatedImages)} the batches generate`;
}

function jobsOrNull(prompt: string): number | null {
  try {
    return countJobs(prompt);
  } catch (caught) {
    if (caught instanceof PermutationSyntaxError) return null;
    throw caught;
  }
}
