/**
 * Item 7: the built app. JS + CSS needed before first paint (gzip), compared with everything
 * the page can load; whether any page chunk carries ML code (it must stay in workers); and
 * first contentful paint on a local `vite preview`, compared with a blank page from the same
 * server in the same browser, cold (a fresh context per load: no HTTP cache, no service worker).
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser } from '@playwright/test';
import type { BenchContext } from '../harness/bench-item';
import { launchBenchBrowser } from '../harness/chromium';
import { BenchHarnessError, createFigure, type Figure } from '../harness/figure';
import { summarize } from '../harness/stats';
import { startStaticPreview } from '../harness/static-preview';
import { timeRounds } from '../harness/timing';
import { ensureAppBuild } from '../support/app-build';
import { mlPackagesInBundle } from '../support/bundle-sources';
import { firstPaintFiles, htmlFirstPaintFiles, pageGraphFiles, type PageFiles } from '../support/first-paint-assets';

const PREVIEW_PORT = 4520;
const BLANK_PAGE = 'bench-blank.html';
const KB = 1024;

async function gzipBytes(dir: string, files: readonly string[]): Promise<number> {
  let total = 0;
  for (const file of files) total += gzipSync(await readFile(path.join(dir, file)), { level: 9 }).byteLength;
  return total;
}

const allFiles = (files: PageFiles) => [...files.js, ...files.css];

/** Opens `url` in a fresh context and returns its first-contentful-paint time (ms from navigation). */
async function firstContentfulPaint(browser: Browser, url: string): Promise<number> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(url);
    return await page.evaluate(
      () =>
        new Promise<number>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error('No first-contentful-paint within 20 s.')), 20_000);
          new PerformanceObserver((list) => {
            const entry = list.getEntriesByName('first-contentful-paint')[0];
            if (entry) {
              clearTimeout(timer);
              resolve(entry.startTime);
            }
          }).observe({ type: 'paint', buffered: true });
        }),
    );
  } finally {
    await context.close();
  }
}

export async function run(context: BenchContext): Promise<Figure[]> {
  const app = await ensureAppBuild(context);
  const firstPaint = firstPaintFiles(app.manifest);
  const html = await readFile(path.join(app.dir, 'index.html'), 'utf8');
  const fromHtml = htmlFirstPaintFiles(html).sort();
  if (JSON.stringify(fromHtml) !== JSON.stringify(allFiles(firstPaint).sort())) {
    throw new BenchHarnessError(`index.html loads ${fromHtml.join(', ')}, the manifest says ${allFiles(firstPaint).join(', ')}.`);
  }
  const pageGraph = pageGraphFiles(app.manifest);
  const firstPaintGzip = await gzipBytes(app.dir, allFiles(firstPaint));
  const pageGraphGzip = await gzipBytes(app.dir, allFiles(pageGraph));

  const mlInPage: Record<string, string[]> = {};
  for (const file of pageGraph.js) {
    const packages = await mlPackagesInBundle(app.dir, file);
    if (packages.length > 0) mlInPage[file] = packages;
  }
  // Everything else the build emitted: worker bundles and the chunks they import themselves.
  const scripts = (await readdir(path.join(app.dir, 'assets'))).filter((name) => /\.m?js$/.test(name)).map((name) => `assets/${name}`);
  const mlInWorkers: Record<string, string[]> = {};
  for (const file of scripts.filter((name) => !pageGraph.js.includes(name))) {
    const packages = await mlPackagesInBundle(app.dir, file);
    if (packages.length > 0) mlInWorkers[file] = packages;
  }

  // The floor for first paint on this server and browser: one line of text, nothing to load.
  await writeFile(path.join(app.dir, BLANK_PAGE), '<!doctype html><html lang="en"><head><meta charset="UTF-8"><title>Blank</title></head><body><h1>Blank page</h1></body></html>\n');
  const server = await startStaticPreview({ root: context.root, outDir: app.dir, port: PREVIEW_PORT });
  const browser = await launchBenchBrowser();
  let paints: Record<'app' | 'blank', number[]>;
  try {
    paints = { app: [], blank: [] };
    const rounds = await timeRounds(
      { rounds: context.smoke ? 1 : 9, warmup: context.smoke ? 0 : 1 },
      {
        app: async () => paints.app.push(await firstContentfulPaint(browser, server.url)),
        blank: async () => paints.blank.push(await firstContentfulPaint(browser, `${server.url}${BLANK_PAGE}`)),
      },
    );
    // Keep only the timed rounds' paints (the first of each list was the warm-up).
    paints = { app: paints.app.slice(-rounds.app.length), blank: paints.blank.slice(-rounds.blank.length) };
  } finally {
    await browser.close();
    await server.close();
  }
  const appPaint = summarize(paints.app);
  const blankPaint = summarize(paints.blank);
  context.log(`first paint ${(firstPaintGzip / KB).toFixed(1)} KB gzip; FCP app ${appPaint.median.toFixed(0)} ms, blank ${blankPaint.median.toFixed(0)} ms`);

  const workerNote = Object.keys(mlInWorkers).length > 0 ? `ML code only in worker-side files: ${Object.keys(mlInWorkers).join(', ')}` : 'no built file carries ML code yet';
  return [
    createFigure({
      item: 7,
      id: 'first-paint-js-css-gzip',
      label: 'JS + CSS before first paint (gzip -9)',
      value: firstPaintGzip / KB,
      unit: 'KB',
      samples: 1,
      reference: { label: 'all JS + CSS the page can load', value: pageGraphGzip / KB, unit: 'KB' },
      target: { on: 'value', comparison: 'at-most', limit: 120 },
      details: { files: allFiles(firstPaint), pageGraph: allFiles(pageGraph), buildSeconds: app.buildSeconds },
    }),
    createFigure({
      item: 7,
      id: 'ml-chunks-in-page',
      label: 'page chunks carrying ML code',
      value: Object.keys(mlInPage).length,
      unit: 'chunks',
      samples: 1,
      target: { on: 'value', comparison: 'at-most', limit: 0 },
      note: workerNote,
      details: { mlInPage, mlInWorkers },
    }),
    createFigure({
      item: 7,
      id: 'first-contentful-paint',
      label: 'first contentful paint, cold (vite preview)',
      value: appPaint.median,
      unit: 'ms',
      samples: appPaint.samples,
      reference: { label: 'blank page, same server', value: blankPaint.median, unit: 'ms' },
      details: { appMs: paints.app, blankMs: paints.blank },
    }),
  ];
}
