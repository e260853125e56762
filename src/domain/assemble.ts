/**
 * Draft (what the offline model wrote) -> full DatasetSpecification. The code writes every
 * permutation prompt, `{subject, ...} {modifier, ...} --sref CODE`, so each batch expands to
 * exactly 40 jobs and the spec passes the domain validator whatever the model put in the phrases:
 * - phrases are tidied (spaces collapsed, `--` and `::` defused so they cannot become Midjourney
 *   parameters or prompt weights) and commas/braces are escaped for the permutation syntax;
 * - repeated subjects or modifiers (case-insensitive) are replaced, first from the draft's other
 *   phrases, then from a neutral reserve, so a batch never repeats a job;
 * - numbers the model is bad at (dataset size, distribution percentages) are computed.
 * Every replacement is reported, so the caller can say the output was repaired.
 */
import { DRAFT_MODIFIERS_PER_BATCH, DRAFT_SUBJECTS_PER_BATCH, type Draft, type DraftBatch } from './draft';
import { countJobs } from './permutations';
import { parseSrefInput } from './sref';
import {
  JOBS_PER_BATCH,
  MIN_AVOID_SUBJECTS,
  MIN_BEST_SUBJECTS,
  MIN_KEY_CHARACTERISTICS,
  type DatasetSpecification,
  type PermutationBatch,
  type Priority,
  type SubjectShare,
} from './schema';

export interface AssembleContext {
  /** The project's style reference (parseSrefInput's `canonical`); ends every prompt and is `sref_code`. */
  srefCode: string;
}

export interface AssembledSpecification {
  spec: DatasetSpecification;
  /** What had to be changed to make the draft usable (empty when nothing). */
  repairs: string[];
}

/** Simple, style-neutral fillers: used only when a batch has too few distinct phrases. */
const RESERVE_SUBJECTS = [
  'a teapot', 'a bicycle', 'a lighthouse', 'an old tree', 'a sailing boat', 'a fox', 'a bowl of fruit', 'a mountain lake',
  'a city street', 'a violin', 'a cat', 'a staircase', 'a greenhouse', 'a horse', 'a desk lamp', 'a bridge',
] as const;
const RESERVE_MODIFIERS = [
  'at dawn', 'at night', 'in fog', 'in spring', 'in winter', 'close-up', 'wide view', 'from above', 'in rain', 'at noon',
  'at sunset',
] as const;

/** Curated images to keep per batch when training, by priority. */
const IMAGES_PER_BATCH: Record<Priority, number> = { high: 8, medium: 6, low: 4 };
const PRIORITY_WEIGHT: Record<Priority, number> = { high: 3, medium: 2, low: 1 };
const MIN_DATASET_SIZE = 20;
const MAX_DATASET_SIZE = 100;


export function assembleSpecification(draft: Draft, context: AssembleContext): AssembledSpecification {
  // Written in its canonical form when it parses; otherwise as given, and the validator says why.
  const parsedSref = parseSrefInput(context.srefCode);
  const srefCode = parsedSref.ok ? parsedSref.canonical : context.srefCode.trim();
  if (srefCode === '') throw new Error('assembleSpecification needs the project --sref code.');
  const repairs: string[] = [];

  const subjectPool = [...draft.best_subjects, ...draft.batches.flatMap((batch) => batch.subjects)];
  const modifierPool = draft.batches.flatMap((batch) => batch.modifiers);
  const batchNames = createUniqueNamer();

  const permutation_batches = draft.batches.map((batch, index): PermutationBatch => {
    const label = `Batch ${index + 1}`;
    // Each batch starts its fill at a different place in the pools (stride size - 1, coprime with
    // the reserve lengths), so two batches that both need fillers do not get the same prompt.
    const pools = (draftPool: readonly string[], reserve: readonly string[], size: number) =>
      [rotate(draftPool, index * (size - 1)), rotate(reserve, index * (size - 1))];
    const subjects = fillDistinct(batch.subjects, DRAFT_SUBJECTS_PER_BATCH, pools(subjectPool, RESERVE_SUBJECTS, DRAFT_SUBJECTS_PER_BATCH), `${label} subjects`, repairs);
    const modifiers = fillDistinct(batch.modifiers, DRAFT_MODIFIERS_PER_BATCH, pools(modifierPool, RESERVE_MODIFIERS, DRAFT_MODIFIERS_PER_BATCH), `${label} modifiers`, repairs);
    const prompt = `${group(subjects)} ${group(modifiers)} --sref ${srefCode}`;
    const jobs = countJobs(prompt);
    if (jobs !== JOBS_PER_BATCH) throw new Error(`Assembled ${label} expands to ${jobs} jobs, expected ${JOBS_PER_BATCH}.`);
    return {
      batch_number: index + 1,
      batch_name: batchNames(tidyPhrase(batch.batch_name) || `${label}`),
      category: tidyPhrase(batch.category) || 'general',
      image_count: jobs,
      prompt,
      priority: batch.priority,
      notes: `${subjects.length} subjects × ${modifiers.length} modifiers = ${jobs} jobs.`,
    };
  });

  return {
    spec: {
      sref_code: srefCode,
      style_analysis: {
        primary_style: tidyPhrase(draft.primary_style) || 'unnamed style',
        era_influence: tidyPhrase(draft.era_influence) || 'unknown',
        color_palette: uniqueBy(draft.palette, (color) => color.hex.toLowerCase()).map((color) => ({
          hex: color.hex.toUpperCase(),
          name: tidyPhrase(color.name) || color.hex.toUpperCase(),
        })),
        key_characteristics: distinctAtLeast(draft.key_characteristics, MIN_KEY_CHARACTERISTICS, 'key characteristics', repairs),
        best_subjects: distinctAtLeast(draft.best_subjects, MIN_BEST_SUBJECTS, 'best subjects', repairs),
        avoid_subjects: distinctAtLeast(draft.avoid_subjects, MIN_AVOID_SUBJECTS, 'subjects to avoid', repairs),
      },
      training_recommendations: {
        recommended_dataset_size: recommendedDatasetSize(draft.batches),
        optimal_subject_distribution: subjectDistribution(permutation_batches),
      },
      permutation_batches,
      prompt_guidelines: {
        keep_simple: tidyPhrase(draft.keep_simple) || 'Keep subjects short and concrete so the style carries the image.',
        avoid_style_keywords: distinctAtLeast(draft.avoid_style_keywords, 0, 'style keywords to avoid', repairs),
        recommended_additions: distinctAtLeast(draft.recommended_additions, 0, 'recommended additions', repairs),
      },
    },
    repairs,
  };
}

