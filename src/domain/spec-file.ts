/**
 * Opening a specification file as a new project: this app's JSON export (exports/json.ts, the
 * spec alone), the original desktop app's JSON export (the spec alone, in its shape) or its
 * project file (`{images, imagePaths, srefCode, specification, lastModified}`, images never
 * embedded); shapes and sources in e2e/fixtures/original-app-spec.ts. Any other JSON holding a
 * specification in a shape spec-input.ts can read is accepted too, labelled as converted.
 *
 * Returns the spec in our shape, the style reference the new project should use, and what the
 * file was, so the project can be labelled clearly. All-or-nothing: anything unreadable throws
 * SpecFileError with the reason. This app's `.lora-project` files are read by project-file.ts.
 */
import { SpecFileError, formatBytes } from '../errors';
import { parseSpecificationValue } from './parse-output';
import { holdsSpecification } from './spec-input';
import { PROJECT_FILE_FORMAT } from './project-file';
import { DatasetSpecificationSchema, type DatasetSpecification } from './schema';

/** A 10-batch spec is about 10 KB; anything this large is not one. */
export const MAX_SPEC_FILE_BYTES = 5 * 1024 * 1024;

export type SpecFileSource = 'json-export' | 'original-json-export' | 'original-project-file' | 'converted-json';

export interface SpecFile {
  source: SpecFileSource;
  /** What was opened, to label the new project: "a JSON export of the original desktop app". */
  description: string;
  spec: DatasetSpecification;
  /** The new project's style reference: the original project's own code, else the spec's sref_code. */
  srefCode: string;
  /** What was converted from another shape (empty for this app's own export). */
  changes: string[];
  /** What the file could not carry, for the user to add. */
  missing: string[];
}

const DESCRIPTIONS: Record<SpecFileSource, string> = {
  'json-export': 'a JSON export of this app',
  'original-json-export': 'a JSON export of the original desktop app',
  'original-project-file': 'a project file of the original desktop app',
  'converted-json': 'a specification in another JSON shape, converted',
};

/** `byteLength` is the file's size when known (File.size); otherwise the text length is used. */
export function readSpecFile(text: string, byteLength?: number): SpecFile {
  const size = byteLength ?? text.length;
  if (size > MAX_SPEC_FILE_BYTES) throw new SpecFileError(`it is ${formatBytes(size)}; a specification is far smaller (at most ${formatBytes(MAX_SPEC_FILE_BYTES)}).`);
  const raw = parseJson(text);
  if (!isRecord(raw)) throw new SpecFileError('it holds no specification (expected a JSON object).');
  if (raw.format === PROJECT_FILE_FORMAT) throw new SpecFileError('it is a .lora-project file of this app; open it as a project file.');

  const originalProject = isOriginalProjectFile(raw);
  const specValue = originalProject ? raw.specification : raw;
  if (originalProject && (specValue === null || specValue === undefined)) {
    throw new SpecFileError('this project of the original desktop app was saved before it had a specification; there is nothing to open.');
  }
  if (!holdsSpecification(specValue)) {
    throw new SpecFileError('it holds no specification (no style_analysis or permutation_batches).');
  }
  const parsed = parseSpecificationValue(specValue);
  if (!parsed.ok) throw new SpecFileError(`its specification is incomplete: ${parsed.problems.slice(0, 3).join('; ')}${parsed.problems.length > 3 ? '; …' : ''}.`);

  const source: SpecFileSource = originalProject
    ? 'original-project-file'
    : parsed.changes.length === 0 && DatasetSpecificationSchema.safeParse(specValue).success
      ? 'json-export'
      : isRecord(specValue) && hasOriginalShape(specValue)
        ? 'original-json-export'
        : 'converted-json';
  const projectSref = originalProject && typeof raw.srefCode === 'string' ? raw.srefCode.trim() : '';
  return {
    source,
    description: DESCRIPTIONS[source],
    spec: parsed.spec,
    srefCode: projectSref || parsed.spec.sref_code,
    changes: parsed.changes,
    missing: [missingImages(originalProject ? raw.imagePaths : undefined)],
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new SpecFileError('it is not valid JSON (the file may be damaged or cut short).');
  }
}

/** The original app's ProjectData (its src/types/schema.ts): a specification beside srefCode and image paths. */
function isOriginalProjectFile(raw: Record<string, unknown>): boolean {
  return 'specification' in raw && ('srefCode' in raw || 'imagePaths' in raw);
}

/** Marks of the original app's spec: hex strings in the palette, a distribution map, a yes/no keep_simple. */
function hasOriginalShape(spec: Record<string, unknown>): boolean {
  const analysis = isRecord(spec.style_analysis) ? spec.style_analysis : {};
  const recommendations = isRecord(spec.training_recommendations) ? spec.training_recommendations : {};
  const guidelines = isRecord(spec.prompt_guidelines) ? spec.prompt_guidelines : {};
  const palette = analysis.color_palette;
  return (
    (Array.isArray(palette) && palette.length > 0 && palette.every((colour) => typeof colour === 'string')) ||
    isRecord(recommendations.optimal_subject_distribution) ||
    typeof guidelines.keep_simple === 'boolean'
  );
}

function missingImages(imagePaths: unknown): string {
  const count = Array.isArray(imagePaths) ? imagePaths.length : 0;
  return count > 0
    ? `The style images: the original app kept only their paths on the computer it ran on (${count} ${count === 1 ? 'image' : 'images'}). Add them on step 1 to analyse again or build a training set.`
    : 'The style images: a specification file holds none. Add them on step 1 to analyse again or build a training set.';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
