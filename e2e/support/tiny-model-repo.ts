/**
 * The tiny random-weight Qwen2-VL (scripts/fixtures/make-tiny-qwen2vl.mjs) published as a Hub
 * repo under the default variant's name, so the app's own model card downloads it from the Hub
 * stand-in. Plain Node: used by the Playwright specs and the Firefox smoke run alike.
 */
import { copyFile, mkdir, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { workerFixtureDir } from './worker-fixture-dir';
// @ts-expect-error plain .mjs script without type declarations
import { ensureTinyQwen2VlFixture } from '../../scripts/fixtures/make-tiny-qwen2vl.mjs';

export const DEFAULT_VARIANT_REPO = 'onnx-community/Qwen2-VL-2B-Instruct';
export const TINY_MODEL_HUB_ROOT = workerFixtureDir('hub-offline');

/** Copies a generated tiny model variant into `<hubRoot>/<default repo>/` (files already there are kept). */
export async function publishTinyModel(variant = 'standard', hubRoot = TINY_MODEL_HUB_ROOT): Promise<void> {
  const { dir } = (await ensureTinyQwen2VlFixture(variant)) as { dir: string };
  const target = join(hubRoot, ...DEFAULT_VARIANT_REPO.split('/'));
  const files = await readdir(dir, { recursive: true, withFileTypes: true });
  for (const entry of files) {
    if (!entry.isFile()) continue;
    const from = join(entry.parentPath, entry.name);
    const to = join(target, from.slice(dir.length));
    const [source, existing] = await Promise.all([stat(from), stat(to).catch(() => undefined)]);
    if (existing && existing.size === source.size && existing.mtimeMs >= source.mtimeMs) continue;
    await mkdir(join(to, '..'), { recursive: true });
    await copyFile(from, to);
  }
}
