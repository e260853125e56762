/**
 * `.lora-project` files: a project with its images embedded, as versioned JSON:
 * `{ format: "lora-project", version: 1, savedAt, project, images: [{ ...ImageMeta, data: base64 }] }`.
 *
 * Import is all-or-nothing and strict: size first (before parsing), then JSON, format and
 * version (a newer version says so), the shape with unknown fields rejected at every level,
 * then every image against the project's metadata (same ids, byte size, type confirmed by
 * the file's magic bytes, pixel size read from its header) and against the limits an upload
 * must meet (image-limits.ts). Any failure throws ProjectFileError with the reason.
 */
import { z } from 'zod';
import { ProjectFileError, formatBytes } from '../errors';
import { ImageMetaSchema, ProjectSchema, type ImageMeta, type Project } from './project';
import { Base64Error, decodeBase64, encodeBase64 } from './base64';
import { detectImageType, readImageSize } from './image-header';
import { imageBytesProblem, imageSidesProblem } from './image-limits';
import { formatZodIssues } from './zod-issues';

export const PROJECT_FILE_FORMAT = 'lora-project';
export const PROJECT_FILE_VERSION = 1;
export const MAX_PROJECT_FILE_BYTES = 150 * 1024 * 1024;

export interface ProjectImageData {
  meta: ImageMeta;
  bytes: Uint8Array;
}

const ProjectFileSchema = z.strictObject({
  format: z.literal(PROJECT_FILE_FORMAT),
  version: z.literal(PROJECT_FILE_VERSION),
  savedAt: z.iso.datetime(),
  project: ProjectSchema,
  images: z.array(z.strictObject({ ...ImageMetaSchema.shape, data: z.string() })),
});

export function serializeProjectFile(project: Project, images: ProjectImageData[], savedAt: Date = new Date()): string {
  const file: z.input<typeof ProjectFileSchema> = {
    format: PROJECT_FILE_FORMAT,
    version: PROJECT_FILE_VERSION,
    savedAt: savedAt.toISOString(),
    project,
    images: images.map(({ meta, bytes }) => ({ ...meta, data: encodeBase64(bytes) })),
  };
  return JSON.stringify(file);
}

/** `byteLength` is the file's size when known (File.size); otherwise the text length is used. */
export function parseProjectFile(text: string, byteLength?: number): { project: Project; images: ProjectImageData[] } {
  const size = byteLength ?? text.length;
  if (size > MAX_PROJECT_FILE_BYTES) {
    throw new ProjectFileError(`it is ${formatBytes(size)}, more than the ${formatBytes(MAX_PROJECT_FILE_BYTES)} limit.`);
  }
  const raw = parseJson(text);
  checkFormatAndVersion(raw);
  const parsed = ProjectFileSchema.safeParse(raw, { reportInput: true });
  if (!parsed.success) {
    throw new ProjectFileError(`its contents are not valid: ${formatZodIssues(parsed.error.issues, 3).join('; ')}`);
  }
  const unknown = findUnknownFields(raw, parsed.data);
  if (unknown) throw new ProjectFileError(`it has an unknown field '${unknown}'.`);
  const { project, images } = parsed.data;
  return { project, images: matchImages(project.images, images) };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new ProjectFileError('it is not valid JSON (the file may be damaged or cut short).');
  }
}

function checkFormatAndVersion(raw: unknown): void {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw) || (raw as { format?: unknown }).format !== PROJECT_FILE_FORMAT) {
    throw new ProjectFileError('it is not a LoRA project file.');
  }
  const version = (raw as { version?: unknown }).version;
  if (typeof version === 'number' && Number.isInteger(version) && version > PROJECT_FILE_VERSION) {
    throw new ProjectFileError(`it was made by a newer version of this app (file version ${version}; this app reads version ${PROJECT_FILE_VERSION}). Update the app and try again.`);
  }
  if (version !== PROJECT_FILE_VERSION) throw new ProjectFileError(`its version (${JSON.stringify(version) ?? 'missing'}) is not one this app can read.`);
}

/**
 * Every image the project lists must come with exactly its bytes, and nothing else may come.
 * Returned in the project's order.
 */
function matchImages(metas: readonly ImageMeta[], entries: readonly (ImageMeta & { data: string })[]): ProjectImageData[] {
  const byId = new Map<string, ImageMeta & { data: string }>();
  for (const entry of entries) {
    if (byId.has(entry.id)) throw new ProjectFileError(`image '${entry.name}' appears twice.`);
    if (!metas.some((meta) => meta.id === entry.id)) throw new ProjectFileError(`it contains image '${entry.name}' that the project does not list.`);
    byId.set(entry.id, entry);
  }
  return metas.map((meta) => {
    const entry = byId.get(meta.id);
    if (!entry) throw new ProjectFileError(`image '${meta.name}' is missing its data.`);
    const { data, ...entryMeta } = entry;
    const differing = (Object.keys(meta) as (keyof ImageMeta)[]).find((key) => meta[key] !== entryMeta[key]);
    if (differing) throw new ProjectFileError(`image '${meta.name}' has a ${differing} that differs from the project's record of it.`);
    const bytesProblem = imageBytesProblem(meta.size);
    if (bytesProblem) throw new ProjectFileError(`image '${meta.name}' ${bytesProblem}`);
    let bytes: Uint8Array;
    try {
      bytes = decodeBase64(data);
    } catch (caught) {
      if (caught instanceof Base64Error) throw new ProjectFileError(`the data of image '${meta.name}' is damaged (not valid base64).`);
      throw caught;
    }
    if (bytes.length !== meta.size) {
      throw new ProjectFileError(`image '${meta.name}' has ${bytes.length} bytes but should have ${meta.size}.`);
    }
    const size = detectImageType(bytes) === meta.type ? readImageSize(bytes) : null;
    if (!size) throw new ProjectFileError(`image '${meta.name}' is not a valid ${meta.type.replace('image/', '').toUpperCase()} file.`);
    // The upload recorded the decoded size, which an EXIF orientation may have turned by 90°.
    const sameSides = (size.width === meta.width && size.height === meta.height) || (size.width === meta.height && size.height === meta.width);
    if (!sameSides) {
      throw new ProjectFileError(`image '${meta.name}' is ${size.width}×${size.height} px, but the project records ${meta.width}×${meta.height} px.`);
    }
    const sidesProblem = imageSidesProblem(size.width, size.height);
    if (sidesProblem) throw new ProjectFileError(`image '${meta.name}' ${sidesProblem}`);
    return { meta, bytes };
  });
}

/**
 * Schemas from project.ts are strict, but the spec schema (shared with model output) strips
 * unknown keys. Comparing the raw input with the parsed result finds any key that was dropped,
 * so unknown fields are rejected at every depth. Returns the first one's path, or null.
 */
function findUnknownFields(raw: unknown, parsed: unknown, path = ''): string | null {
  if (Array.isArray(raw) && Array.isArray(parsed)) {
    for (let index = 0; index < raw.length; index += 1) {
      const found = findUnknownFields(raw[index], parsed[index], `${path}[${index}]`);
      if (found) return found;
    }
    return null;
  }
  if (isRecord(raw) && isRecord(parsed)) {
    for (const key of Object.keys(raw)) {
      const childPath = path ? `${path}.${key}` : key;
      // Own keys only: `key in` would let "constructor" or "toString" pass as known fields.
      if (!Object.hasOwn(parsed, key)) return childPath;
      const found = findUnknownFields(raw[key], parsed[key], childPath);
      if (found) return found;
    }
  }
  return null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
