/**
 * Helpers for the self-test specs: a Hub stand-in serving one tiny fixture variant under the 2B
 * card's repo (its own folder per variant), and the user's steps on Settings → Offline model.
 */
import { test as base, expect, type Locator, type Page } from '@playwright/test';
import { join } from 'node:path';
import { startHubServer, type HubServer } from '../fixtures/hub-server';
import { expectStatus, modelCard, openModelSettings } from './model-actions';
import { publishTinyModel } from './tiny-model-repo';
import { workerFixtureDir } from './worker-fixture-dir';

export const test = base.extend<{ hubVariant: string; hub: HubServer }>({
  hubVariant: ['realLayout', { option: true }],
  hub: async ({ hubVariant }, use) => {
    const root = join(workerFixtureDir('hub-self-test'), hubVariant);
    await publishTinyModel(hubVariant, root);
    const hub = await startHubServer({ root });
    await use(hub);
    await hub.close();
  },
});
export { expect };

/** Settings → the 2B card → Download, until Ready; returns the card. */
export async function installDefaultModel(page: Page, hubUrl: string): Promise<Locator> {
  const card = await openModelSettings(page, hubUrl);
  await card.getByRole('button', { name: 'Download' }).click();
  await expectStatus(modelCard(page), 'ready', 60_000);
  return modelCard(page);
}

/** Presses "Test on this device" and waits for the report (or fails with the app's message). */
export async function runSelfTest(card: Locator, timeout = 150_000): Promise<Locator> {
  await card.getByRole('button', { name: 'Test on this device' }).click();
  await expect(card.getByRole('button', { name: 'Cancel test' })).toBeVisible();
  const report = card.getByTestId('self-test-report');
  const failure = card.locator('.self-test').getByRole('alert');
  await expect(report.or(failure).first()).toBeVisible({ timeout });
  if (await failure.isVisible()) throw new Error(`The self-test failed to run: ${await failure.innerText()}`);
  return report;
}

/** The report's runs as the table shows them. */
export async function reportRuns(report: Locator): Promise<{ device: string; dtype: string; load: string; prefill: string; decode: string; answer: string }[]> {
  const rows = report.getByRole('row');
  const out = [];
  for (let index = 1; index < (await rows.count()); index += 1) {
    const row = rows.nth(index);
    const cells = await row.getByRole('cell').allInnerTexts();
    out.push({ device: await row.getByRole('rowheader').innerText(), dtype: cells[0]!, load: cells[1]!, prefill: cells[2]!, decode: cells[3]!, answer: cells[4]! });
  }
  return out;
}
