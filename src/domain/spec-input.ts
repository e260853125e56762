/**
 * Be liberal in what you accept: turns a specification written in another shape into ours,
 * before the schema checks it. Model answers from endpoints that ignore structured output, and
 * files written by the original desktop app, carry the same content in other shapes; refusing
 * them would throw away a usable analysis. What is written is always our one schema.
 *
 * The original app's shape (rzem-ai/rzem-ai-mj-lora: src/types/schema.ts, the prompt in
 * src-tauri/src/claude.rs, src/utils/validation.ts; summarised in FACTS.md section 7):
 * - `color_palette` is a list of hex strings: each becomes {hex, name}, the name measured from
 *   the colour by the same namer as the pixel palette (or the name written beside the code);
 * - `optimal_subject_distribution` is a {category: share} map, shares as numbers, fractions
 *   (0.3) or text ("30%"): it becomes our list; fractions become percentages in normalize.ts;
 * - `keep_simple` is a boolean: it becomes the advice it stood for;
 * - a batch's `notes` is optional: missing notes become "";
 * - its prompt shows two items per list, where we need three key characteristics and three
 *   best subjects: short lists are padded only from the spec's own content (below), never
 *   invented; what cannot be derived is left for the validator and the repair round.
 * Other plausible variants: the spec wrapped in one key ({"specification": {...}}), sref_code as
 * a number, numbers as text ("40", "120 images"), palette entries as {color, percentage} or
 * "navy (#1E3A8A)", distribution entries as {name, share} or "nature: 30%", phrase lists as one
 * text (split at line breaks and semicolons; keyword lists also at commas), priorities in any case.
 *
 * Every conversion is listed in `changes`, so callers can say the input was converted. Values
 * that fit none of these shapes are passed on untouched for the schema to report.
 */
import { MIN_BEST_SUBJECTS, MIN_KEY_CHARACTERISTICS } from './schema';
import { foldPriority } from './normalize';
import { nameFromHex, readColourText, readNumber } from './spec-input-values';

export interface SpecificationInput {
  value: unknown;
  /** Sentences saying what was converted or derived; empty when the input was already our shape. */
  changes: string[];
}

type JsonRecord = Record<string, unknown>;

const WRAPPER_KEYS = ['specification', 'dataset_specification', 'spec', 'datasetSpecification'] as const;
const SHARE_KEYS = ['percentage', 'share', 'percent', 'proportion', 'coverage', 'weight'] as const;
const CATEGORY_FIRST = /^\s*(.*?\S)\s*[:=–-]\s*(\d[\d.,]*\s*%?)\s*$/;
const SHARE_FIRST = /^\s*(\d[\d.,]*\s*%?)\s+(.*\S)\s*$/;

export function normalizeSpecificationInput(raw: unknown): SpecificationInput {
  const changes: string[] = [];
  const spec = unwrap(raw, changes);
  if (!isRecord(spec)) return { value: raw, changes: [] };
  const value: JsonRecord = { ...spec };
  if (typeof value.sref_code === 'number') value.sref_code = String(value.sref_code);
  if (Array.isArray(value.permutation_batches)) value.permutation_batches = value.permutation_batches.map(liftBatch);
  if (isRecord(value.training_recommendations)) value.training_recommendations = liftRecommendations(value.training_recommendations, changes);
  if (isRecord(value.prompt_guidelines)) value.prompt_guidelines = liftGuidelines(value.prompt_guidelines, changes);
  if (isRecord(value.style_analysis)) value.style_analysis = liftStyleAnalysis(value.style_analysis, value, changes);
  return { value, changes };
}

/** True when the value is a specification in any shape this module reads, or wraps one. */
export function holdsSpecification(raw: unknown): boolean {
  const spec = unwrap(raw, []);
  return isRecord(spec) && ('permutation_batches' in spec || 'style_analysis' in spec);
}

/** A spec wrapped in one key is unwrapped; anything else is returned as it is. */
function unwrap(raw: unknown, changes: string[]): unknown {
  if (!isRecord(raw) || 'permutation_batches' in raw) return raw;
  const keys = Object.keys(raw);
  const key = WRAPPER_KEYS.find((candidate) => keys.length === 1 && keys[0] === candidate);
  if (key === undefined || !isRecord(raw[key])) return raw;
  changes.push(`The specification was read from inside "${key}".`);
  return raw[key];
}

