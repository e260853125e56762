import { describe, expect, it } from 'vitest';
import {
  detectImageType,
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

/** The leading bytes each format starts with, then deterministic filler. */
const SIGNATURES: Record<AcceptedImageType, number[]> = {
  'image/png': [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  'image/jpeg': [0xff, 0xd8, 0xff, 0xe0],
  'image/webp': [0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, 0x57, 0x45, 0x42, 0x50],
};

function imageBytes(type: AcceptedImageType, size: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(size);
  for (let index = 0; index < size; index += 1) bytes[index] = (index * 7 + seed) & 255;
  bytes.set(SIGNATURES[type]);
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

  it.each<[string, number[], AcceptedImageType | null]>([
    ['PNG', SIGNATURES['image/png'], 'image/png'],
    ['JPEG', SIGNATURES['image/jpeg'], 'image/jpeg'],
    ['WEBP', SIGNATURES['image/webp'], 'image/webp'],
    ['RIFF that is not WEBP (WAV)', [0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, 0x57, 0x41, 0x56, 0x45], null],
    ['GIF', [0x47, 0x49, 0x46, 0x38, 0x39, 0x61], null],
    ['too short', [0xff, 0xd8], null],
    ['empty', [], null],
  ])('detects %s', (_name, bytes, type) => {
    expect(detectImageType(new Uint8Array(bytes))).toBe(type);
  });
});
