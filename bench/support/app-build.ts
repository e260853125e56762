/**
 * The production build of the app, with Vite's manifest switched on (the only difference from
 * `npm run build`), into its own folder. Built once per benchmark run and shared by the items
 * that serve the app.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'vite';
import type { BenchContext } from '../harness/bench-item';
import type { ViteManifest } from './first-paint-assets';

export const APP_BUILD_DIR = '.fixtures/dist-bench';
const RUN_STAMP = '.bench-run';

export interface AppBuild {
  /** Absolute path of the built folder. */
  dir: string;
  manifest: ViteManifest;
  buildSeconds: number | null;
}

async function readManifest(dir: string): Promise<ViteManifest> {
  return JSON.parse(await readFile(path.join(dir, '.vite/manifest.json'), 'utf8')) as ViteManifest;
}

/** Builds the app unless this benchmark run already did. */
export async function ensureAppBuild(context: BenchContext): Promise<AppBuild> {
  const dir = path.join(context.root, APP_BUILD_DIR);
  const stamp = await readFile(path.join(dir, RUN_STAMP), 'utf8').catch(() => '');
  if (stamp === context.runId) return { dir, manifest: await readManifest(dir), buildSeconds: null };
  context.log(`building the app into ${APP_BUILD_DIR}`);
  const started = performance.now();
  await build({ root: context.root, logLevel: 'warn', build: { outDir: dir, emptyOutDir: true, manifest: true } });
  const buildSeconds = (performance.now() - started) / 1000;
  await writeFile(path.join(dir, RUN_STAMP), context.runId);
  return { dir, manifest: await readManifest(dir), buildSeconds };
}
