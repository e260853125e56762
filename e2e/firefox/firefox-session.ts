/**
 * Firefox for the smoke run: Debian's firefox-esr driven by puppeteer-core over WebDriver BiDi
 * (FACTS.md section 8), no browser download. A fresh profile per session whose downloads land
 * in a temporary folder, the built app served by `vite preview`, and helpers that read like
 * user actions (accessible names through puppeteer's ARIA selectors wherever the name is short).
 */
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { preview, type PreviewServer } from 'vite';

export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

export interface FirefoxSession {
  browser: Browser;
  page: Page;
  appUrl: string;
  downloads: string;
  /** Uncaught exceptions in the page, in order. */
  pageErrors: string[];
  close(): Promise<void>;
}

/** The built app (dist/, or E2E_DIST) on E2E_PORT + 1, so it never collides with the Playwright run's server. */
export async function serveBuiltApp(): Promise<PreviewServer> {
  const port = Number(process.env.E2E_PORT ?? 4173) + 1;
  return preview({ logLevel: 'warn', preview: { port, strictPort: true, host: '127.0.0.1' }, build: { outDir: process.env.E2E_DIST ?? 'dist' } });
}

export async function launchFirefox(appUrl: string): Promise<FirefoxSession> {
  const downloads = await mkdtemp(join(tmpdir(), 'firefox-downloads-'));
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: true,
    extraPrefsFirefox: {
      // Downloads are saved without asking, where the test can read them.
      'browser.download.dir': downloads,
      'browser.download.folderList': 2,
      'browser.download.useDownloadDir': true,
      'browser.download.always_ask_before_handling_new_types': false,
      // ...and without opening the downloads panel, which takes the focus from the page.
      'browser.download.alwaysOpenPanel': false,
    },
  });
  const page = await browser.newPage();
  page.setDefaultTimeout(30_000);
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error instanceof Error ? error.message : String(error)));
  return {
    browser,
    page,
    appUrl,
    downloads,
    pageErrors,
    close: async () => {
      await browser.close();
      await rm(downloads, { recursive: true, force: true });
    },
  };
}

/** An element by role and exact accessible name. */
export const byRole = (role: string, name: string) => `::-p-aria([name=${JSON.stringify(name)}][role=${JSON.stringify(role)}])`;

/**
 * Clicks like a user: once the element is enabled and nothing (a toast, a sticky header) covers
 * its centre. Playwright checks the same before every click; puppeteer's locator does not.
 */
export async function click(page: Page, selector: string): Promise<void> {
  const element = await page.locator(selector).waitHandle();
  await element.scrollIntoView();
  await page.waitForFunction(
    (target) => {
      const box = target.getBoundingClientRect();
      const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
      return hit !== null && target.contains(hit) && !(target as HTMLButtonElement).disabled;
    },
    { timeout: 30_000, polling: 100 },
    element,
  );
  await element.click();
  await element.dispose();
}

/** Clicks into a field, selects what is there and types over it, as a user does (every key an input event). */
export async function fill(page: Page, selector: string, value: string): Promise<void> {
  await click(page, selector);
  await page.keyboard.down('Control');
  await page.keyboard.press('a');
  await page.keyboard.up('Control');
  await page.keyboard.type(value);
}

/** Waits until the page shows `text` somewhere (or matches the pattern). */
export async function waitForText(page: Page, text: string | RegExp, timeout = 30_000): Promise<void> {
  const pattern = typeof text === 'string' ? { source: text, flags: '', literal: true } : { source: text.source, flags: text.flags, literal: false };
  await page.waitForFunction(
    ({ source, flags, literal }) => {
      const body = document.body.innerText;
      return literal ? body.includes(source) : new RegExp(source, flags).test(body);
    },
    { timeout, polling: 100 },
    pattern,
  );
}

/** Opens a header page (Project, Training set, Projects, Settings). */
export async function openPage(page: Page, name: string): Promise<void> {
  await click(page, byRole('link', name));
}

export async function goToStep(page: Page, step: '1. Images' | '2. Analysis' | '3. Batches' | '4. Export'): Promise<void> {
  await openPage(page, 'Project');
  await click(page, byRole('tab', step));
}

/** Clicks a button that opens the file chooser and picks `paths`. */
export async function chooseFiles(page: Page, buttonName: string, paths: string[]): Promise<void> {
  const [chooser] = await Promise.all([page.waitForFileChooser(), click(page, byRole('button', buttonName))]);
  await chooser.accept(paths);
}

/** Waits for a finished download whose name matches (Firefox writes `.part` files until done); returns its path. */
export async function waitForDownload(session: FirefoxSession, pattern: RegExp, timeout = 30_000): Promise<string> {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    const names = await readdir(session.downloads);
    const done = names.find((name) => pattern.test(name) && !names.includes(`${name}.part`));
    if (done) {
      const path = join(session.downloads, done);
      const size = (await stat(path)).size;
      await new Promise((resolve) => setTimeout(resolve, 200));
      if ((await stat(path)).size === size && size > 0) return path;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`No download matching ${pattern} within ${timeout} ms (have: ${(await readdir(session.downloads)).join(', ') || 'none'})`);
}
