/**
 * Midjourney style references: `--sref` values, `--sw` and `--sv`.
 *
 * Rules followed (Midjourney docs as summarised in FACTS.md §7):
 * - values: numeric style codes of any length, `random`, http(s) image URLs (s.mj.run links
 *   have no file extension, so any http(s) URL is accepted), several separated by spaces;
 * - each value may carry `::weight`. Midjourney's `::` weights accept negative numbers (as in
 *   multi-prompts) as long as the total stays positive, so we accept any number and reject a
 *   total of 0 or less; an unweighted value counts as 1;
 * - `--sw` 0-1000 (default 100, whole numbers), `--sv` a whole version number (4 and 6 take codes).
 * - No alias such as `--style-ref` exists, so none is recognised.
 *
 * `canonical` is the value string stored in the project: values then `--sw`/`--sv` when given,
 * e.g. "1234567890::2 https://x/y.png --sw 250". `formatStyleReference` prefixes `--sref `.
 */
import { scanPromptParameters, type PromptParameter } from './prompt-parameters';

export { parsePromptParameters } from './prompt-parameters';

export type SrefValue =
  | { kind: 'code'; value: string; weight?: number }
  | { kind: 'random'; value: 'random'; weight?: number }
  | { kind: 'url'; value: string; weight?: number };

export interface StyleReference {
  values: SrefValue[];
  sw?: number;
  sv?: number;
}

export type SrefParseResult = { ok: true; reference: StyleReference; canonical: string } | { ok: false; error: string };

export const DEFAULT_STYLE_WEIGHT = 100;
export const MAX_STYLE_WEIGHT = 1000;

