import { describe, expect, it } from 'vitest';
import { originalAppProjectFile, originalAppSpecification } from '../../e2e/fixtures/original-app-spec';
import { SpecFileError } from '../errors';
import { EXAMPLE_SPEC } from './example-spec';
import { exportJson } from './exports/json';
import { serializeProjectFile } from './project-file';
import { MAX_SPEC_FILE_BYTES, readSpecFile } from './spec-file';
import { fixtureSpecification } from './spec-fixture.test-helpers';
import { validateSpecification } from './validate';

const context = { projectName: 'Foxes', srefCode: '1234567890', analysis: null, exportedAt: new Date(0), isExample: false };

function refusal(text: string, byteLength?: number): string {
  try {
    readSpecFile(text, byteLength);
  } catch (error) {
    expect(error).toBeInstanceOf(SpecFileError);
    return (error as SpecFileError).message;
  }
  throw new Error('expected the file to be refused');
}

describe('readSpecFile recognises', () => {
  it.each([fixtureSpecification(), fixtureSpecification(10), EXAMPLE_SPEC])('this app’s JSON export, unchanged', (spec) => {
    const file = readSpecFile(exportJson(spec, context));
    expect(file).toMatchObject({ source: 'json-export', description: 'a JSON export of this app', spec, srefCode: spec.sref_code, changes: [] });
    expect(file.missing).toEqual([expect.stringMatching(/^The style images: a specification file holds none/)]);
  });

  it.each(['fractions', 'percent-text'] as const)('the original app’s JSON export (shares as %s), converted to a valid spec', (shares) => {
    const file = readSpecFile(JSON.stringify(originalAppSpecification('40154857', shares), null, 2));
    expect(file.source).toBe('original-json-export');
    expect(file.description).toBe('a JSON export of the original desktop app');
    expect(file.srefCode).toBe('40154857');
    expect(file.changes.length).toBeGreaterThan(0);
    expect(validateSpecification(file.spec, { srefCode: file.srefCode }).errors).toEqual([]);
  });

  it('the original app’s project file, taking the project’s own style reference and saying the images are missing', () => {
    // As in its published lora-40154857.lora-project: the spec's sref_code differs from the project's.
    const file = readSpecFile(originalAppProjectFile('40154857', 'stub-qwen3vl'));
    expect(file.source).toBe('original-project-file');
    expect(file.srefCode).toBe('40154857');
    expect(file.spec.sref_code).toBe('stub-qwen3vl');
    expect(file.missing).toEqual([expect.stringMatching(/only their paths .* \(3 images\)/)]);
  });

  it('another shape it can read, labelled as converted', () => {
    const spec = fixtureSpecification() as unknown as Record<string, any>;
    spec.permutation_batches[0].priority = 'High';
    const file = readSpecFile(JSON.stringify({ specification: spec }));
    expect(file.source).toBe('converted-json');
    expect(file.spec.permutation_batches[0]!.priority).toBe('high');
  });
});

describe('readSpecFile refuses, saying why', () => {
  it.each([
    ['text that is not JSON', 'hello', /not valid JSON/],
    ['JSON cut short', exportJson(fixtureSpecification(), context).slice(0, 200), /not valid JSON/],
    ['a list', '[1, 2]', /holds no specification \(expected a JSON object\)/],
    ['an unrelated object', '{"name": "my settings", "theme": "dark"}', /no style_analysis or permutation_batches/],
    ['a spec with a part missing', JSON.stringify({ ...fixtureSpecification(), style_analysis: undefined }), /incomplete: style_analysis: is missing/],
    ['an original project saved before any analysis', JSON.stringify({ images: [], imagePaths: [], srefCode: '1', specification: null, lastModified: 1 }), /saved before it had a specification/],
  ])('%s', (_name, text, reason) => {
    expect(refusal(text)).toMatch(reason);
  });

  it('this app’s project file, pointing to the right action', () => {
    const now = Date.now();
    const project = { id: 'p', name: 'P', createdAt: now, updatedAt: now, srefCode: '1', images: [], spec: null, analysis: null, step: 'upload' as const, isExample: false };
    expect(refusal(serializeProjectFile(project, []))).toMatch(/a \.lora-project file of this app; open it as a project file/);
  });

  it('a file too large to be a specification, before reading it', () => {
    expect(refusal('{}', MAX_SPEC_FILE_BYTES + 1)).toMatch(/far smaller/);
  });

  it('every message starts with what failed and the action says nothing was imported', () => {
    try {
      readSpecFile('nope');
    } catch (error) {
      expect((error as SpecFileError).message).toMatch(/^This file cannot be opened as a specification: /);
      expect((error as SpecFileError).action).toMatch(/Nothing was imported\.$/);
    }
  });
});
