/**
 * Every batch split into prompts that fit the plan's jobs-per-prompt limit, one prompt per line.
 * The layout stays paste-ready: no headers or comments (Midjourney would run them as prompts),
 * just a blank line between batches, in the editor's batch order. A prompt with a syntax error,
 * or too large to split, is written unchanged so nothing is silently dropped; the editor reports it.
 */
import type { DatasetSpecification } from '../schema';
import { PLANS, type PlanId } from '../plans';
import { PermutationSyntaxError, PermutationTooLargeError, splitForPlan } from '../permutations';
import { toSingleLine } from '../normalize';

export function exportSplitPromptList(spec: DatasetSpecification, plan: PlanId): string {
  const limit = PLANS[plan].jobsPerPrompt;
  const blocks = spec.permutation_batches.map((batch) => splitOrKeep(toSingleLine(batch.prompt), limit).join('\n'));
  return `${blocks.join('\n\n')}\n`;
}

function splitOrKeep(prompt: string, limit: number): string[] {
  try {
    return splitForPlan(prompt, limit);
  } catch (caught) {
    if (caught instanceof PermutationSyntaxError || caught instanceof PermutationTooLargeError) return [prompt];
    throw caught;
  }
}
