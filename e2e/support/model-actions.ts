/**
 * Playwright helpers for the model store specs: a Hub stand-in per test serving a fake-layout
 * Qwen2-VL repo, and user actions on Settings → Offline model (roles and labels only).
 */
import { test as base, expect, type Locator, type Page } from '@playwright/test';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { workerFixtureDir } from './worker-fixture-dir';
import { startHubServer, type HubServer } from '../fixtures/hub-server';
import { cspGuardFixtures, type CspGuardFixtures } from './csp-guard';
import { fakeQwen2VlLayout, writeFakeModelRepo } from './model-fixtures';
import { MODEL_DB_NAME } from '../../src/models/manifest-repository';

export const MODEL_REPO = 'onnx-community/Qwen2-VL-2B-Instruct';
export const MODEL_NAME = 'Qwen2-VL 2B Instruct';
export const HUB_ROOT = workerFixtureDir('hub-e2e');
/** The files a WASM device downloads from the fake repo (q4 set + root files). */
export const DOWNLOADED_FILES = [
  'config.json',
  'generation_config.json',
  'preprocessor_config.json',
  'tokenizer.json',
  'tokenizer_config.json',
  'onnx/decoder_model_merged_q4.onnx',
  'onnx/decoder_model_merged_q4.onnx_data',
  'onnx/embed_tokens_q4.onnx',
  'onnx/vision_encoder_q4.onnx',
];
export const BIG_FILE = 'onnx/decoder_model_merged_q4.onnx_data';

export const test = base.extend<{ hub: HubServer } & CspGuardFixtures>({
  ...cspGuardFixtures,
  // eslint-disable-next-line no-empty-pattern
  hub: async ({}, use) => {
    await writeFakeModelRepo(HUB_ROOT, MODEL_REPO, fakeQwen2VlLayout());
    const hub = await startHubServer({ root: HUB_ROOT });
    await use(hub);
    await hub.close();
  },
});
export { expect };

export function repoFilePath(path: string): string {
  return join(HUB_ROOT, ...MODEL_REPO.split('/'), ...path.split('/'));
}

export async function repoFileSha256(path: string): Promise<string> {
  return createHash('sha256').update(await readFile(repoFilePath(path))).digest('hex');
}

export async function repoFileSize(path: string): Promise<number> {
  return (await readFile(repoFilePath(path))).length;
}

/** Opens Settings and points downloads at the Hub stand-in through the "Hub host" field. */
export async function openModelSettings(page: Page, hubUrl: string): Promise<Locator> {
  await page.goto('./#/settings');
  const host = page.getByLabel('Hub host');
  await expect(host).toBeVisible();
  if ((await host.inputValue()) !== hubUrl) {
    await host.fill(hubUrl);
    await host.press('Tab');
  }
  await expect(host).toHaveValue(hubUrl);
  return modelCard(page);
}

export function modelCard(page: Page, name = MODEL_NAME): Locator {
  return page.getByRole('article', { name });
}

export function statusBadge(card: Locator): Locator {
  return card.locator('.model-status');
}

export async function expectStatus(card: Locator, status: 'not-downloaded' | 'downloading' | 'paused' | 'ready' | 'corrupt' | 'error', timeout = 30_000): Promise<void> {
  await expect(statusBadge(card)).toHaveAttribute('data-status', status, { timeout });
}

export function progressBar(card: Locator): Locator {
  return card.getByRole('progressbar');
}

/** Waits until the card's progress bar shows at least `percent`. */
export async function waitForProgress(card: Locator, percent: number): Promise<number> {
  let seen = 0;
  await expect
    .poll(async () => {
      seen = Number((await progressBar(card).getAttribute('aria-valuenow').catch(() => null)) ?? 0);
      return seen;
    }, { timeout: 30_000, intervals: [50] })
    .toBeGreaterThanOrEqual(percent);
  return seen;
}

/** Bytes of file content the stand-in sent (direct or CDN), per repo path. */
export function servedPerFile(hub: HubServer): Map<string, number> {
  const out = new Map<string, number>();
  for (const request of hub.requests) {
    if (!request.path || (request.kind !== 'cdn' && request.kind !== 'resolve')) continue;
    out.set(request.path, (out.get(request.path) ?? 0) + (request.status === 302 ? 0 : request.bytesSent));
  }
  return out;
}

/** SHA-256 of every stored model file, read back from OPFS in the page (independent of the app's own check). */
export async function opfsSha256(page: Page): Promise<Record<string, string>> {
  return page.evaluate(async () => {
    const out: Record<string, string> = {};
    const root = await navigator.storage.getDirectory();
    const models = await root.getDirectoryHandle('models');
    for await (const model of (models as unknown as { values(): AsyncIterable<FileSystemDirectoryHandle> }).values()) {
      for await (const entry of (model as unknown as { values(): AsyncIterable<FileSystemFileHandle> }).values()) {
        const bytes = await (await entry.getFile()).arrayBuffer();
        const digest = await crypto.subtle.digest('SHA-256', bytes);
        out[decodeURIComponent(entry.name)] = [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
      }
    }
    return out;
  });
}

/** Bytes in the site's storage as the browser counts them. */
export function storageUsage(page: Page): Promise<number> {
  return page.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);
}

/** The offset the app has recorded for a file of the (only) manifest in its IndexedDB store. */
export function recordedOffset(page: Page, path: string): Promise<number> {
  return page.evaluate(
    ({ dbName, path: wanted }) =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open(dbName);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('manifests')) return resolve(0);
          const all = db.transaction('manifests').objectStore('manifests').getAll();
          all.onsuccess = () => {
            const files = (all.result as { files: { path: string; bytesDone: number }[] }[]).flatMap((manifest) => manifest.files);
            resolve(files.find((file) => file.path === wanted)?.bytesDone ?? 0);
            db.close();
          };
        };
      }),
    { dbName: MODEL_DB_NAME, path },
  );
}
