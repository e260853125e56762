/**
 * Puts a specification in its canonical form, whoever wrote it (Claude, the offline model,
 * an old project file, the editor): shares as percentages rounded to 0.1, strings trimmed,
 * prompts on one line. Safe to run any number of times (idempotent).
 */
import { PRIORITIES, type DatasetSpecification, type PermutationBatch, type Priority } from './schema';

/** Shares this close to 1 in total, each at most 1, are fractions (0.25 = 25%). */
const FRACTION_TOTAL_RANGE = { min: 0.5, max: 1.5 } as const;

export function normalizeSpecification(spec: DatasetSpecification): DatasetSpecification {
  const analysis = spec.style_analysis;
  const recommendations = spec.training_recommendations;
  const guidelines = spec.prompt_guidelines;
  const paletteShares = toPercentages(analysis.color_palette.map((color) => color.share));
  const distribution = toPercentages(recommendations.optimal_subject_distribution.map((share) => share.percentage));
  return {
    sref_code: spec.sref_code.trim(),
    style_analysis: {
      primary_style: analysis.primary_style.trim(),
      era_influence: analysis.era_influence.trim(),
      color_palette: analysis.color_palette.map((color, index) => {
        const share = paletteShares[index];
        return { hex: color.hex.trim(), name: color.name.trim(), ...(share === undefined ? {} : { share }) };
      }),
      key_characteristics: trimAll(analysis.key_characteristics),
      best_subjects: trimAll(analysis.best_subjects),
      avoid_subjects: trimAll(analysis.avoid_subjects),
    },
    training_recommendations: {
      recommended_dataset_size: recommendations.recommended_dataset_size,
      optimal_subject_distribution: recommendations.optimal_subject_distribution.map((share, index) => ({
        category: share.category.trim(),
        percentage: distribution[index] ?? share.percentage,
      })),
    },
    permutation_batches: spec.permutation_batches.map(normalizeBatch),
    prompt_guidelines: {
      keep_simple: guidelines.keep_simple.trim(),
      avoid_style_keywords: trimAll(guidelines.avoid_style_keywords),
      recommended_additions: trimAll(guidelines.recommended_additions),
    },
  };
}

/** Midjourney prompts are one line: any run of whitespace holding a line break becomes a space. */
export function toSingleLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

/** Folds "High" / " LOW " to the enum; anything else is returned as given, for the validator to report. */
export function foldPriority(priority: string): Priority {
  const folded = priority.trim().toLowerCase();
  return ((PRIORITIES as readonly string[]).includes(folded) ? folded : priority) as Priority;
}

function normalizeBatch(batch: PermutationBatch): PermutationBatch {
  return {
    ...batch,
    batch_name: batch.batch_name.trim(),
    category: batch.category.trim(),
    prompt: toSingleLine(batch.prompt),
    notes: batch.notes.trim(),
  };
}

/** Fractions become percentages (only when the whole list reads as fractions); all rounded to 0.1. */
function toPercentages(values: readonly (number | undefined)[]): (number | undefined)[] {
  const present = values.filter((value): value is number => value !== undefined);
  const total = present.reduce((sum, value) => sum + value, 0);
  const fractions =
    present.length > 0 && present.every((value) => value <= 1) && total >= FRACTION_TOTAL_RANGE.min && total <= FRACTION_TOTAL_RANGE.max;
  return values.map((value) => (value === undefined ? undefined : roundToTenth(fractions ? value * 100 : value)));
}

function roundToTenth(value: number): number {
  return Math.round(value * 10) / 10;
}

function trimAll(values: readonly string[]): string[] {
  return values.map((value) => value.trim());
}
