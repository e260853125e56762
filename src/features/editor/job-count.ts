/** The live job count of a prompt from the real parser, or the syntax error that stops it. */
import { countJobs, PermutationSyntaxError } from '../../domain/permutations';

export type JobCount = { ok: true; jobs: number } | { ok: false; error: string };

export function jobCountOf(prompt: string): JobCount {
  try {
    return { ok: true, jobs: countJobs(prompt) };
  } catch (error) {
    if (error instanceof PermutationSyntaxError) return { ok: false, error: error.message };
    throw error;
  }
}
