/**
 * The compact draft the offline model fills under a grammar. The model writes only what needs
 * judgement (style words, batch names, subjects, modifiers); the code writes the prompts, counts
 * and numbers (assemble.ts), so every batch has exactly 40 jobs whatever the model does.
 *
 * One zod schema validates the parsed output and produces the grammar's JSON Schema. Built for
 * a grammar that compiles in milliseconds (FACTS.md section 5, and measured: every bounded
 * string, maxLength or `{0,N}` pattern alike, added 1-2 s of xgrammar compile time, 22 s for
 * this draft):
 * - strings use an unbounded `pattern` (no `"`, `\`, control characters, braces or leading
 *   space: no JSON escapes, nothing that breaks JSON.parse, no permutation syntax); their length
 *   limits (`maxLength` here) are taken out of the grammar schema and enforced token by token
 *   while decoding (`draftGrammarSchema`, `draftStringLimits`);
 * - arrays have exact counts (minItems = maxItems) except the batch list (8-10);
 * - objects are strict, properties generated in the order written: style first, so the model
 *   describes the images before it plans batches.
 */
import { z } from 'zod';
import { HEX_COLOR, JOBS_PER_BATCH, MAX_BATCHES, MIN_BATCHES, PRIORITIES } from './schema';

export const DRAFT_SUBJECTS_PER_BATCH = 8;
export const DRAFT_MODIFIERS_PER_BATCH = JOBS_PER_BATCH / DRAFT_SUBJECTS_PER_BATCH;
export const DRAFT_PALETTE_COLORS = 5;
export const DRAFT_KEY_CHARACTERISTICS = 4;
export const DRAFT_BEST_SUBJECTS = 4;
export const DRAFT_AVOID_SUBJECTS = 2;
export const DRAFT_GUIDELINE_ITEMS = 2;

/**
 * Longest text per field: the decoder stops a string at this many UTF-8 bytes (characters, for
 * English). Chosen so a complete draft stays near 1,500 tokens even when a model fills every
 * string to its limit (measured in tests/offline).
 */
export const DRAFT_TEXT_LIMITS = {
  style: 40,
  colorName: 20,
  characteristic: 40,
  subject: 24,
  modifier: 20,
  batchName: 28,
  category: 20,
  guideline: 64,
  keyword: 20,
} as const;

/** No `"`, `\`, control characters, `{` or `}`; the first character is not a space either. */
export const DRAFT_TEXT_PATTERN = /^[^"\\\x00-\x1f\x7f{} ][^"\\\x00-\x1f\x7f{}]*$/;

/**
 * The decoder lets a character it started before the limit finish: up to 3 more bytes. Each byte
 * decodes to at most one UTF-16 unit, so the schema allows the limit plus these 3.
 */
export const CHARACTER_OVERRUN = 3;

const boundedText = (limit: number) => z.string().regex(DRAFT_TEXT_PATTERN).max(limit + CHARACTER_OVERRUN);
const exactly = <T extends z.ZodType>(item: T, count: number) => z.array(item).length(count);

export const DraftColorSchema = z.strictObject({
  hex: z.string().regex(HEX_COLOR),
  name: boundedText(DRAFT_TEXT_LIMITS.colorName),
});

export const DraftBatchSchema = z.strictObject({
  batch_name: boundedText(DRAFT_TEXT_LIMITS.batchName),
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

type JsonSchemaNode = Record<string, unknown>;

function draftJsonSchema(): JsonSchemaNode {
  const schema = z.toJSONSchema(DraftSchema, { target: 'draft-2020-12' }) as JsonSchemaNode;
  delete schema.$schema;
  return schema;
}

/** Visits every schema node with the property name it sits under (array items keep the array's). */
function walk(node: JsonSchemaNode, key: string, visit: (node: JsonSchemaNode, key: string) => void): void {
  visit(node, key);
  const properties = node.properties as Record<string, JsonSchemaNode> | undefined;
  for (const [name, child] of Object.entries(properties ?? {})) walk(child, name, visit);
  if (node.items) walk(node.items as JsonSchemaNode, key, visit);
}

/**
 * The JSON Schema the grammar is compiled from: the draft schema without string length
 * keywords (the decoder enforces them, see `draftStringLimits`).
 */
export function draftGrammarSchema(): JsonSchemaNode {
  const schema = draftJsonSchema();
  walk(schema, '', (node) => {
    delete node.maxLength;
    delete node.minLength;
  });
  return schema;
}

/**
 * The decoder's limit per property name (array items take their array's name), in UTF-8 bytes:
 * `DRAFT_TEXT_LIMITS`, read back from the schema. Property names are unique across the draft, so
 * the name alone identifies the field.
 */
export function draftStringLimits(): Record<string, number> {
  const limits: Record<string, number> = {};
  walk(draftJsonSchema(), '', (node, key) => {
    if (node.type !== 'string' || typeof node.maxLength !== 'number') return;
    const limit = node.maxLength - CHARACTER_OVERRUN;
    if (key in limits && limits[key] !== limit) throw new Error(`Draft property "${key}" has two different length limits.`);
    limits[key] = limit;
  });
  return limits;
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
