/**
 * Runs a source module in real Chromium: bundled with Vite into one script that sets a global,
 * served from a throwaway page on its own 127.0.0.1 origin (so calls to the Claude stand-in
 * are cross-origin, with CORS preflights, as in the app).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from '@playwright/test';
import { build } from 'vite';
import { chromiumArgs, chromiumPath } from '../../e2e/support/chromium';

export async function bundleForBrowser(entry: string, globalName: string): Promise<string> {
  const result = await build({
    configFile: false,
    logLevel: 'silent',
    build: { write: false, minify: false, target: 'es2022', lib: { entry, formats: ['iife'], name: globalName, fileName: globalName } },
  });
  const output = (Array.isArray(result) ? result[0] : result) as { output: Array<{ type: string; code?: string }> };
  const chunk = output.output.find((item) => item.type === 'chunk');
  if (!chunk?.code) throw new Error(`${entry} did not bundle`);
  return chunk.code;
}

export interface BrowserHarness {
  browser: Browser;
  page: Page;
  origin: string;
  close(): Promise<void>;
}

/** A page at http://127.0.0.1:<port>/ with `scripts` loaded in order. */
export async function openBrowserHarness(scripts: string[]): Promise<BrowserHarness> {
  const html = `<!doctype html><meta charset="utf-8"><title>harness</title>${scripts.map((_, index) => `<script src="/script-${index}.js"></script>`).join('')}`;
  const server = createServer((req, res) => {
    const match = /^\/script-(\d+)\.js$/.exec(req.url ?? '');
    const script = match ? scripts[Number(match[1])] : undefined;
    if (script !== undefined) {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
      res.end(script);
    } else {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(html);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  server.unref();
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  // A context of its own, so a test can open a second tab on the same origin (context.newPage()).
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${origin}/`);
  return {
    browser,
    page,
    origin,
    close: async () => {
      await browser.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
