/** The live job count of a prompt from the real parser, and its preview, never throwing at the UI. */
import { countJobs, expandPrompt, MAX_EXPANDED_JOBS, PermutationSyntaxError } from '../../domain/permutations';

export type JobCount = { ok: true; jobs: number } | { ok: false; error: string };

export function jobCountOf(prompt: string): JobCount {
  try {
    return { ok: true, jobs: countJobs(prompt) };
  } catch (error) {
    if (error instanceof PermutationSyntaxError) return { ok: false, error: error.message };
    throw error;
  }
}

/** Jobs listed on screen; Copy all jobs still copies every one. */
export const PREVIEW_LIMIT = 200;

export type JobPreview =
  | { kind: 'jobs'; jobs: string[] }
  | { kind: 'too-many'; jobs: number }
  | { kind: 'syntax-error' };

/**
 * Every job of the prompt, or why there is no list: a syntax error, or more jobs than can be
 * listed (MAX_EXPANDED_JOBS). Decided from the count, so a huge prompt is never expanded.
 */
export function previewJobs(prompt: string): JobPreview {
  const count = jobCountOf(prompt);
  if (!count.ok) return { kind: 'syntax-error' };
  if (count.jobs > MAX_EXPANDED_JOBS) return { kind: 'too-many', jobs: count.jobs };
  return { kind: 'jobs', jobs: expandPrompt(prompt) };
}
