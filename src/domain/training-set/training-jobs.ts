/**
 * The jobs a specification asks Midjourney to run, as the training-set builder sees them: every
 * expanded prompt with its batch, and the description a caption is made from (the prompt text
 * without parameters, so no `--sref`, `--ar`...).
 */
import { expandPrompt } from '../permutations';
import { parsePromptParameters } from '../sref';
import type { DatasetSpecification } from '../schema';
import { toWords } from './words';

export interface TrainingJob {
  /** Stable id within a spec: "<batch_number>:<job index>". */
  key: string;
  batchNumber: number;
  batchName: string;
  category: string;
  /** 0-based position in the batch's expansion (Midjourney's order). */
  jobIndex: number;
  /** The expanded prompt, parameters included. */
  prompt: string;
  /** Subject and modifiers only: what a caption is made from. */
  description: string;
  words: string[];
}

export interface JobListing {
  jobs: TrainingJob[];
  /** Batches whose prompt could not be expanded (the editor explains why); their images stay unmatched. */
  skippedBatches: { batchNumber: number; batchName: string; reason: string }[];
}

export function listTrainingJobs(spec: DatasetSpecification): JobListing {
  const jobs: TrainingJob[] = [];
  const skippedBatches: JobListing['skippedBatches'] = [];
  for (const batch of spec.permutation_batches) {
    let prompts: string[];
    try {
      prompts = expandPrompt(batch.prompt);
    } catch (error) {
      skippedBatches.push({ batchNumber: batch.batch_number, batchName: batch.batch_name, reason: error instanceof Error ? error.message : String(error) });
      continue;
    }
    prompts.forEach((prompt, jobIndex) => {
      const description = tidyDescription(parsePromptParameters(prompt).text);
      jobs.push({
        key: jobKey(batch.batch_number, jobIndex),
        batchNumber: batch.batch_number,
        batchName: batch.batch_name,
        category: batch.category,
        jobIndex,
        prompt,
        description,
        words: toWords(description),
      });
    });
  }
  return { jobs, skippedBatches };
}

export function jobKey(batchNumber: number, jobIndex: number): string {
  return `${batchNumber}:${jobIndex}`;
}

/** Collapses whitespace and drops separators left dangling at either end ("fox, " -> "fox"). */
export function tidyDescription(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/^[\s,;:.]+|[\s,;:]+$/g, '').trim();
}
