/**
 * The one schema of a dataset specification. Types, runtime validation of model output and
 * project files, and the JSON Schema sent to Claude all come from here.
 *
 * The schema holds the *shape* (types, enums, bounded strings). Product rules that a user may
 * break while editing (exactly 40 jobs, 8-10 batches, matching sref...) live in validate.ts so
 * the editor can keep and explain an invalid spec instead of refusing it.
 */
import { z } from 'zod';

export const PRIORITIES = ['high', 'medium', 'low'] as const;
export type Priority = (typeof PRIORITIES)[number];

/** Jobs (Midjourney grids) every permutation batch must expand to. */
export const JOBS_PER_BATCH = 40;
export const MIN_BATCHES = 8;
export const MAX_BATCHES = 10;
/** Hard ceiling for stored/imported specs (the rules above are checked by the validator). */
export const MAX_STORED_BATCHES = 30;
/** Shortest lists the schema accepts (spec-input.ts pads shorter ones only where that is honest). */
export const MIN_KEY_CHARACTERISTICS = 3;
export const MIN_BEST_SUBJECTS = 3;
export const MIN_AVOID_SUBJECTS = 1;
/** Largest image_count a stored spec may claim; a prompt past it keeps its last count and the validator reports it. */
export const MAX_IMAGE_COUNT = 10_000;

const text = (max: number) => z.string().trim().min(1).max(max);
const phraseList = (min: number, max: number, maxLength = 120) =>
  z.array(text(maxLength)).min(min).max(max);

export const HEX_COLOR = /^#[0-9a-fA-F]{6}$/;

export const PaletteColorSchema = z.object({
  hex: z.string().regex(HEX_COLOR).describe('Colour as #RRGGBB'),
  name: text(40).describe('Short readable colour name, e.g. "dusty teal"'),
  share: z
    .number()
    .min(0)
    .max(100)
    .optional()
    .describe('Percent of the image area (measured from pixels when available)'),
});

export const StyleAnalysisSchema = z.object({
  primary_style: text(120).describe('The dominant art style in a few words'),
  era_influence: text(120).describe('Era or movement the style draws on'),
  color_palette: z.array(PaletteColorSchema).min(1).max(8),
  key_characteristics: phraseList(MIN_KEY_CHARACTERISTICS, 10),
  best_subjects: phraseList(MIN_BEST_SUBJECTS, 15, 60),
  avoid_subjects: phraseList(MIN_AVOID_SUBJECTS, 10, 60),
});

export const SubjectShareSchema = z.object({
  category: text(40),
  percentage: z.number().min(0).max(100).describe('Percent of the dataset (all entries sum to 100)'),
});

export const TrainingRecommendationsSchema = z.object({
  recommended_dataset_size: z
    .number()
    .int()
    .min(10)
    .max(2000)
    .describe('Number of curated images to train on'),
  optimal_subject_distribution: z.array(SubjectShareSchema).min(1).max(12),
});

export const PermutationBatchSchema = z.object({
  batch_number: z.number().int().min(1).max(999),
  batch_name: text(80),
  category: text(40),
  image_count: z
    .number()
    .int()
    .min(1)
    .max(MAX_IMAGE_COUNT)
    .describe('Jobs the prompt expands to; must be 40'),
  prompt: text(2000).describe(
    'Midjourney permutation prompt: {8 subjects} with {5 modifiers} --sref CODE (8 x 5 = 40 jobs)',
  ),
  priority: z.enum(PRIORITIES),
  notes: z.string().trim().max(500),
});

export const PromptGuidelinesSchema = z.object({
  keep_simple: text(300).describe('Advice on keeping subjects simple so the style carries the image'),
  avoid_style_keywords: phraseList(0, 20, 60),
  recommended_additions: phraseList(0, 20, 60),
});

export const DatasetSpecificationSchema = z.object({
  sref_code: text(500).describe('The --sref value exactly as the user gave it'),
  style_analysis: StyleAnalysisSchema,
  training_recommendations: TrainingRecommendationsSchema,
  permutation_batches: z.array(PermutationBatchSchema).min(1).max(MAX_STORED_BATCHES),
  prompt_guidelines: PromptGuidelinesSchema,
});

export type PaletteColor = z.infer<typeof PaletteColorSchema>;
export type StyleAnalysis = z.infer<typeof StyleAnalysisSchema>;
export type SubjectShare = z.infer<typeof SubjectShareSchema>;
export type TrainingRecommendations = z.infer<typeof TrainingRecommendationsSchema>;
export type PermutationBatch = z.infer<typeof PermutationBatchSchema>;
export type PromptGuidelines = z.infer<typeof PromptGuidelinesSchema>;
export type DatasetSpecification = z.infer<typeof DatasetSpecificationSchema>;

type JsonSchema = Record<string, unknown>;

/**
 * JSON Schema for structured output. Same schema, with the batch count tightened to the
 * product rule so the model is asked for 8-10 batches.
 */
export function datasetSpecificationJsonSchema(): JsonSchema {
  const schema = z.toJSONSchema(DatasetSpecificationSchema, { target: 'draft-2020-12' }) as JsonSchema;
  const properties = schema.properties as Record<string, JsonSchema>;
  const batches = properties.permutation_batches as JsonSchema;
  batches.minItems = MIN_BATCHES;
  batches.maxItems = MAX_BATCHES;
  delete schema.$schema;
  return schema;
}
