/**
 * Deterministic, safe fixes for the mistakes models (and people) make most, so a spec that is
 * right in substance is not rejected on bookkeeping. Only what has one correct answer is fixed:
 * - the project's style reference is written into `sref_code` and into every prompt whose
 *   `--sref` (with its `--sw`/`--sv`) is missing, unreadable, repeated or different;
 * - `image_count` is set to the real job count when the prompt parses;
 * - duplicate batch numbers are renumbered 1..n in list order;
 * - priorities are case-folded ("High" -> "high").
 * Job counts that are not 40, syntax errors and style words need judgement and are left to
 * the validator. The input is not modified.
 */
import { MAX_IMAGE_COUNT, type DatasetSpecification, type PermutationBatch } from './schema';
import { foldPriority } from './normalize';
import { countParts, parsePermutationPrompt, PermutationSyntaxError, tidySpaces } from './permutation-tree';
import { formatStyleReference, inspectStyleReference, parseSrefInput, sameStyleReference, type StyleReference } from './sref';
import { scanPromptParameters } from './prompt-parameters';
import type { ValidationContext } from './validate';

const STYLE_PARAMETERS = new Set(['sref', 'sw', 'sv']);

export function repairSpecification(spec: DatasetSpecification, context: ValidationContext): DatasetSpecification {
  const project = parseSrefInput(context.srefCode);
  const reference = project.ok ? project.reference : null;
  const renumber = hasDuplicateNumbers(spec.permutation_batches);
  return {
    ...spec,
    sref_code: project.ok ? project.canonical : spec.sref_code,
    permutation_batches: spec.permutation_batches.map((batch, index) => {
      // A prompt that does not parse is left as written: where its parameters end is unknowable.
      const prompt = reference && countOrNull(batch.prompt) !== null ? withStyleReference(batch.prompt, reference) : batch.prompt;
      const jobs = countOrNull(prompt);
      return {
        ...batch,
        batch_number: renumber ? index + 1 : batch.batch_number,
        prompt,
        image_count: jobs !== null && jobs <= MAX_IMAGE_COUNT ? jobs : batch.image_count,
        priority: foldPriority(batch.priority),
      };
    }),
  };
}

/** The prompt with the project's style reference, replacing whatever style parameters it had. */
export function withStyleReference(prompt: string, reference: StyleReference): string {
  const inspection = inspectStyleReference(prompt);
  if (inspection.status === 'found' && !inspection.duplicated && sameStyleReference(inspection.reference, reference)) return prompt;
  const formatted = formatStyleReference(reference);
  const styleSpans = scanPromptParameters(prompt).filter((parameter) => STYLE_PARAMETERS.has(parameter.name.toLowerCase()));
  const firstSref = styleSpans.find((parameter) => parameter.name.toLowerCase() === 'sref');
  let rebuilt = '';
  let cursor = 0;
  for (const span of styleSpans) {
    rebuilt += prompt.slice(cursor, span.position);
    if (span === firstSref) rebuilt += formatted; // keep the reference where the user put it
    cursor = span.end;
  }
  rebuilt += prompt.slice(cursor);
  return firstSref ? tidySpaces(rebuilt) : `${tidySpaces(rebuilt)} ${formatted}`;
}

/** Jobs, or null when the prompt does not parse. */
function countOrNull(prompt: string): number | null {
  try {
    return countParts(parsePermutationPrompt(prompt).parts);
  } catch (caught) {
    if (caught instanceof PermutationSyntaxError) return null;
    throw caught;
  }
}

function hasDuplicateNumbers(batches: readonly PermutationBatch[]): boolean {
  return new Set(batches.map((batch) => batch.batch_number)).size !== batches.length;
}
