/**
 * Opens the offline benchmark page (bench/browser/) in headless Chromium: builds it with Vite,
 * serves it with `vite preview`, and starts the Hub stand-in serving the tiny Qwen2-VL fixture
 * (generated on demand) on another port, as the e2e tests do. WASM only: no WebGPU flag.
 */
import path from 'node:path';
import type { Page } from '@playwright/test';
import { build } from 'vite';
import { startHubServer, type HubServer } from '../../e2e/fixtures/hub-server';
// @ts-expect-error plain .mjs script without type declarations
import { ensureTinyQwen2VlFixture, FIXTURE_MODELS_DIR } from '../../scripts/fixtures/make-tiny-qwen2vl.mjs';
import type { OfflineBenchPage } from '../browser/offline-bench-page';
import type { BenchContext } from '../harness/bench-item';
import { launchBenchBrowser } from '../harness/chromium';
import { startStaticPreview } from '../harness/static-preview';

const OUT_DIR = '.fixtures/bench-browser';

export interface OfflineBenchSession {
  page: Page;
  hub: HubServer;
  /** The tiny model's repo id on the Hub stand-in. */
  repo: string;
  close(): Promise<void>;
}

declare global {
  interface Window {
    offlineBench: OfflineBenchPage;
  }
}

export async function openOfflineBench(context: BenchContext): Promise<OfflineBenchSession> {
  const { repo } = (await ensureTinyQwen2VlFixture('standard')) as { repo: string };
  const outDir = path.join(context.root, OUT_DIR);
  context.log(`building the benchmark page into ${OUT_DIR}`);
  await build({
    root: path.join(context.root, 'bench/browser'),
    configFile: false,
    base: './',
    logLevel: 'warn',
    worker: { format: 'es' },
    build: { outDir, emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 30_000 },
  });
  const closers: Array<() => Promise<void>> = [];
  const close = async () => {
    for (const closer of closers.reverse()) await closer();
  };
  try {
    // Isolated for 5 µs timers in the workers (the grammar's per-token times are tens of µs);
    // the ONNX runtime stays on one thread as in the app (ort-runtime.ts sets it).
    const server = await startStaticPreview({ root: context.root, outDir, port: 0, crossOriginIsolated: true });
    closers.push(() => server.close());
    const hub = await startHubServer({ root: FIXTURE_MODELS_DIR as string });
    closers.push(() => hub.close());
    const browser = await launchBenchBrowser();
    closers.push(() => browser.close());
    const page = await browser.newPage();
    page.on('pageerror', (error) => context.log(`page error: ${error.message}`));
    await page.goto(server.url);
    await page.waitForFunction(() => document.getElementById('status')?.textContent === 'ready');
    if (!(await page.evaluate(() => crossOriginIsolated))) throw new Error('The benchmark page is not cross-origin isolated: per-token timers would be too coarse.');
    return { page, hub, repo, close };
  } catch (error) {
    await close();
    throw error;
  }
}
