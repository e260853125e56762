import { describe, expect, it } from 'vitest';
import {
  MAX_PROJECT_FILE_BYTES,
  parseProjectFile,
  PROJECT_FILE_FORMAT,
  PROJECT_FILE_VERSION,
  serializeProjectFile,
  type ProjectImageData,
} from './project-file';
import { ProjectFileError } from '../errors';
import { fixtureSpecification, FIXTURE_SREF } from './spec-fixture.test-helpers';
import type { AcceptedImageType, Project } from './project';
import { imageHeader } from './image-header.test-helpers';

/** An image's header (with its pixel size), then deterministic filler. */
function imageBytes(type: AcceptedImageType, size: number, seed: number, width = 640, height = 480): Uint8Array {
  const bytes = new Uint8Array(size);
  for (let index = 0; index < size; index += 1) bytes[index] = (index * 7 + seed) & 255;
  bytes.set(imageHeader(type, width, height));
  return bytes;
}

function fixtureImages(): ProjectImageData[] {
  const types: AcceptedImageType[] = ['image/png', 'image/jpeg', 'image/webp'];
  return types.map((type, index) => {
    const bytes = imageBytes(type, 500 + index * 123, index);
    const extension = type.replace('image/', '');
    return { meta: { id: `img-${index}`, name: `style-${index}.${extension}`, type, size: bytes.length, width: 640, height: 480 }, bytes };
  });
}

/** A file whose first image is replaced by one of `width`×`height` px, its record saying the same. */
const withFirstImage = (width: number, height: number, size = 500) =>
  edited((file) => {
    file.images[0].data = Buffer.from(imageBytes('image/png', size, 0, width, height)).toString('base64');
    for (const meta of [file.images[0], file.project.images[0]]) Object.assign(meta, { width, height, size });
  });

/** Adds a field with this name as an own property (assignment would set the prototype for `__proto__`). */
const withOwnField = (at: (file: FileShape) => object, name: string) =>
  edited((file) => {
    Object.defineProperty(at(file), name, { value: 'x', enumerable: true, configurable: true, writable: true });
  });

function fixtureProject(images = fixtureImages()): Project {
  return {
    id: 'project-1',
    name: 'Gouache animals',
    createdAt: 1_764_000_000_000,
    updatedAt: 1_764_000_100_000,
    srefCode: FIXTURE_SREF,
    images: images.map((image) => image.meta),
    spec: fixtureSpecification(),
    analysis: { mode_used: 'cloud', fallback_used: false, model: 'claude-sonnet-5-5', completedAt: 1_764_000_050_000 },
    step: 'batches',
    isExample: false,
  };
}

type FileShape = Record<string, any>;
const savedFile = (): FileShape => JSON.parse(serializeProjectFile(fixtureProject(), fixtureImages(), new Date('2026-11-26T12:00:00Z')));
const edited = (change: (file: FileShape) => void) => {
  const file = savedFile();
  change(file);
  return JSON.stringify(file);
};

