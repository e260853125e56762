import { defineConfig } from '@playwright/test';
import { chromiumArgs, chromiumPath } from './e2e/support/chromium';

// E2E_PORT / E2E_DIST let several builds be tested side by side (default: dist/ on 4173).
const port = Number(process.env.E2E_PORT ?? 4173);
const outDir = process.env.E2E_DIST ?? 'dist';

export default defineConfig({
  testDir: './e2e',
  testMatch: '**/*.spec.ts',
  // One output folder per port, so side-by-side runs never delete each other's traces.
  outputDir: `test-results/${port}`,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  // Spec files run on two workers: most specs wait (on the network stand-ins, backoff timers,
  // throttled downloads) more than they compute. Each worker has its own fixture folders
  // (e2e/support/worker-fixture-dir.ts). E2E_WORKERS=1 runs them one after another.
  fullyParallel: false,
  workers: Number(process.env.E2E_WORKERS ?? 2),
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}/`,
    launchOptions: { executablePath: chromiumPath, args: chromiumArgs },
    // Traces only when a test is retried: recording every action of every test costs CPU the suite needs.
    trace: 'on-first-retry',
  },
  webServer: {
    command: `npx vite preview --port ${port} --strictPort --host 127.0.0.1 --outDir ${outDir}`,
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
