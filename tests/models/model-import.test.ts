/** Import from disk: files matched by path, verified like downloads, the rest left for a download. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ImportedFile } from '../../src/models/download-api';
import { importModelFiles, matchImportedFile } from '../../src/models/model-import';
import { createModelTestKit, TEST_REPO, type ModelTestKit } from './support/model-test-kit';

let kit: ModelTestKit;
afterEach(async () => kit?.dispose());

async function pick(root: string, paths: string[], folder = 'Qwen2-VL-2B-Instruct'): Promise<ImportedFile[]> {
  return Promise.all(
    paths.map(async (path) => ({ relativePath: `${folder}/${path}`, file: new File([await readFile(join(root, ...TEST_REPO.split('/'), ...path.split('/')))], path.split('/').at(-1)!) })),
  );
}

describe('matchImportedFile', () => {
  const file = (relativePath: string) => ({ relativePath, file: new File([], relativePath) });
  it.each([
    ['onnx/a.onnx', ['onnx/a.onnx'], 'onnx/a.onnx'],
    ['onnx/a.onnx', ['model/onnx/a.onnx', 'a.onnx'], 'model/onnx/a.onnx'],
    ['onnx/a.onnx', ['a.onnx'], 'a.onnx'],
    ['onnx/a.onnx', ['x/a.onnx', 'y/a.onnx'], undefined],
    ['config.json', ['C:\\models\\config.json'], 'C:\\models\\config.json'],
  ])('%s among %j', (path, picked, expected) => {
    expect(matchImportedFile(path, picked.map(file))?.relativePath).toBe(expected);
  });
});

describe('importModelFiles', () => {
  it('imports a full folder to ready without any download', async () => {
    kit = await createModelTestKit({ scale: 0.1 });
    const manifest = await kit.resolve();
    kit.hub.clearRequests();
    const outcome = await importModelFiles({ store: kit.store, now: Date.now }, manifest.key, await pick(kit.hubRoot, kit.repoFiles.map((file) => file.path)), () => {});
    expect(outcome).toEqual({ status: 'ready', key: manifest.key, imported: manifest.files.map((file) => file.path) });
    expect(kit.hub.requests.length).toBe(0);
    expect((await kit.store.status(manifest.key)).kind).toBe('ready');
  });

  it('keeps verified files and lists the missing ones', async () => {
    kit = await createModelTestKit({ scale: 0.1 });
    const manifest = await kit.resolve();
    const outcome = await importModelFiles({ store: kit.store, now: Date.now }, manifest.key, await pick(kit.hubRoot, ['config.json', 'onnx/embed_tokens_q4.onnx']), () => {});
    expect(outcome.status).toBe('partial');
    expect(outcome.status === 'partial' && outcome.missing).toContain('onnx/decoder_model_merged_q4.onnx_data');
    // a download completes the rest, fetching only what is missing
    kit.hub.clearRequests();
    await kit.downloader().download(manifest.key, { signal: new AbortController().signal, onEvent: () => {} });
    const fetched = new Set(kit.hub.requests.filter((request) => request.path).map((request) => request.path));
    expect(fetched.has('config.json') || fetched.has('onnx/embed_tokens_q4.onnx')).toBe(false);
    expect((await kit.store.status(manifest.key)).kind).toBe('ready');
  });

  it('refuses a file whose bytes differ from the pinned hash', async () => {
    kit = await createModelTestKit({ scale: 0.1 });
    const manifest = await kit.resolve();
    const files = await pick(kit.hubRoot, ['onnx/vision_encoder_q4.onnx']);
    const bytes = new Uint8Array(await files[0]!.file.arrayBuffer());
    bytes[10]! ^= 1;
    const outcome = await importModelFiles({ store: kit.store, now: Date.now }, manifest.key, [{ relativePath: files[0]!.relativePath, file: new File([bytes], 'x') }], () => {});
    expect(outcome.status).toBe('failed');
    expect(outcome.status === 'failed' && outcome.error.kind).toBe('ChecksumMismatch');
    expect(await kit.store.readFile(manifest.key, 'onnx/vision_encoder_q4.onnx')).toBeUndefined();
  });
});