describe('project files', () => {
  it('round-trips a project with its images', () => {
    const images = fixtureImages();
    const project = fixtureProject(images);
    const text = serializeProjectFile(project, images, new Date('2026-11-26T12:00:00Z'));
    const file = JSON.parse(text);
    expect(file).toMatchObject({ format: PROJECT_FILE_FORMAT, version: PROJECT_FILE_VERSION, savedAt: '2026-11-26T12:00:00.000Z' });
    expect(file.images[0]).toEqual({ ...images[0]?.meta, data: Buffer.from(images[0]!.bytes).toString('base64') });
    expect(parseProjectFile(text)).toEqual({ project, images });
  });

  it('round-trips a project without a spec or images', () => {
    const project = { ...fixtureProject([]), spec: null, analysis: null, step: 'upload' as const };
    expect(parseProjectFile(serializeProjectFile(project, []))).toEqual({ project, images: [] });
  });

  it('accepts a file of exactly the size limit', () => {
    const text = serializeProjectFile(fixtureProject(), fixtureImages());
    expect(parseProjectFile(text, MAX_PROJECT_FILE_BYTES).project.name).toBe('Gouache animals');
  });

  it('returns images in the project order whatever the file order', () => {
    const text = edited((file) => file.images.reverse());
    expect(parseProjectFile(text).images.map((image) => image.meta.id)).toEqual(['img-0', 'img-1', 'img-2']);
  });

  it.each<[string, () => [string, number?], string]>([
    ['too large', () => [serializeProjectFile(fixtureProject(), fixtureImages()), 180 * 1024 * 1024], 'it is 180 MB, more than the 150 MB limit.'],
    ['not JSON', () => ['PK\u0003\u0004 zip bytes'], 'it is not valid JSON (the file may be damaged or cut short).'],
    ['cut short', () => [serializeProjectFile(fixtureProject(), fixtureImages()).slice(0, 300)], 'it is not valid JSON (the file may be damaged or cut short).'],
    ['a JSON array', () => ['[]'], 'it is not a LoRA project file.'],
    ['another format', () => [edited((file) => { file.format = 'other-app'; })], 'it is not a LoRA project file.'],
    ['a bare specification', () => [JSON.stringify(fixtureSpecification())], 'it is not a LoRA project file.'],
    ['a newer version', () => [edited((file) => { file.version = 2; })], 'it was made by a newer version of this app (file version 2; this app reads version 1). Update the app and try again.'],
    ['version 0', () => [edited((file) => { file.version = 0; })], 'its version (0) is not one this app can read.'],
    ['a version written as text', () => [edited((file) => { file.version = '1'; })], 'its version ("1") is not one this app can read.'],
    ['no version', () => [edited((file) => { delete file.version; })], 'its version (missing) is not one this app can read.'],
    ['an unknown top-level field', () => [edited((file) => { file.extra = true; })], "its contents are not valid: document: unknown field 'extra'"],
    ['an unknown project field', () => [edited((file) => { file.project.owner = 'me'; })], "its contents are not valid: project: unknown field 'owner'"],
    ['an unknown field inside the spec', () => [edited((file) => { file.project.spec.style_analysis.mood = 'calm'; })], "it has an unknown field 'project.spec.style_analysis.mood'."],
    ['an unknown field inside a batch', () => [edited((file) => { file.project.spec.permutation_batches[2].seed = 1; })], "it has an unknown field 'project.spec.permutation_batches[2].seed'."],
    ['an unknown field on an image', () => [edited((file) => { file.images[1].exif = {}; })], "its contents are not valid: images[1]: unknown field 'exif'"],
    ['an invalid project', () => [edited((file) => { file.project.name = ''; file.project.step = 'done'; })], 'its contents are not valid: project.name: must not be empty; project.step: expected one of upload|analysis|batches|export'],
    ['a missing savedAt', () => [edited((file) => { delete file.savedAt; })], 'its contents are not valid: savedAt: is missing'],
    ['an image without data', () => [edited((file) => { file.images.splice(1, 1); })], "image 'style-1.jpeg' is missing its data."],
    ['an image the project does not list', () => [edited((file) => { file.images.push({ ...file.images[0], id: 'img-9', name: 'stray.png' }); })], "it contains image 'stray.png' that the project does not list."],
    ['an image twice', () => [edited((file) => { file.images.push(file.images[0]); })], "image 'style-0.png' appears twice."],
    ['image metadata that disagrees with the project', () => [edited((file) => { file.images[2].width = 10; })], "image 'style-2.webp' has a width that differs from the project's record of it."],
    ['damaged base64', () => [edited((file) => { file.images[0].data = `${file.images[0].data.slice(0, -4)}@@@@`; })], "the data of image 'style-0.png' is damaged (not valid base64)."],
    ['fewer bytes than recorded', () => [edited((file) => { file.images[0].data = file.images[0].data.slice(0, 100); })], "image 'style-0.png' has 75 bytes but should have 500."],
    [
      'bytes of another format',
      () => [edited((file) => { file.images[0].data = Buffer.from(imageBytes('image/jpeg', 500, 0)).toString('base64'); })],
      "image 'style-0.png' is not a valid PNG file.",
    ],
    [
      'bytes that are no image',
      () => [edited((file) => { file.images[1].data = Buffer.alloc(623, 65).toString('base64'); })],
      "image 'style-1.jpeg' is not a valid JPEG file.",
    ],
    // Field names every object inherits are still unknown fields.
    ['a "constructor" field in the spec', () => [withOwnField((file) => file.project.spec, 'constructor')], "it has an unknown field 'project.spec.constructor'."],
    ['a "toString" field in a batch', () => [withOwnField((file) => file.project.spec.permutation_batches[0], 'toString')], "it has an unknown field 'project.spec.permutation_batches[0].toString'."],
    ['a "__proto__" field in the style analysis', () => [withOwnField((file) => file.project.spec.style_analysis, '__proto__')], "it has an unknown field 'project.spec.style_analysis.__proto__'."],
    ['a "valueOf" field in a palette colour', () => [withOwnField((file) => file.project.spec.style_analysis.color_palette[1], 'valueOf')], "it has an unknown field 'project.spec.style_analysis.color_palette[1].valueOf'."],
    ['a "hasOwnProperty" field in the guidelines', () => [withOwnField((file) => file.project.spec.prompt_guidelines, 'hasOwnProperty')], "it has an unknown field 'project.spec.prompt_guidelines.hasOwnProperty'."],
    // The limits an upload must meet hold for images inside a project file too.
    ['an image 99,999,999 px wide', () => [withFirstImage(99_999_999, 480)], "image 'style-0.png' is 99999999×480 px; the longest side may be at most 12000 px."],
    ['an image 12,001 px high', () => [withFirstImage(640, 12_001)], "image 'style-0.png' is 640×12001 px; the longest side may be at most 12000 px."],
    ['an image 63 px wide', () => [withFirstImage(63, 480)], "image 'style-0.png' is only 63×480 px; use images at least 64 px on each side."],
    [
      'an image recorded as over 30 MB',
      () => [edited((file) => { file.images[0].size = 31 * 1024 * 1024; file.project.images[0].size = 31 * 1024 * 1024; })],
      "image 'style-0.png' is 31 MB; images up to 30 MB are accepted.",
    ],
    [
      'an image larger than its record says',
      () => [edited((file) => { file.images[0].data = Buffer.from(imageBytes('image/png', 500, 0, 60_000, 60_000)).toString('base64'); })],
      "image 'style-0.png' is 60000×60000 px, but the project records 640×480 px.",
    ],
    [
      'an image whose header is cut off',
      () => [edited((file) => { file.images[2].data = Buffer.from(imageBytes('image/webp', 746, 2).fill(0, 12)).toString('base64'); })],
      "image 'style-2.webp' is not a valid WEBP file.",
    ],
  ])('rejects %s with a clear reason, importing nothing', (_name, make, reason) => {
    const [text, byteLength] = make();
    let thrown: unknown;
    let result: unknown;
    try {
      result = parseProjectFile(text, byteLength);
    } catch (caught) {
      thrown = caught;
    }
    expect(result).toBeUndefined();
    expect(thrown).toBeInstanceOf(ProjectFileError);
    const error = thrown as ProjectFileError;
    expect(error.message).toBe(`This project file cannot be opened: ${reason}`);
    expect(error.kind).toBe('ProjectFile');
    expect(error.action).toContain('Nothing was imported');
  });

  it('accepts images at the limits', () => {
    expect(parseProjectFile(withFirstImage(12_000, 64)).images[0]!.meta).toMatchObject({ width: 12_000, height: 64 });
  });

  it('accepts an image recorded with its sides swapped (an EXIF orientation turned it when it was uploaded)', () => {
    const text = edited((file) => {
      file.images[1].data = Buffer.from(imageBytes('image/jpeg', 623, 1, 480, 640)).toString('base64');
    });
    expect(parseProjectFile(text).images[1]!.meta).toMatchObject({ width: 640, height: 480 });
  });
});
