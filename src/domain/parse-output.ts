/**
 * Reads a dataset specification out of a model's raw text: plain JSON, JSON in ``` fences, or
 * JSON surrounded by prose. The object is read liberally (spec-input.ts), checked with the one
 * schema and normalised; problems come back as readable lines the engine can show the user or
 * send back in a repair request.
 */
import { DatasetSpecificationSchema, type DatasetSpecification } from './schema';
import { normalizeSpecification } from './normalize';
import { normalizeSpecificationInput } from './spec-input';
import { formatZodIssues } from './zod-issues';

export type ParseSpecificationResult =
  | { ok: true; spec: DatasetSpecification; /** What spec-input.ts converted (empty for our own shape). */ changes: string[] }
  | { ok: false; problems: string[] };

export function parseSpecificationText(text: string): ParseSpecificationResult {
  const json = findJsonObject(text);
  if (!json.ok) return { ok: false, problems: [json.problem] };
  return parseSpecificationValue(json.value);
}

/** A parsed JSON value -> our specification: other shapes converted, then the schema, then the canonical form. */
export function parseSpecificationValue(value: unknown): ParseSpecificationResult {
  const input = normalizeSpecificationInput(value);
  const parsed = DatasetSpecificationSchema.safeParse(input.value, { reportInput: true });
  if (!parsed.success) return { ok: false, problems: formatZodIssues(parsed.error.issues) };
  return { ok: true, spec: normalizeSpecification(parsed.data), changes: input.changes };
}
type JsonSearch = { ok: true; value: Record<string, unknown> } | { ok: false; problem: string };

/** Tries the whole text, then each fenced block, then each balanced {...} span, in that order. */
function findJsonObject(text: string): JsonSearch {
  const candidates = [text.trim(), ...fencedBlocks(text), ...balancedObjects(text)];
  let firstError: string | null = null;
  for (const candidate of candidates) {
    if (!candidate.startsWith('{')) continue;
    try {
      const value: unknown = JSON.parse(candidate);
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) return { ok: true, value: value as Record<string, unknown> };
    } catch (caught) {
      firstError ??= caught instanceof Error ? caught.message : String(caught);
    }
  }
  if (firstError !== null) return { ok: false, problem: `The JSON is malformed (${firstError}); it may have been cut short.` };
  return { ok: false, problem: 'The response contains no JSON object.' };
}

function fencedBlocks(text: string): string[] {
  return [...text.matchAll(/```[\w-]*[ \t]*\r?\n([\s\S]*?)```/g)].map((match) => (match[1] ?? '').trim());
}

/** Top-level {...} spans, skipping braces inside JSON strings; an unclosed span runs to the end. */
function balancedObjects(text: string): string[] {
  const spans: string[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (inString) {
      if (char === '\\') index += 1;
      else if (char === '"') inString = false;
    } else if (char === '"' && depth > 0) {
      inString = true;
    } else if (char === '{') {
      if (depth === 0) start = index;
      depth += 1;
    } else if (char === '}' && depth > 0) {
      depth -= 1;
      if (depth === 0) spans.push(text.slice(start, index + 1));
    }
  }
  if (depth > 0 && start >= 0) spans.push(text.slice(start));
  return spans;
}