function liftBatch(batch: unknown): unknown {
  if (!isRecord(batch)) return batch;
  const lifted: JsonRecord = { ...batch, batch_number: readNumber(batch.batch_number), image_count: readNumber(batch.image_count) };
  if (typeof batch.priority === 'string') lifted.priority = foldPriority(batch.priority);
  // The original app's notes were optional.
  if (batch.notes === undefined || batch.notes === null) lifted.notes = '';
  return lifted;
}

function liftRecommendations(recommendations: JsonRecord, changes: string[]): JsonRecord {
  const lifted: JsonRecord = { ...recommendations, recommended_dataset_size: readNumber(recommendations.recommended_dataset_size) };
  const distribution = recommendations.optimal_subject_distribution;
  if (isRecord(distribution)) {
    lifted.optimal_subject_distribution = Object.entries(distribution).map(([category, share]) => ({ category, percentage: readNumber(share) }));
    changes.push('The subject distribution was a {category: share} map; it is now a list.');
  } else if (Array.isArray(distribution)) {
    lifted.optimal_subject_distribution = distribution.map(liftSubjectShare);
  }
  return lifted;
}

/** {name|subject|label, share|percent|...}, "nature: 30%" or "30% nature" -> {category, percentage}. */
function liftSubjectShare(entry: unknown): unknown {
  if (typeof entry === 'string') {
    const categoryFirst = CATEGORY_FIRST.exec(entry);
    if (categoryFirst) return { category: categoryFirst[1], percentage: readNumber(categoryFirst[2]) };
    const shareFirst = SHARE_FIRST.exec(entry);
    return shareFirst ? { category: shareFirst[2], percentage: readNumber(shareFirst[1]) } : entry;
  }
  if (!isRecord(entry)) return entry;
  const category = entry.category ?? entry.name ?? entry.subject ?? entry.label;
  return { category, percentage: readNumber(firstOf(entry, SHARE_KEYS)) };
}

function liftGuidelines(guidelines: JsonRecord, changes: string[]): JsonRecord {
  const lifted: JsonRecord = {
    ...guidelines,
    avoid_style_keywords: liftPhraseList(guidelines.avoid_style_keywords, { splitCommas: true }),
    recommended_additions: liftPhraseList(guidelines.recommended_additions, { splitCommas: true }),
  };
  const keepSimple = guidelines.keep_simple;
  if (typeof keepSimple === 'boolean') {
    // The advice the original app's flag stood for (its Markdown export: "Keep Prompts Simple: Yes - let the SREF handle styling").
    lifted.keep_simple = keepSimple
      ? 'Keep prompts simple: a plain subject and one variation; let the --sref carry the style.'
      : 'Prompts may be more detailed for this style; still leave style words out and let the --sref carry the style.';
    changes.push('keep_simple was a yes/no flag; it is now the advice it stood for.');
  } else if (Array.isArray(keepSimple) && keepSimple.every((item) => typeof item === 'string')) {
    lifted.keep_simple = keepSimple.join(' ');
  }
  return lifted;
}

function liftStyleAnalysis(analysis: JsonRecord, spec: JsonRecord, changes: string[]): JsonRecord {
  const lifted: JsonRecord = {
    ...analysis,
    key_characteristics: liftPhraseList(analysis.key_characteristics),
    best_subjects: liftPhraseList(analysis.best_subjects),
    avoid_subjects: liftPhraseList(analysis.avoid_subjects),
  };
  if (Array.isArray(analysis.color_palette)) {
    let named = 0;
    lifted.color_palette = analysis.color_palette.map((entry) => {
      const colour = liftPaletteColour(entry);
      if (colour.derivedName) named += 1;
      return colour.value;
    });
    if (named > 0) changes.push(`${named} palette ${named === 1 ? 'colour was' : 'colours were'} given as a bare hex code; the ${named === 1 ? 'name was' : 'names were'} measured from the colour.`);
  }
  padFromOwnContent(lifted, 'key_characteristics', MIN_KEY_CHARACTERISTICS, characteristicsFrom(lifted), changes);
  padFromOwnContent(lifted, 'best_subjects', MIN_BEST_SUBJECTS, subjectsFrom(spec), changes);
  return lifted;
}