const WEIGHT = /^-?(?:\d+(?:\.\d+)?|\.\d+)$/;
const WHOLE_NUMBER = /^\d+$/;
const URL_PATTERN = /^https?:\/\/[^\s/?#]+\S*$/i;

type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/** Parses the user's style reference field: "1234567890", "--sref 123 456::2 --sw 250", URLs, random. */
export function parseSrefInput(text: string): SrefParseResult {
  const tokens = text.trim().split(/\s+/).filter(Boolean).map(normaliseDashes);
  if (tokens.length === 0) return { ok: false, error: "Enter a style code, 'random' or an image URL." };
  let index = 0;
  if (tokens[0]?.toLowerCase() === '--sref') index += 1;
  const valueTokens: string[] = [];
  while (index < tokens.length && !isParameterToken(tokens[index] as string)) valueTokens.push(tokens[index++] as string);
  if (valueTokens.length === 0) {
    const first = tokens[index];
    return {
      ok: false,
      error: index === 0 && first ? `Start with the style code, 'random' or an image URL, not '${first}'.` : "Add a style code, 'random' or an image URL after --sref.",
    };
  }
  const values = parseValues(valueTokens);
  if (!values.ok) return values;
  const reference: StyleReference = { values: values.value };
  while (index < tokens.length) {
    const flag = (tokens[index] as string).toLowerCase();
    const argument = tokens[index + 1];
    if (flag === '--sref') return { ok: false, error: 'Give --sref only once; list several values after it, separated by spaces.' };
    if (flag !== '--sw' && flag !== '--sv') {
      return { ok: false, error: `'${tokens[index]}' cannot be part of the style reference; only --sw and --sv may follow it.` };
    }
    const key = flag === '--sw' ? 'sw' : 'sv';
    if (reference[key] !== undefined) return { ok: false, error: `Give ${flag} only once.` };
    const parsed = key === 'sw' ? parseStyleWeight(argument ?? '') : parseStyleVersion(argument ?? '');
    if (!parsed.ok) return parsed;
    reference[key] = parsed.value;
    index += 2;
    const extra = tokens[index];
    if (extra !== undefined && !isParameterToken(extra)) return { ok: false, error: `${flag} takes a single number; remove '${extra}'.` };
  }
  return { ok: true, reference, canonical: canonicalStyleReference(reference) };
}

export type StyleReferenceInspection =
  | { status: 'missing' }
  | { status: 'invalid'; error: string }
  | { status: 'found'; reference: StyleReference; duplicated: boolean };

/** What a prompt says about its style reference, with the reason when it cannot be read. */
export function inspectStyleReference(prompt: string): StyleReferenceInspection {
  return inspectStyleParameters(scanPromptParameters(prompt));
}

/** The same, from parameters already scanned (the validator scans each prompt once). */
export function inspectStyleParameters(parameters: readonly PromptParameter[]): StyleReferenceInspection {
  const named = (name: string) => parameters.filter((parameter) => parameter.name.toLowerCase() === name);
  const [sref, ...extraSrefs] = named('sref');
  if (!sref) return { status: 'missing' };
  if (sref.value.includes('{')) {
    return { status: 'invalid', error: 'The --sref is permuted; every job must use the same style reference.' };
  }
  const tokens = sref.value.split(/\s+/).filter(Boolean);
  if (tokens.length === 0) return { status: 'invalid', error: "--sref has no value; add a style code, 'random' or an image URL." };
  const values = parseValues(tokens);
  if (!values.ok) return { status: 'invalid', error: values.error };
  const reference: StyleReference = { values: values.value };
  const [sw, ...extraSw] = named('sw');
  const [sv, ...extraSv] = named('sv');
  if (sw) {
    const parsed = parseStyleWeight(sw.value);
    if (!parsed.ok) return { status: 'invalid', error: parsed.error };
    reference.sw = parsed.value;
  }
  if (sv) {
    const parsed = parseStyleVersion(sv.value);
    if (!parsed.ok) return { status: 'invalid', error: parsed.error };
    reference.sv = parsed.value;
  }
  const duplicated = extraSrefs.length + extraSw.length + extraSv.length > 0;
  return { status: 'found', reference, duplicated };
}

/** The prompt's style reference, or null when it has none or it cannot be read. */
export function extractStyleReference(prompt: string): StyleReference | null {
  const inspection = inspectStyleReference(prompt);
  return inspection.status === 'found' ? inspection.reference : null;
}

/** "--sref 123 456::2 --sw 200" */
export function formatStyleReference(reference: StyleReference): string {
  return `--sref ${canonicalStyleReference(reference)}`;
}

/** The stored form: "123 456::2 --sw 200" (what parseSrefInput returns as `canonical`). */
export function canonicalStyleReference(reference: StyleReference): string {
  const values = reference.values.map((value) => (value.weight === undefined ? value.value : `${value.value}::${value.weight}`));
  const tail = [
    ...(reference.sw === undefined ? [] : [`--sw ${reference.sw}`]),
    ...(reference.sv === undefined ? [] : [`--sv ${reference.sv}`]),
  ];
  return [...values, ...tail].join(' ');
}

/**
 * Same style for Midjourney: the same values with the same weights in any order (a blend
 * does not depend on order), the same --sw (absent = 100) and the same --sv.
 */
export function sameStyleReference(a: StyleReference, b: StyleReference): boolean {
  const key = (reference: StyleReference) =>
    reference.values
      .map((value) => `${value.kind}:${value.value}::${value.weight ?? 1}`)
      .sort()
      .join(' ');
  return (
    key(a) === key(b) &&
    (a.sw ?? DEFAULT_STYLE_WEIGHT) === (b.sw ?? DEFAULT_STYLE_WEIGHT) &&
    a.sv === b.sv
  );
}

function parseValues(tokens: readonly string[]): Parsed<SrefValue[]> {
  const values: SrefValue[] = [];
  for (const token of tokens) {
    const parsed = parseValue(token);
    if (!parsed.ok) return parsed;
    values.push(parsed.value);
  }
  const weighted = values.some((value) => value.weight !== undefined);
  const total = values.reduce((sum, value) => sum + (value.weight ?? 1), 0);
  if (weighted && total <= 0) return { ok: false, error: 'The --sref weights must add up to more than 0.' };
  return { ok: true, value: values };
}

function parseValue(token: string): Parsed<SrefValue> {
  const split = token.lastIndexOf('::');
  let base = token;
  let weight: number | undefined;
  if (split >= 0) {
    const suffix = token.slice(split + 2);
    if (WEIGHT.test(suffix)) {
      base = token.slice(0, split);
      weight = Number(suffix);
    } else if (!URL_PATTERN.test(token)) {
      // A URL may hold '::' itself (IPv6 hosts); anything else with '::' meant a weight.
      return { ok: false, error: `'::${suffix}' is not a valid weight; use a number such as ::2.` };
    }
  }
  const withWeight = <T extends SrefValue>(value: T): Parsed<SrefValue> => ({
    ok: true,
    value: weight === undefined ? value : { ...value, weight },
  });
  if (WHOLE_NUMBER.test(base)) return withWeight({ kind: 'code', value: base });
  if (base.toLowerCase() === 'random') return withWeight({ kind: 'random', value: 'random' });
  if (URL_PATTERN.test(base)) return withWeight({ kind: 'url', value: base });
  return { ok: false, error: `'${base}' is not a style code, 'random' or an image URL.` };
}

function parseStyleWeight(text: string): Parsed<number> {
  const value = text.trim();
  if (!WHOLE_NUMBER.test(value)) return { ok: false, error: `--sw must be a whole number between 0 and ${MAX_STYLE_WEIGHT}.` };
  const weight = Number(value);
  if (weight > MAX_STYLE_WEIGHT) return { ok: false, error: `--sw must be between 0 and ${MAX_STYLE_WEIGHT}.` };
  return { ok: true, value: weight };
}

function parseStyleVersion(text: string): Parsed<number> {
  const value = text.trim();
  if (!WHOLE_NUMBER.test(value) || Number(value) < 1) return { ok: false, error: '--sv must be a version number such as 4 or 6.' };
  return { ok: true, value: Number(value) };
}

function normaliseDashes(token: string): string {
  return token.startsWith('\u2014') ? `--${token.slice(1)}` : token;
}

function isParameterToken(token: string): boolean {
  return /^--[A-Za-z]/.test(token);
}
