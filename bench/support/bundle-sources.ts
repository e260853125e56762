/**
 * Which npm packages a built file contains, read from its source map (the build writes maps).
 * Used to check that the ML runtime (transformers.js, onnxruntime-web, xgrammar) never lands in
 * a chunk the page loads, only in worker bundles.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';

export const ML_PACKAGES = ['@huggingface/transformers', 'onnxruntime-web', 'onnxruntime-common', '@mlc-ai/web-xgrammar'] as const;

/** Package names (scoped ones whole) of the node_modules sources behind `file`; empty without a map. */
export async function packagesInBundle(dir: string, file: string): Promise<string[]> {
  const map = await readFile(path.join(dir, `${file}.map`), 'utf8').catch(() => undefined);
  if (!map) return [];
  const { sources } = JSON.parse(map) as { sources: string[] };
  const packages = new Set<string>();
  for (const source of sources) {
    const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(source);
    if (match) packages.add(match[1]!);
  }
  return [...packages];
}

export async function mlPackagesInBundle(dir: string, file: string): Promise<string[]> {
  return (await packagesInBundle(dir, file)).filter((name) => (ML_PACKAGES as readonly string[]).includes(name));
}
