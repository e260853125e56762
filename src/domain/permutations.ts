/**
 * Midjourney permutation prompts: count jobs, expand them, split them for a plan.
 * The syntax rules are documented in permutation-tree.ts (the one parser all three use).
 */
import { countParts, expandParts, parsePermutationPrompt, tidySpaces } from './permutation-tree';
import { splitPromptForPlan } from './permutation-split';
import { formatCount } from './format-count';

export { PermutationSyntaxError } from './permutation-tree';

/** Beyond this, expanding (or splitting) would only exhaust memory; counting still works. */
export const MAX_EXPANDED_JOBS = 100_000;

export class PermutationTooLargeError extends Error {
  readonly jobs: number;
  constructor(jobs: number) {
    super(`The prompt expands to ${formatCount(jobs)} jobs; at most ${formatCount(MAX_EXPANDED_JOBS)} can be listed.`);
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

/**
 * The prompt split into prompts of at most `jobsPerPrompt` jobs (permutation-split.ts). Throws
 * PermutationSyntaxError, or PermutationTooLargeError past MAX_EXPANDED_JOBS: the split of a
 * 10-billion-job prompt would be hundreds of millions of prompts.
 */
export function splitForPlan(prompt: string, jobsPerPrompt: number): string[] {
  const jobs = countJobs(prompt);
  if (jobs > MAX_EXPANDED_JOBS) throw new PermutationTooLargeError(jobs);
  return splitPromptForPlan(prompt, jobsPerPrompt);
}
