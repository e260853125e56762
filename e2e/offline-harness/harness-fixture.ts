/**
 * Playwright fixture for the offline harness: the tiny models generated, the harness page built
 * and served, and a Hub stand-in serving `.fixtures/models` (the generated tiny Qwen2-VL repos).
 */
import { test as base, expect, type Page } from '@playwright/test';
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { startHubServer, type HubServer } from '../fixtures/hub-server';
import { paintStyleImage } from '../support/png';
// @ts-expect-error plain .mjs script without type declarations
import { ensureTinyQwen2VlFixture, FIXTURE_MODELS_DIR } from '../../scripts/fixtures/make-tiny-qwen2vl.mjs';
import type { PreparedImage } from '../../src/analysis/types';
import type { ModelManifest } from '../../src/models/model-manifest';
import { workerFixtureDir } from '../support/worker-fixture-dir';
import { serveStatic } from './serve-static';

const HARNESS_DIST = workerFixtureDir('offline-harness-dist');
let built: Promise<unknown> | undefined;

export function buildHarness(): Promise<unknown> {
  built ??= promisify(execFile)('npx', ['vite', 'build', '--config', 'e2e/offline-harness/vite.config.ts'], {
    cwd: resolve('.'),
    env: { ...process.env, HARNESS_OUT_DIR: HARNESS_DIST },
  });
  return built;
}

export const test = base.extend<{ hub: HubServer; harnessUrl: string }>({
  // eslint-disable-next-line no-empty-pattern
  hub: async ({}, use) => {
    await ensureTinyQwen2VlFixture('standard');
    await ensureTinyQwen2VlFixture('narrowHead');
    const hub = await startHubServer({ root: FIXTURE_MODELS_DIR as string });
    await use(hub);
    await hub.close();
  },
  // eslint-disable-next-line no-empty-pattern
  harnessUrl: async ({}, use) => {
    await buildHarness();
    const server = await serveStatic(HARNESS_DIST);
    await use(server.url);
    await server.close();
  },
});
export { expect };

export function preparedImages(count: number): PreparedImage[] {
  return Array.from({ length: count }, (_, index) => ({
    name: `style-${index + 1}.png`,
    mediaType: 'image/png' as const,
    base64: paintStyleImage(index + 1, 96).toString('base64'),
    width: 96,
    height: 96,
  }));
}

export async function openHarness(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page).toHaveTitle('harness ready');
}

type Outcome<T> = { ok: true; value: T } | { ok: false; error: { message: string; detail?: string } };

export function unwrap<T>(outcome: Outcome<T>): T {
  if (!outcome.ok) throw new Error(`${outcome.error.message} ${outcome.error.detail ?? ''}`);
  return outcome.value;
}

export async function downloadModel(page: Page, hubUrl: string, repo: string, device: 'webgpu' | 'wasm'): Promise<ModelManifest> {
  return unwrap(
    await page.evaluate(([host, name, target]) => (window as any).harness.download(host, name, target), [hubUrl, repo, device] as const),
  ) as ModelManifest;
}