/** "#1E3A8A", "navy (#1E3A8A)" or {hex|color|colour|hex_code, name, share|percentage|...} -> {hex, name, share?}. */
function liftPaletteColour(entry: unknown): { value: unknown; derivedName: boolean } {
  if (typeof entry === 'string') {
    const colour = readColourText(entry);
    if (!colour) return { value: entry, derivedName: false };
    return { value: { hex: colour.hex, name: colour.name ?? nameFromHex(colour.hex) }, derivedName: colour.name === null };
  }
  if (!isRecord(entry)) return { value: entry, derivedName: false };
  const code = entry.hex ?? entry.color ?? entry.colour ?? entry.hex_code ?? entry.code;
  const colour = typeof code === 'string' ? readColourText(code) : null;
  if (!colour) return { value: entry, derivedName: false };
  const written = typeof entry.name === 'string' && entry.name.trim() !== '' ? entry.name : colour.name;
  const share = readNumber(firstOf(entry, SHARE_KEYS));
  return {
    value: { hex: colour.hex, name: written ?? nameFromHex(colour.hex), ...(share === undefined || share === null ? {} : { share }) },
    derivedName: written === null,
  };
}

/** One text instead of a list: split at line breaks and semicolons (and commas for keyword lists), bullets dropped. */
function liftPhraseList(value: unknown, options: { splitCommas?: boolean } = {}): unknown {
  const items = typeof value === 'string' ? value.split(options.splitCommas ? /[\r\n;,]+/ : /[\r\n;]+/) : value;
  if (!Array.isArray(items)) return value;
  return items.flatMap((item) => {
    if (typeof item !== 'string') return [item];
    const phrase = item.replace(/^\s*(?:[-*•]|\d+[.)])\s+/, '').trim();
    return phrase === '' ? [] : [phrase];
  });
}

/**
 * Tops a short list up to the schema's minimum with candidates taken from the spec itself (not
 * already in the list, case-insensitive). Stops short, for the validator to report, when the spec
 * does not hold enough.
 */
function padFromOwnContent(analysis: JsonRecord, key: string, minimum: number, candidates: string[], changes: string[]): void {
  const list = analysis[key];
  if (!Array.isArray(list) || list.length >= minimum || !list.every((item) => typeof item === 'string')) return;
  const seen = new Set(list.map((item: string) => item.toLowerCase()));
  const added: string[] = [];
  for (const candidate of candidates) {
    if (list.length + added.length >= minimum) break;
    const phrase = candidate.trim();
    if (phrase === '' || seen.has(phrase.toLowerCase())) continue;
    seen.add(phrase.toLowerCase());
    added.push(phrase);
  }
  if (added.length === 0) return;
  analysis[key] = [...list, ...added];
  changes.push(`${key} had ${list.length}; added from the spec's own analysis: ${added.map((phrase) => `“${phrase}”`).join(', ')}.`);
}

/** Traits the analysis itself states: its palette, its primary style, its era. */
function characteristicsFrom(analysis: JsonRecord): string[] {
  const names = Array.isArray(analysis.color_palette)
    ? analysis.color_palette.flatMap((colour) => (isRecord(colour) && typeof colour.name === 'string' ? [colour.name.trim()] : [])).filter(Boolean)
    : [];
  const palette = names.length >= 2 ? `palette of ${joinWords(names.slice(0, 3))}` : '';
  const style = typeof analysis.primary_style === 'string' ? analysis.primary_style : '';
  const era = typeof analysis.era_influence === 'string' && analysis.era_influence.trim() !== '' ? `draws on ${analysis.era_influence.trim()}` : '';
  return [palette, style, era].filter((phrase) => phrase.length <= 120);
}

/** Subjects the spec's own plan covers: its batch categories, then its distribution's categories. */
function subjectsFrom(spec: JsonRecord): string[] {
  const batches = Array.isArray(spec.permutation_batches) ? spec.permutation_batches : [];
  const categories = batches.flatMap((batch) => (isRecord(batch) && typeof batch.category === 'string' ? [batch.category] : []));
  const recommendations = isRecord(spec.training_recommendations) ? spec.training_recommendations : {};
  const distribution = Array.isArray(recommendations.optimal_subject_distribution) ? recommendations.optimal_subject_distribution : [];
  const shares = distribution.flatMap((share) => (isRecord(share) && typeof share.category === 'string' ? [share.category] : []));
  return [...categories, ...shares].filter((subject) => subject.length <= 60);
}

function firstOf(record: JsonRecord, keys: readonly string[]): unknown {
  for (const key of keys) if (record[key] !== undefined && record[key] !== null) return record[key];
  return undefined;
}

function joinWords(words: readonly string[]): string {
  return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
