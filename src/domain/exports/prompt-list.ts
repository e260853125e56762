/** One batch prompt per line, in the editor's batch order, ready to paste into Midjourney. */
import type { DatasetSpecification } from '../schema';
import { toSingleLine } from '../normalize';

export function exportPromptList(spec: DatasetSpecification): string {
  return `${spec.permutation_batches.map((batch) => toSingleLine(batch.prompt)).join('\n')}\n`;
}
