/**
 * Writes a repo in the transformers.js Qwen2-VL layout filled with seeded random bytes, for
 * download tests that need the Hub's file layout and sizes but not a runnable model (the
 * runnable tiny model comes from scripts/fixtures/make-tiny-qwen2vl.mjs).
 */
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export interface FakeRepoFile {
  path: string;
  size: number;
}

/**
 * Download set for WASM / WebGPU without f16 (q4) plus files that must never be fetched there.
 * The dtype is chosen per session by size (dtype-selection.ts), so the sizes decide: q4 is the
 * smallest set WASM may run, q4f16 the smallest with shader-f16, full precision the largest.
 * (The real repo's listing, with its very different shape, is tests/fixtures/qwen2-vl-2b-instruct-listing.ts.)
 */
export function fakeQwen2VlLayout(scale = 1): FakeRepoFile[] {
  const mb = (n: number) => Math.round(n * scale * 1024 * 1024);
  return [
    { path: 'onnx/vision_encoder_q4.onnx', size: mb(3) },
    { path: 'onnx/embed_tokens_q4.onnx', size: mb(2) },
    { path: 'onnx/decoder_model_merged_q4.onnx', size: mb(4) },
    { path: 'onnx/decoder_model_merged_q4.onnx_data', size: mb(12) },
    { path: 'onnx/vision_encoder_q4f16.onnx', size: mb(1) },
    { path: 'onnx/embed_tokens_q4f16.onnx', size: mb(1) },
    { path: 'onnx/decoder_model_merged_q4f16.onnx', size: mb(2) },
    { path: 'onnx/vision_encoder.onnx', size: mb(4) },
    { path: 'tokenizer.json', size: mb(1.5) },
  ];
}

const SMALL_JSON: Record<string, unknown> = {
  'config.json': { model_type: 'qwen2_vl', architectures: ['Qwen2VLForConditionalGeneration'], hidden_size: 32 },
  'generation_config.json': { do_sample: false, max_new_tokens: 64 },
  'preprocessor_config.json': { patch_size: 14, merge_size: 2, temporal_patch_size: 2, do_resize: true, do_normalize: true },
  'tokenizer_config.json': { chat_template: '{% for m in messages %}{{ m.content }}{% endfor %}' },
};

/** Writes `root/<repo>/...` (skips files already there with the right size); returns the file list. */
export async function writeFakeModelRepo(root: string, repo: string, files: FakeRepoFile[] = fakeQwen2VlLayout(), seed = 42): Promise<FakeRepoFile[]> {
  const dir = join(root, ...repo.split('/'));
  const written: FakeRepoFile[] = [];
  for (const [name, json] of Object.entries(SMALL_JSON)) {
    const text = `${JSON.stringify(json, null, 2)}\n`;
    await writeIfChanged(join(dir, name), Buffer.from(text));
    written.push({ path: name, size: Buffer.byteLength(text) });
  }
  let index = 0;
  for (const file of files) {
    index += 1;
    const target = join(dir, ...file.path.split('/'));
    const existing = await stat(target).catch(() => undefined);
    if (existing?.size !== file.size) await writeIfChanged(target, seededBytes(file.size, seed * 1000 + index));
    written.push(file);
  }
  return written;
}

async function writeIfChanged(path: string, bytes: Buffer): Promise<void> {
  const existing = await readFile(path).catch(() => undefined);
  if (existing?.equals(bytes)) return;
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, bytes);
}

/** xorshift32: deterministic bytes, fast enough for tens of MB. */
export function seededBytes(size: number, seed: number): Buffer {
  const out = Buffer.alloc(size);
  let state = seed >>> 0 || 1;
  for (let at = 0; at + 4 <= size; at += 4) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    out.writeUInt32LE(state >>> 0, at);
  }
  for (let at = size - (size % 4); at < size; at += 1) out[at] = at & 0xff;
  return out;
}
