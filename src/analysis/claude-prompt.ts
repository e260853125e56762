/**
 * What we ask Claude: the system instructions, the user text that goes after the images, and the
 * repair message. The rules here mirror src/domain/validate.ts, which checks the answer afterwards.
 */
import { JOBS_PER_BATCH, MAX_BATCHES, MIN_BATCHES } from '../domain/schema';

export const ANALYSIS_SYSTEM_PROMPT = `You are an expert in Midjourney style references (--sref) and in curating LoRA training datasets.
You study a set of images that share one visual style and write a dataset specification: an analysis of the style and a plan of Midjourney permutation prompts that will generate varied training images in that style.

Midjourney permutation syntax (each combination is one job):
- Options go in curly braces separated by commas: "a {fox, heron} in a field" is 2 jobs.
- Several groups multiply: "a {fox, heron, owl, hare} {at dawn, in the rain}" is 4 x 2 = 8 jobs.
- A literal comma inside an option is written "\\,". Do not nest braces and do not permute parameters.

Rules for permutation_batches:
- Write ${MIN_BATCHES} to ${MAX_BATCHES} batches, numbered 1, 2, 3... without gaps or repeats.
- Every prompt expands to exactly ${JOBS_PER_BATCH} jobs: one group of 8 subjects and one group of 5 modifiers (8 x 5), or 10 subjects and 4 modifiers (10 x 4). Count the options in each group before answering.
- image_count is ${JOBS_PER_BATCH} for every batch.
- Every prompt ends with the project's --sref parameter exactly as given (same code, same spacing, nothing after it). Add no other parameters.
- Subjects are short and plain ("a lighthouse", "an old bicycle"); modifiers vary setting, time, weather, pose or framing. Never describe the style itself in a prompt: no medium or technique words (watercolor, oil painting, 3D render, anime, photo), no artist names, no "in the style of", no quality tags (8k, masterpiece, highly detailed). The --sref carries the style.
- Cover the subjects the style suits best and give each batch a clear category (characters, animals, architecture, landscapes, objects, vehicles, food, interiors...). Use priority high for the batches that matter most, then medium and low.

Rules for the rest:
- color_palette: 3 to 8 dominant colours as #RRGGBB with short readable names.
- key_characteristics: concrete visual traits (line, shading, texture, composition, lighting).
- best_subjects / avoid_subjects: what renders well or badly in this style.
- optimal_subject_distribution: categories with percentages (0-100) that sum to 100.
- prompt_guidelines: practical advice for writing prompts with this sref.

Answer with the JSON object only, following the schema. No prose, no Markdown fences.`;

/** Label of the line that carries the project's sref in the user text (the stand-in reads it back). */
const SREF_LINE_LABEL = 'Project style reference (copy exactly)';

export function buildAnalysisUserText(srefCode: string, imageCount: number): string {
  return [
    `The ${imageCount} images above share one style.`,
    `${SREF_LINE_LABEL}: --sref ${srefCode}`,
    `Set sref_code to "${srefCode}" and end every prompt with "--sref ${srefCode}".`,
    `Write the dataset specification now: ${MIN_BATCHES}-${MAX_BATCHES} batches of exactly ${JOBS_PER_BATCH} jobs each.`,
  ].join('\n');
}

/** The sref code written by `buildAnalysisUserText`, or null when the text has none. */
export function findSrefInUserText(text: string): string | null {
  const prefix = `${SREF_LINE_LABEL}: --sref `;
  const line = text.split('\n').find((candidate) => candidate.startsWith(prefix));
  const code = line?.slice(prefix.length).trim();
  return code ? code : null;
}

export function buildRepairMessage(problems: readonly string[]): string {
  return [
    'Your specification breaks these rules:',
    ...problems.map((problem) => `- ${problem}`),
    '',
    `Return the complete corrected specification as JSON only. Keep what was right; fix every listed problem. ` +
      `Remember: ${MIN_BATCHES}-${MAX_BATCHES} batches, each prompt exactly ${JOBS_PER_BATCH} jobs (count the options: 8 x 5 or 10 x 4), ` +
      'each ending with the project --sref.',
  ].join('\n');
}
