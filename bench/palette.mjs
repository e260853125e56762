#!/usr/bin/env node
/**
 * Palette extraction benchmark in headless Chromium: 10 images of 4000x3000 through the real
 * palette client (pixel worker, decoder pool, clustering), per image format, beside the same
 * files decoded in full one after another (serial) and over navigator.hardwareConcurrency
 * workers (the parallel ceiling), in the same runs.
 *
 *   node bench/palette.mjs            full run (5 timed runs per format)
 *   node bench/palette.mjs --quick    smoke mode (1 run, JPEG only)
 *
 * Prints a table and the JSON result on the last line. Exports `benchPalette()` for bench/run.mjs and
 * `openPalettePage()` for tests/palette (correctness in real Chromium). Builds bench/palette.html
 * with Vite into .fixtures/bench-palette and serves it on a random port.
 */
import { chromium } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { build, preview } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/lib/chromium/chromium';
const ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

/** Builds bench/palette.html (real client + worker bundle), serves it and opens it in Chromium. */
export async function openPalettePage({ outDir = '.fixtures/bench-palette' } = {}) {
  await build({
    root,
    configFile: false,
    logLevel: 'warn',
    base: './',
    worker: { format: 'es' },
    build: { outDir, emptyOutDir: true, target: 'es2022', rollupOptions: { input: { palette: `${root}bench/palette.html` } } },
  });
  const server = await preview({ root, configFile: false, logLevel: 'warn', build: { outDir }, preview: { port: 0, host: '127.0.0.1', strictPort: false } });
  const address = server.httpServer.address();
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  const close = async () => {
    await browser.close();
    await new Promise((resolve) => server.httpServer.close(resolve));
  };
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${address.port}/bench/palette.html`);
    await page.waitForFunction(() => document.getElementById('status')?.textContent === 'ready');
    return { page, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** `runs`: timed runs per format (default 5, 1 when quick). */
export async function benchPalette({ quick = false, runs = quick ? 1 : 5 } = {}) {
  const { page, close } = await openPalettePage();
  try {
    const formats = quick ? ['image/jpeg'] : ['image/jpeg', 'image/png', 'image/webp'];
    const results = [];
    for (const format of formats) {
      const run = await page.evaluate((options) => window.runPaletteBench(options), { format, images: 10, width: 4000, height: 3000, runs });
      results.push({ ...run, medianMs: median(run.runsMs), serialDecodeMs: median(run.serialDecodeRunsMs), parallelDecodeMs: median(run.parallelDecodeRunsMs) });
    }
    return results;
  } finally {
    await close();
  }
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const results = await benchPalette({ quick: process.argv.includes('--quick') });
  console.log('format      images  size        total MB  palette ms  serial decode ms  parallel decode ms  palette/serial  palette/parallel');
  for (const r of results) {
    console.log(
      `${r.format.padEnd(11)} ${String(r.images).padEnd(7)} ${`${r.width}x${r.height}`.padEnd(11)} ${(r.bytes / 1e6).toFixed(1).padStart(8)}  ${r.medianMs.toFixed(0).padStart(10)}  ${r.serialDecodeMs.toFixed(0).padStart(16)}  ${r.parallelDecodeMs.toFixed(0).padStart(18)}  ${(r.medianMs / r.serialDecodeMs).toFixed(2).padStart(14)}  ${(r.medianMs / r.parallelDecodeMs).toFixed(2).padStart(16)}`,
    );
  }
  console.log(`palette (${results[0].format}): ${results[0].palette.map((c) => `${c.hex} ${c.name} ${c.share}%`).join(', ')}`);
  console.log(JSON.stringify(results.map(({ palette, ...rest }) => rest)));
}
