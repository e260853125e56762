/** Helpers that read like what a user does in the app. Selectors are roles and labels. */
import { expect, type Download, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';

export interface TestFile {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

export async function openApp(page: Page): Promise<void> {
  await page.goto('./');
  await expect(page.getByRole('tab', { name: '1. Images' })).toBeVisible();
}

/** Opens a page from the header, through its menu when the screen is narrow enough to fold it. */
export async function openPage(page: Page, name: 'Project' | 'Training set' | 'Projects' | 'Settings'): Promise<void> {
  const menu = page.getByRole('button', { name: 'Menu' });
  if (await menu.isVisible()) {
    if ((await menu.getAttribute('aria-expanded')) !== 'true') await menu.click();
  }
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true }).click();
}

export async function goToStep(page: Page, step: '1. Images' | '2. Analysis' | '3. Batches' | '4. Export'): Promise<void> {
  await openPage(page, 'Project');
  await page.getByRole('tab', { name: step }).click();
}

export async function chooseImages(page: Page, files: TestFile[]): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Choose images…' }).click();
  await (await chooser).setFiles(files);
}

export async function enterSref(page: Page, sref: string): Promise<void> {
  await page.getByLabel('Style reference (--sref)').fill(sref);
}

export async function useCloud(page: Page, options: { apiKey: string; endpoint: string }): Promise<void> {
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('radio', { name: /^Cloud/ }).check();
  await page.getByLabel('Claude API key').fill(options.apiKey);
  await page.getByRole('button', { name: 'Save key' }).click();
  const endpoint = page.getByLabel('API endpoint');
  await endpoint.fill(options.endpoint);
  await endpoint.press('Tab');
  await expect(page.getByText('API key saved in this browser.')).toBeVisible();
}

export async function analyze(page: Page): Promise<void> {
  await goToStep(page, '2. Analysis');
  await page.getByRole('button', { name: /Analyse (style|again)/ }).click();
}

/** After a successful analysis the style results show first; the user goes on to the batches. */
export async function continueToBatches(page: Page, timeout?: number): Promise<void> {
  const next = page.getByRole('button', { name: 'Next: batches' });
  await expect(next).toBeVisible(timeout === undefined ? {} : { timeout });
  await next.click();
  await expect(page.getByRole('tab', { name: '3. Batches' })).toHaveAttribute('aria-selected', 'true');
}

/** Clicks a button that downloads a file and returns the file's name and text. */
export async function exportAs(page: Page, buttonName: string): Promise<{ name: string; text: string }> {
  const downloadPromise: Promise<Download> = page.waitForEvent('download');
  await page.getByRole('button', { name: buttonName, exact: true }).click();
  const download = await downloadPromise;
  const path = await download.path();
  return { name: download.suggestedFilename(), text: await readFile(path, 'utf8') };
}
