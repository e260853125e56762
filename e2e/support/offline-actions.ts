/**
 * Helpers for the offline analysis specs: a Hub stand-in serving the tiny random Qwen2-VL under
 * the default variant's repo name (so the app's own model card downloads it), and user actions
 * written with roles and labels.
 */
import { test as base, expect, type Page } from '@playwright/test';
import { copyFile, mkdir, readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { startClaudeStandIn, type ClaudeStandIn } from '../fixtures/claude-server';
import { startHubServer, type HubServer } from '../fixtures/hub-server';
import { expectStatus, modelCard, openModelSettings } from './model-actions';
import { chooseImages, enterSref, goToStep, openApp } from './app';
import { styleImages, TEST_SREF } from './test';
// @ts-expect-error plain .mjs script without type declarations
import { ensureTinyQwen2VlFixture } from '../../scripts/fixtures/make-tiny-qwen2vl.mjs';

export const DEFAULT_VARIANT_REPO = 'onnx-community/Qwen2-VL-2B-Instruct';
const HUB_ROOT = resolve('.fixtures/hub-offline');

/**
 * Copies a generated tiny model variant into `<hubRoot>/<default repo>/` (files already there are
 * kept), so the app's own 2B card downloads it.
 */
export async function publishTinyModel(variant = 'standard', hubRoot = HUB_ROOT): Promise<void> {
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

export const test = base.extend<{ hub: HubServer; claude: ClaudeStandIn }>({
  // eslint-disable-next-line no-empty-pattern
  hub: async ({}, use) => {
    await publishTinyModel();
    const hub = await startHubServer({ root: HUB_ROOT });
    await use(hub);
    await hub.close();
  },
  // eslint-disable-next-line no-empty-pattern
  claude: async ({}, use) => {
    const server = await startClaudeStandIn();
    await use(server);
    await server.close();
  },
});
export { expect };

/** Settings → Offline model: downloads the default variant from the Hub stand-in until Ready. */
export async function downloadOfflineModel(page: Page, hubUrl: string): Promise<void> {
  const card = await openModelSettings(page, hubUrl);
  await card.getByRole('button', { name: 'Download' }).click();
  await expectStatus(modelCard(page), 'ready', 60_000);
}

export async function chooseAnalysisMode(page: Page, mode: 'Auto' | 'Cloud' | 'Offline'): Promise<void> {
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('radio', { name: new RegExp(`^${mode}`) }).check();
}

/**
 * Waits for the analysis to finish: the app moves on to the batch editor. Fails at once with the
 * app's message when it shows an error instead.
 */
export async function waitForAnalysis(page: Page, timeout = 150_000): Promise<void> {
  const editor = page.getByRole('tab', { name: '3. Batches', selected: true });
  const failure = page.getByRole('alert');
  await expect(editor.or(failure).first()).toBeVisible({ timeout });
  if (await failure.first().isVisible()) {
    const messages = await failure.allInnerTexts();
    throw new Error(`The analysis failed: ${messages.map((text) => text.replace(/\s+/g, ' ')).join(' | ')}`);
  }
}

/** Origins of the http(s) requests made while `action` runs (page, workers and service worker). */
export async function originsDuring(page: Page, action: () => Promise<void>): Promise<Set<string>> {
  const origins = new Set<string>();
  const record = (url: string) => {
    const parsed = new URL(url);
    if (parsed.protocol.startsWith('http')) origins.add(parsed.origin);
  };
  const onRequest = (request: { url(): string }) => record(request.url());
  const context = page.context();
  page.on('request', onRequest);
  context.on('request', onRequest);
  try {
    await action();
  } finally {
    page.off('request', onRequest);
    context.off('request', onRequest);
  }
  return origins;
}

/** The analysis progress panel (the status region with the Cancel button). */
export function analysisProgress(page: Page) {
  return page.getByRole('status').filter({ has: page.getByRole('button', { name: 'Cancel analysis' }) });
}

/** The usual start of an offline journey: the model downloaded, Offline chosen, three style images and an sref. */
export async function prepareOfflineProject(page: Page, hubUrl: string): Promise<void> {
  await openApp(page);
  await downloadOfflineModel(page, hubUrl);
  await chooseAnalysisMode(page, 'Offline');
  await goToStep(page, '1. Images');
  await enterSref(page, TEST_SREF);
  await chooseImages(page, styleImages(3));
  await page.getByRole('button', { name: 'Continue to analysis' }).click();
}
