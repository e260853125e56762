/**
 * Midjourney permutation prompts: count jobs, expand them, split them for a plan.
 * The syntax rules are documented in permutation-tree.ts (the one parser all three use).
 */
import { countParts, expandParts, parsePermutationPrompt, tidySpaces } from './permutation-tree';

export { PermutationSyntaxError } from './permutation-tree';
export { splitForPlan } from './permutation-split';

/** Beyond this, expanding would only exhaust memory; counting still works. */
export const MAX_EXPANDED_JOBS = 100_000;

export class PermutationTooLargeError extends Error {
  readonly jobs: number;
  constructor(jobs: number) {
    super(`The prompt expands to ${jobs.toLocaleString('en-US')} jobs; at most ${MAX_EXPANDED_JOBS.toLocaleString('en-US')} can be listed.`);
    this.name = 'PermutationTooLargeError';
    this.jobs = jobs;
  }
}

/** Jobs the prompt produces, computed on the tree without expanding. Throws PermutationSyntaxError. */
export function countJobs(prompt: string): number {
  return countParts(parsePermutationPrompt(prompt).parts);
}

/**
 * Every job, in Midjourney's order (first group slowest), with the double spaces left by
 * expansion collapsed. Throws PermutationSyntaxError, or PermutationTooLargeError past MAX_EXPANDED_JOBS.
 */
export function expandPrompt(prompt: string): string[] {
  const { parts } = parsePermutationPrompt(prompt);
  const jobs = countParts(parts);
  if (jobs > MAX_EXPANDED_JOBS) throw new PermutationTooLargeError(jobs);
  return expandParts(parts).map(tidySpaces);
}