/**
 * Tidies a phrase for a prompt: no control characters, backslashes or U+FFFD (what a decoder
 * writes for broken UTF-8), spaces collapsed, `--` (a Midjourney parameter) and `::` (a prompt
 * weight) reduced to single characters.
 */
export function tidyPhrase(text: string): string {
  return text
    .replace(/[\x00-\x1f\x7f\\\uFFFD]/g, ' ')
    .replace(/-{2,}/g, '-')
    .replace(/:{2,}/g, ':')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A permutation group; commas and braces inside a phrase are literal (`\,` `\{` `\}`). */
function group(phrases: string[]): string {
  return `{${phrases.map((phrase) => phrase.replace(/[,{}]/g, (char) => `\\${char}`)).join(', ')}}`;
}

const phraseKey = (phrase: string) => phrase.toLowerCase();

/**
 * `count` distinct tidy phrases: the batch's own first, then unused ones from each pool in
 * order. Reports how many had to be replaced.
 */
function fillDistinct(
  own: readonly string[],
  count: number,
  pools: readonly (readonly string[])[],
  what: string,
  repairs: string[],
): string[] {
  const chosen: string[] = [];
  const seen = new Set<string>();
  const take = (candidate: string) => {
    const phrase = tidyPhrase(candidate);
    const key = phraseKey(phrase);
    if (phrase === '' || seen.has(key) || chosen.length >= count) return;
    seen.add(key);
    chosen.push(phrase);
  };
  own.forEach(take);
  const replaced = count - chosen.length;
  for (const pool of pools) pool.forEach(take);
  if (chosen.length < count) throw new Error(`Not enough distinct phrases to fill ${what}.`);
  if (replaced > 0) repairs.push(`${what}: ${replaced} repeated or empty ${replaced === 1 ? 'phrase' : 'phrases'} replaced.`);
  return chosen;
}

/** Distinct tidy phrases; when fewer than `minimum` remain, repeats are kept to reach it. */
function distinctAtLeast(items: readonly string[], minimum: number, what: string, repairs: string[]): string[] {
  const tidy = items.map(tidyPhrase).filter((phrase) => phrase !== '');
  const distinct = uniqueBy(tidy, phraseKey);
  if (distinct.length >= minimum) {
    if (distinct.length < tidy.length) repairs.push(`${what}: ${tidy.length - distinct.length} repeated removed.`);
    return distinct;
  }
  repairs.push(`${what}: too few distinct phrases; repeats kept.`);
  return tidy.slice(0, Math.max(minimum, distinct.length));
}

function rotate<T>(items: readonly T[], offset: number): T[] {
  if (items.length === 0) return [];
  const start = offset % items.length;
  return [...items.slice(start), ...items.slice(0, start)];
}

function uniqueBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Batch names are shown side by side: a repeated name gets " (2)", " (3)"... */
function createUniqueNamer(): (name: string) => string {
  const used = new Map<string, number>();
  return (name) => {
    const key = phraseKey(name);
    const times = (used.get(key) ?? 0) + 1;
    used.set(key, times);
    return times === 1 ? name : `${name} (${times})`;
  };
}

/** Curated images to train on: a few of the best per batch, more for high priority. */
function recommendedDatasetSize(batches: readonly DraftBatch[]): number {
  const total = batches.reduce((sum, batch) => sum + IMAGES_PER_BATCH[batch.priority], 0);
  return Math.min(MAX_DATASET_SIZE, Math.max(MIN_DATASET_SIZE, total));
}

/**
 * Share of the dataset per category, weighted by batch priority, as whole percentages that sum
 * to exactly 100 (largest-remainder rounding).
 */
function subjectDistribution(batches: readonly PermutationBatch[]): SubjectShare[] {
  const weights = new Map<string, { category: string; weight: number }>();
  for (const batch of batches) {
    const key = phraseKey(batch.category);
    const entry = weights.get(key) ?? { category: batch.category, weight: 0 };
    entry.weight += PRIORITY_WEIGHT[batch.priority];
    weights.set(key, entry);
  }
  const entries = [...weights.values()];
  const totalWeight = entries.reduce((sum, entry) => sum + entry.weight, 0);
  const exact = entries.map((entry) => (entry.weight / totalWeight) * 100);
  const rounded = exact.map(Math.floor);
  let missing = 100 - rounded.reduce((sum, value) => sum + value, 0);
  const byRemainder = exact.map((value, index) => ({ index, remainder: value - Math.floor(value) })).sort((a, b) => b.remainder - a.remainder);
  for (const { index } of byRemainder) {
    if (missing <= 0) break;
    rounded[index] = (rounded[index] ?? 0) + 1;
    missing -= 1;
  }
  return entries.map((entry, index) => ({ category: entry.category, percentage: rounded[index] ?? 0 }));
}
