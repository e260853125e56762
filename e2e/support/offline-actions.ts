/**
 * Helpers for the offline analysis specs: a Hub stand-in serving the tiny random Qwen2-VL under
 * the default variant's repo name (so the app's own model card downloads it), and user actions
 * written with roles and labels.
 */
import { test as base, expect, type Page } from '@playwright/test';
import { startClaudeStandIn, type ClaudeStandIn } from '../fixtures/claude-server';
import { startHubServer, type HubServer } from '../fixtures/hub-server';
import { cspGuardFixtures, type CspGuardFixtures } from './csp-guard';
import { expectStatus, modelCard, openModelSettings } from './model-actions';
import { chooseImages, continueToBatches, enterSref, goToStep, openApp } from './app';
import { styleImages, TEST_SREF } from './test';
import { DEFAULT_VARIANT_REPO, publishTinyModel, TINY_MODEL_HUB_ROOT } from './tiny-model-repo';

export { DEFAULT_VARIANT_REPO };

export const test = base.extend<{ hub: HubServer; claude: ClaudeStandIn } & CspGuardFixtures>({
  ...cspGuardFixtures,
  // eslint-disable-next-line no-empty-pattern
  hub: async ({}, use) => {
    await publishTinyModel();
    const hub = await startHubServer({ root: TINY_MODEL_HUB_ROOT });
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
 * Waits for the analysis to finish (the style results show, with "Next: batches") and goes on to
 * the batch editor. Fails at once with the app's message when it shows an error instead.
 */
export async function waitForAnalysis(page: Page, timeout = 150_000): Promise<void> {
  const results = page.getByRole('button', { name: 'Next: batches' });
  const failure = page.getByRole('alert');
  await expect(results.or(failure).first()).toBeVisible({ timeout });
  if (await failure.first().isVisible()) {
    const messages = await failure.allInnerTexts();
    throw new Error(`The analysis failed: ${messages.map((text) => text.replace(/\s+/g, ' ')).join(' | ')}`);
  }
  await continueToBatches(page);
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
