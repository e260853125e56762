/**
 * The compact draft the offline model fills under a grammar. The model writes only what needs
 * judgement (style words, batch names, subjects, modifiers); the code writes the prompts, counts
 * and numbers (assemble.ts), so every batch has exactly 40 jobs whatever the model does.
 *
 * The same zod schema validates the parsed output and produces the JSON Schema the grammar is
 * compiled from. Grammar-friendly by construction (FACTS.md section 5):
 * - strings are bounded with a `pattern` (never maxLength/minLength: slow to compile, and they
 *   admit raw control characters); the pattern also bans `"` and `\` (no JSON escapes), braces
 *   (permutation syntax) and a leading space;
 * - arrays have exact counts (minItems = maxItems) except the batch list (8-10);
 * - objects are strict, and properties are generated in the order written here: style first,
 *   so the model describes the images before it plans batches.
 */
import { z } from 'zod';
import { HEX_COLOR, JOBS_PER_BATCH, MAX_BATCHES, MIN_BATCHES, PRIORITIES } from './schema';

export const DRAFT_SUBJECTS_PER_BATCH = 8;
export const DRAFT_MODIFIERS_PER_BATCH = JOBS_PER_BATCH / DRAFT_SUBJECTS_PER_BATCH;
export const DRAFT_PALETTE_COLORS = 5;
export const DRAFT_KEY_CHARACTERISTICS = 4;
export const DRAFT_BEST_SUBJECTS = 4;
export const DRAFT_AVOID_SUBJECTS = 3;
export const DRAFT_GUIDELINE_ITEMS = 3;

/**
 * Longest text per field, in characters. Chosen so a complete draft stays near 1,500 tokens even
 * when a model fills every string to its limit (measured in tests/offline).
 */
export const DRAFT_TEXT_LIMITS = {
  style: 48,
  colorName: 20,
  characteristic: 40,
  subject: 28,
  modifier: 24,
  batchName: 32,
  category: 20,
  guideline: 80,
  keyword: 20,
} as const;

/** Characters a draft string may hold: no quote, backslash, control character or brace. */
const SAFE_CHAR = String.raw`[^"\\\x00-\x1f{}]`;
const SAFE_FIRST_CHAR = String.raw`[^"\\\x00-\x1f{} ]`;

/** `^first rest{0,max-1}$`: 1..max safe characters, not starting with a space. */
export function boundedTextPattern(max: number): RegExp {
  return new RegExp(`^${SAFE_FIRST_CHAR}${SAFE_CHAR}{0,${max - 1}}$`);
}

const boundedText = (max: number) => z.string().regex(boundedTextPattern(max));
const exactly = <T extends z.ZodType>(item: T, count: number) => z.array(item).length(count);

export const DraftColorSchema = z.strictObject({
  hex: z.string().regex(HEX_COLOR),
  name: boundedText(DRAFT_TEXT_LIMITS.colorName),
});

export const DraftBatchSchema = z.strictObject({
  name: boundedText(DRAFT_TEXT_LIMITS.batchName),
  category: boundedText(DRAFT_TEXT_LIMITS.category),
  priority: z.enum(PRIORITIES),
  subjects: exactly(boundedText(DRAFT_TEXT_LIMITS.subject), DRAFT_SUBJECTS_PER_BATCH),
  modifiers: exactly(boundedText(DRAFT_TEXT_LIMITS.modifier), DRAFT_MODIFIERS_PER_BATCH),
});

export const DraftSchema = z.strictObject({
  primary_style: boundedText(DRAFT_TEXT_LIMITS.style),
  era_influence: boundedText(DRAFT_TEXT_LIMITS.style),
  palette: exactly(DraftColorSchema, DRAFT_PALETTE_COLORS),
  key_characteristics: exactly(boundedText(DRAFT_TEXT_LIMITS.characteristic), DRAFT_KEY_CHARACTERISTICS),
  best_subjects: exactly(boundedText(DRAFT_TEXT_LIMITS.subject), DRAFT_BEST_SUBJECTS),
  avoid_subjects: exactly(boundedText(DRAFT_TEXT_LIMITS.subject), DRAFT_AVOID_SUBJECTS),
  keep_simple: boundedText(DRAFT_TEXT_LIMITS.guideline),
  avoid_style_keywords: exactly(boundedText(DRAFT_TEXT_LIMITS.keyword), DRAFT_GUIDELINE_ITEMS),
  recommended_additions: exactly(boundedText(DRAFT_TEXT_LIMITS.keyword), DRAFT_GUIDELINE_ITEMS),
  batches: z.array(DraftBatchSchema).min(MIN_BATCHES).max(MAX_BATCHES),
});

export type DraftColor = z.infer<typeof DraftColorSchema>;
export type DraftBatch = z.infer<typeof DraftBatchSchema>;
export type Draft = z.infer<typeof DraftSchema>;

/** JSON Schema of the draft, for the grammar compiler (xgrammar `compileJSONSchema`). */
export function draftJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(DraftSchema, { target: 'draft-2020-12' }) as Record<string, unknown>;
  delete schema.$schema;
  return schema;
}

export type DraftParseResult = { ok: true; draft: Draft } | { ok: false; problems: string[] };

/** Model text -> draft, or readable problems (what went wrong, where). */
export function parseDraft(text: string): DraftParseResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [`The output is not JSON: ${error instanceof Error ? error.message : String(error)}`] };
  }
  const parsed = DraftSchema.safeParse(value);
  if (parsed.success) return { ok: true, draft: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`),
  };
}
